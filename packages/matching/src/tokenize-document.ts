// A mention split once into what queries look at: folded words in order, hashtags, handles and
// URL hosts. Every brand's matcher then reads the same TokenizedDocument, so 100 brands cost one
// tokenization plus 100 cheap evaluations.
import { foldText } from './text-fold.ts';
import { SPACED_WORD, splitWords, UNSPACED_CHAR } from './word-split.ts';

export interface MatchDocument {
  text: string;
  title?: string | null;
  /** The mention's own link; its host counts for `site:` terms. */
  url?: string | null;
  /** Handles the source lists as mentioned (structured data), with or without a leading `@`. */
  handles?: readonly string[] | null;
}

const tokenizedBrand = Symbol.for('@sl/matching.TokenizedDocument');

export interface TokenizedDocument {
  readonly [tokenizedBrand]: true;
  /**
   * Folded words in reading order. A sentence end (or the gap between title and text) is kept as
   * an empty string, so a phrase never matches across it; URLs with a scheme or `www.` contribute
   * no words (use `site:`), bare domains such as `acme.com` do.
   */
  readonly words: readonly string[];
  /** Word → indexes in `words`. */
  readonly wordIndex: ReadonlyMap<string, readonly number[]>;
  /** Folded hashtags without `#`. */
  readonly hashtags: ReadonlySet<string>;
  /** Folded handles without `@`: the local part, and `local@server` when one was written. */
  readonly handles: ReadonlySet<string>;
  /** Lower-case hosts of every URL and bare domain in the text, and of `url`. */
  readonly hosts: readonly string[];
  /** URLs with a scheme or `www.` written in the title and text. */
  readonly linkCount: number;
}

export function isTokenizedDocument(value: unknown): value is TokenizedDocument {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[tokenizedBrand] === true;
}

const LETTER_OR_DIGIT = String.raw`[\p{L}\p{N}\p{M}]`;
// Numbered groups, read with exec: named groups make every match allocate a `groups` object,
// which cost about three quarters of tokenization time.
const TOKEN = new RegExp(
  [
    /* 1 link */ String.raw`((?:https?:\/\/|www\.)[^\s<>"'\(\)\[\]\{\}]+)`,
    /* 2 tag */ String.raw`(?<![\p{L}\p{N}_&])#([\p{L}\p{N}\p{M}_]+)`,
    /* 3 handle, 4 server */ String.raw`(?<![\p{L}\p{N}_.])@([\p{L}\p{N}_](?:[\p{L}\p{N}_.\-]*[\p{L}\p{N}_])?)(?:@([\p{L}\p{N}\-]+(?:\.[\p{L}\p{N}\-]+)+))?`,
    /* 5 domain */ String.raw`(${LETTER_OR_DIGIT}[\p{L}\p{N}\p{M}\-]*(?:\.[\p{L}\p{N}\p{M}\-]+)*\.\p{L}{2,24})(?![\p{L}\p{N}])`,
    /* 6 stop */ String.raw`([.!?…。！？]+(?=\s|$)|\n)`,
    /* 7 word */ `(${UNSPACED_CHAR}|${SPACED_WORD})`,
  ].join('|'),
  'gv',
);

class DocumentBuilder {
  readonly words: string[] = [];
  readonly hashtags = new Set<string>();
  readonly handles = new Set<string>();
  readonly hosts: string[] = [];
  linkCount = 0;

  addSegment(text: string): void {
    if (this.words.length > 0) this.addStop();
    const folded = foldText(text);
    TOKEN.lastIndex = 0;
    for (let match = TOKEN.exec(folded); match !== null; match = TOKEN.exec(folded)) {
      if (match[7] !== undefined) this.words.push(match[7]);
      else if (match[6] !== undefined) this.addStop();
      else if (match[2] !== undefined) this.addHashtag(match[2]);
      else if (match[3] !== undefined) this.addHandle(match[3], match[4]);
      else if (match[5] !== undefined) this.addDomain(match[5]);
      else if (match[1] !== undefined) this.addLink(match[1]);
    }
  }

  addStop(): void {
    if (this.words.length > 0 && this.words[this.words.length - 1] !== '') this.words.push('');
  }

  addHashtag(tag: string): void {
    this.hashtags.add(tag);
    // The hashtag's text is also plain text: bare `acme` matches `#acme` (and `#acme_fans`).
    for (const word of splitWords(tag)) this.words.push(word);
  }

  addHandle(local: string, server: string | undefined): void {
    this.handles.add(local);
    if (server !== undefined) this.handles.add(`${local}@${server}`);
    for (const word of splitWords(local)) this.words.push(word);
  }

  addDomain(domain: string): void {
    this.addHost(domain);
    for (const word of splitWords(domain)) this.words.push(word);
  }

  addLink(link: string): void {
    this.linkCount++;
    const host = hostOf(link);
    if (host !== null) this.addHost(host);
    this.addStop();
  }

  addHost(host: string): void {
    if (!this.hosts.includes(host)) this.hosts.push(host);
  }

  build(): TokenizedDocument {
    const wordIndex = new Map<string, number[]>();
    this.words.forEach((word, index) => {
      if (word === '') return;
      const indexes = wordIndex.get(word);
      if (indexes === undefined) wordIndex.set(word, [index]);
      else indexes.push(index);
    });
    return {
      [tokenizedBrand]: true,
      words: this.words,
      wordIndex,
      hashtags: this.hashtags,
      handles: this.handles,
      hosts: this.hosts,
      linkCount: this.linkCount,
    };
  }
}

/** The host of an absolute URL, `www.` link or bare domain, lower-case; null when there is none. */
export function hostOf(link: string): string | null {
  const withoutScheme = link.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '');
  const authority = withoutScheme.split(/[/?#]/, 1)[0] ?? '';
  const host = foldText(authority.slice(authority.lastIndexOf('@') + 1).replace(/:\d*$/, '')).replace(/\.$/, '');
  return host === '' ? null : host;
}

export function tokenizeDocument(doc: MatchDocument): TokenizedDocument {
  const builder = new DocumentBuilder();
  if (doc.title) builder.addSegment(doc.title);
  builder.addSegment(doc.text);
  if (doc.url) {
    const host = hostOf(doc.url);
    if (host !== null) builder.addHost(host);
  }
  for (const handle of doc.handles ?? []) {
    const folded = foldText(handle.replace(/^@/, ''));
    const at = folded.indexOf('@');
    builder.handles.add(folded);
    if (at > 0) builder.handles.add(folded.slice(0, at));
  }
  return builder.build();
}
