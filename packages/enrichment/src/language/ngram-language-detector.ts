// eld's detection (eld 2.1.0, extrasmall database) on flat tables: the same words, the same byte
// n-grams, the same scores and the same reliability test, so the same verdict for every text
// (the unit test and `npm run bench:language` compare it with eld itself), at a fraction of the
// memory (ngram-table.ts) and CPU: eld keeps each text's n-grams as keys of a plain object and
// walks each n-gram's languages as object properties, the slowest part of the enricher's
// profile after near-duplicate lookup.
//
// What is eld's and read from the pinned package (data, not logic): the n-gram table, the letter
// class that separates words, the table that spells a UTF-8 byte as one character, and each
// language's average score of a right answer. What it does with them is written here:
//   1. the first 1,000 characters; every run of non-letters (an apostrophe kept inside a word)
//      becomes one space; trimmed, lower-cased;
//   2. words as UTF-8 byte strings, one character per byte, until ~350 bytes (at a word's end)
//      or 380 (anywhere);
//   3. a word's n-grams: 4 bytes every 3 (the first marked by a leading space), then its last 4
//      bytes with a trailing space (a word of at most 4 bytes is one n-gram, spaces both sides);
//      at most the first 70 bytes are stepped through;
//   4. each distinct n-gram adds its points to every language it lists; the best score wins
//      (the lowest language index on a tie);
//   5. reliable: at least 3 distinct n-grams, the winner's score per n-gram s scaled to s/(s+25)
//      at least 0.75 of the language's average, and eld's closeness check against the runner-up
//      (which, in this version, compares with the runner-up's index, not its score: kept, as the
//      verdicts must be eld's).
import { type NgramTable, readNgramTable } from './ngram-table.ts';

interface EldInternals {
  separators: RegExp;
  dictionary: readonly string[];
  avgScore: Readonly<Record<string, number>>;
}

/** eld's own modules beside its entry point (not in its package exports, so by file URL). */
async function loadEldInternals(): Promise<EldInternals> {
  const base = import.meta.resolve('eld/extrasmall');
  const [patterns, dictionary, average] = await Promise.all([
    import(new URL('../regexPatterns.js', base).href),
    import(new URL('../dictionary.js', base).href),
    import(new URL('../avgScore.js', base).href),
  ]);
  return { separators: patterns.separators, dictionary: dictionary.dictionary, avgScore: average.avgScore };
}

const ELD = await loadEldInternals();

/** Characters read of a text (eld's limit). */
const MAX_CHARS = 1000;
/** Bytes after which the next space ends the words read, and after which any character does. */
const CUT_AT_SPACE = 350;
const CUT_ANYWHERE = 380;
/** Bytes of a word stepped through for n-grams. */
const MAX_WORD_BYTES = 70;
/** s / (s + SCALE) turns a score per n-gram into (0, 1). */
const SCALE = 25;
/** Share of the language's average score below which the answer is not reliable. */
const RELIABLE_SHARE = 0.75;
const MIN_NGRAMS = 3;

export interface NgramVerdict {
  /** ISO 639-1 code of the best-scoring language, or '' when no n-gram is known. */
  language: string;
  reliable: boolean;
}

export class NgramLanguageDetector {
  private readonly table: NgramTable;
  private readonly scores: Float64Array;
  private readonly averageOf: Float64Array;
  /** The distinct n-grams of the text being scored, reused. */
  private readonly seen = new Set<string>();

  constructor(table: NgramTable = readNgramTable()) {
    this.table = table;
    this.scores = new Float64Array(table.languages.length);
    this.averageOf = Float64Array.from(table.languages, (code) => ELD.avgScore[code] ?? Number.NaN);
  }

  detect(text: string): NgramVerdict {
    const cleaned = text.substring(0, MAX_CHARS).replace(ELD.separators, ' ').trim().toLowerCase();
    const scores = this.scores;
    scores.fill(0);
    const seen = this.seen;
    seen.clear();
    for (const word of byteWords(cleaned, ELD.dictionary)) {
      const length = Math.min(word.length, MAX_WORD_BYTES);
      let j = 0;
      for (; j + 4 < length; j += 3) this.add(j === 0 ? ` ${word.substring(0, 4)}` : word.substring(j, j + 4));
      // A negative start is 0 to substring: a short word whole. Past 70 bytes the tail runs to the word's end.
      const tail = word.substring(length !== 3 ? length - 4 : 0);
      this.add(j === 0 ? ` ${tail} ` : `${tail} `);
    }
    let best = -1;
    for (let lang = 0; lang < scores.length; lang++) {
      const score = scores[lang] as number;
      if (score > 0 && (best === -1 || score > (scores[best] as number))) best = lang;
    }
    if (best === -1) return { language: '', reliable: false };
    let second = -1;
    for (let lang = 0; lang < scores.length; lang++) {
      const score = scores[lang] as number;
      if (lang !== best && score > 0 && (second === -1 || score > (scores[second] as number))) second = lang;
    }
    const count = seen.size;
    const perNgram = (scores[best] as number) / count;
    const scaled = perNgram / (perNgram + SCALE);
    // eld compares the winner's scaled score with the runner-up's language index (0 when there is none).
    const next = second === -1 ? 0 : second;
    const reliable = count >= MIN_NGRAMS && !((this.averageOf[best] as number) * RELIABLE_SHARE > scaled || 0.01 > Math.abs(scaled - next));
    return { language: this.table.languages[best] as string, reliable };
  }

  private add(ngram: string): void {
    if (this.seen.has(ngram)) return;
    this.seen.add(ngram);
    const row = this.table.rows.get(ngram);
    if (row === undefined) return;
    const { rowStart, language, points } = this.table;
    const scores = this.scores;
    for (let k = rowStart[row] as number, end = rowStart[row + 1] as number; k < end; k++) {
      const lang = language[k] as number;
      scores[lang] = (scores[lang] as number) + (points[k] as number);
    }
  }
}

/** Words of `text` (single spaces between) as UTF-8 byte strings, one `dictionary` character a byte. */
function byteWords(text: string, dictionary: readonly string[]): string[] {
  const words: string[] = [];
  let word = '';
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    let code = text.charCodeAt(i);
    if (code < 0x80) {
      if (code === 32) {
        if (word !== '') {
          words.push(word);
          word = '';
        }
        if (bytes > CUT_AT_SPACE) break;
      } else word += text[i];
      bytes++;
    } else if (code < 0x800) {
      word += (dictionary[0xc0 | (code >> 6)] as string) + dictionary[0x80 | (code & 0x3f)];
      bytes += 2;
    } else if (code < 0xd800 || code >= 0xe000) {
      word += (dictionary[0xe0 | (code >> 12)] as string) + dictionary[0x80 | ((code >> 6) & 0x3f)] + dictionary[0x80 | (code & 0x3f)];
      bytes += 3;
    } else {
      // A surrogate pair (its second half read whatever it is, as eld does).
      i++;
      code = 0x10000 + (((code & 0x3ff) << 10) | (text.charCodeAt(i) & 0x3ff));
      word +=
        (dictionary[0xf0 | (code >> 18)] as string) +
        dictionary[0x80 | ((code >> 12) & 0x3f)] +
        dictionary[0x80 | ((code >> 6) & 0x3f)] +
        dictionary[0x80 | (code & 0x3f)];
      bytes += 4;
    }
    if (bytes > CUT_ANYWHERE) break;
  }
  if (word !== '') words.push(word);
  return words;
}
