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

/** Distinct hashtags of a text, lowercased, with their '#'. */
export function hashtagsOf(text: string): Set<string> {
  const out = new Set<string>();
  for (const match of text.normalize('NFKC').matchAll(HASHTAG_PATTERN)) out.add(`#${(match[1] ?? '').toLowerCase()}`);
  return out;
}

/** Distinct terms of a text: lowercased words of 3+ characters with a letter, not stopwords, URLs, handles or hashtags. */
export function termsOf(text: string): Set<string> {
  const out = new Set<string>();
  const cleaned = text
    .normalize('NFKC')
    .toLowerCase()
    .replace(URL_PATTERN, ' ')
    .replace(HANDLE_PATTERN, '$1 ')
    .replace(HASHTAG_PATTERN, ' ');
  for (const match of cleaned.matchAll(WORD_PATTERN)) {
    const word = match[0].replace(/’/gu, "'");
    if (word.length < 3 || !/\p{L}/u.test(word) || STOPWORDS.has(word)) continue;
    out.add(word);
  }
  return out;
}

const byCode = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The `limit` most frequent entries, highest count first, ties by term. */
export function topCounts(counts: ReadonlyMap<string, number>, limit: number = TOP_TERMS_LIMIT): TermCount[] {
  return [...counts]
    .sort((a, b) => b[1] - a[1] || byCode(a[0], b[0]))
    .slice(0, limit)
    .map(([term, count]) => ({ term, count }));
}
