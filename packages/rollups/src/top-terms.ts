// Terms and hashtags of a mention, and the top-N of a count table. A term counts once per
// mention (how many counted mentions used it), so a row's counts never exceed its `mentions`.
// Ties break by term in code-unit order, so the same counts always give the same list.

export interface TermCount {
  term: string;
  count: number;
}

export const TOP_TERMS_LIMIT = 20;

// Small and English-leaning on purpose: the rollup keeps what people talk about, not grammar.
const STOPWORDS = new Set(
  (
    'the and for are but not you all any can had her was one our out has his how its may new now old see two who did get ' +
    'him let put say she too use that with have this will your from they know want been good much some time very when ' +
    'come here just like long make many more only over such take than them well were what into also back after most ' +
    'about would there their which could other these those then because should being where while does done each ' +
    'http https www com'
  ).split(' '),
);

const URL_PATTERN = /\bhttps?:\/\/\S+|\bwww\.\S+/giu;
const HANDLE_PATTERN = /(^|[^\p{L}\p{N}_])@[\p{L}\p{N}_.]+/gu;
const HASHTAG_PATTERN = /(?:^|[^\p{L}\p{N}_&])#([\p{L}\p{N}_]*\p{L}[\p{L}\p{N}_]*)/gu;
const WORD_PATTERN = /[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu;

// Every mention of a flush goes through here, so the exact slow paths (Unicode normalization, the
// Unicode regexes) run only where they can change something: NFKC leaves ASCII as it is, and a
// pattern that needs '@', '#', 'http' or 'www.' cannot match a text without them.
function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i += 1) if (text.charCodeAt(i) > 0x7f) return false;
  return true;
}
const normalized = (text: string): string => (isAscii(text) ? text : text.normalize('NFKC'));

function hashtagsOfNormalized(text: string): Set<string> {
  const out = new Set<string>();
  if (!text.includes('#')) return out;
  for (const match of text.matchAll(HASHTAG_PATTERN)) out.add(`#${(match[1] ?? '').toLowerCase()}`);
  return out;
}

/** A word of WORD_PATTERN (lowercased) holds a letter: an ASCII one, else as Unicode says. */
function hasLetter(word: string): boolean {
  for (let i = 0; i < word.length; i += 1) {
    const c = word.charCodeAt(i);
    if (c >= 97 && c <= 122) return true;
    if (c >= 128) return /\p{L}/u.test(word);
  }
  return false;
}

function termsOfNormalized(text: string): Set<string> {
  const out = new Set<string>();
  let cleaned = text.toLowerCase();
  if (cleaned.includes('http') || cleaned.includes('www.')) cleaned = cleaned.replace(URL_PATTERN, ' ');
  if (cleaned.includes('@')) cleaned = cleaned.replace(HANDLE_PATTERN, '$1 ');
  if (cleaned.includes('#')) cleaned = cleaned.replace(HASHTAG_PATTERN, ' ');
  const curly = cleaned.includes('’');
  for (const match of cleaned.matchAll(WORD_PATTERN)) {
    const word = curly ? match[0].replace(/’/gu, "'") : match[0];
    if (word.length < 3 || STOPWORDS.has(word) || !hasLetter(word)) continue;
    out.add(word);
  }
  return out;
}

/** Distinct hashtags of a text, lowercased, with their '#'. */
export function hashtagsOf(text: string): Set<string> {
  return hashtagsOfNormalized(normalized(text));
}

/** Distinct terms of a text: lowercased words of 3+ characters with a letter, not stopwords, URLs, handles or hashtags. */
export function termsOf(text: string): Set<string> {
  return termsOfNormalized(normalized(text));
}

/** `termsOf` and `hashtagsOf` of one text, normalizing it once. */
export function termsAndHashtagsOf(text: string): { terms: Set<string>; hashtags: Set<string> } {
  const n = normalized(text);
  return { terms: termsOfNormalized(n), hashtags: hashtagsOfNormalized(n) };
}

const byCode = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The `limit` most frequent entries, highest count first, ties by term. */
export function topCounts(counts: ReadonlyMap<string, number>, limit: number = TOP_TERMS_LIMIT): TermCount[] {
  return [...counts]
    .sort((a, b) => b[1] - a[1] || byCode(a[0], b[0]))
    .slice(0, limit)
    .map(([term, count]) => ({ term, count }));
}
