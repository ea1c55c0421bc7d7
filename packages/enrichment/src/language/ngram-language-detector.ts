// eld's detection (eld 2.1.0, extrasmall database) on flat tables: the same words, the same byte
// n-grams, the same scores and the same reliability test, so the same verdict for every text
// (the unit test and `npm run bench:language` compare it with eld itself), at a fraction of the
// memory (ngram-table.ts) and CPU: eld keeps each text's n-grams as keys of a plain object and
// walks each n-gram's languages as object properties, the slowest part of the enricher's
// profile after near-duplicate lookup. An n-gram is never made a string here: each byte's
// spelling is a small code, a word's codes sit in a reused byte array, and an n-gram is looked
// up packed into two integers (packed-ngram-map.ts), as many as the string had characters, so
// two n-grams are equal exactly when eld's strings are (several bytes share a spelling: eld's
// table spells most bytes it never needed as a space, and so is it compared here).
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
import { MAX_PACKED_CHARS, PackedNgramMap, packNgram } from './packed-ngram-map.ts';
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
/** Bytes read at most: a character (up to 4 bytes) may end past CUT_ANYWHERE. */
const MAX_BYTES = CUT_ANYWHERE + 4;

/**
 * How eld spells each UTF-8 byte of a word: an ASCII byte as itself, any other as its dictionary
 * character. `codeOf[byte]` numbers the distinct spellings (at most 256), `spelling[code]` is
 * the character. Checked, as the packing relies on it: one UTF-16 unit a spelling.
 */
function byteSpellings(dictionary: readonly string[]): { codeOf: Uint8Array; codeOfChar: Map<string, number>; spelling: string[] } {
  const codeOf = new Uint8Array(256);
  const codeOfChar = new Map<string, number>();
  const spelling: string[] = [];
  for (let byte = 0; byte < 256; byte++) {
    const char = byte < 0x80 ? String.fromCharCode(byte) : dictionary[byte];
    if (char === undefined || char.length !== 1) throw new Error(`eld spells byte ${byte} as ${JSON.stringify(char)}, not one character`);
    let code = codeOfChar.get(char);
    if (code === undefined) {
      code = spelling.length;
      codeOfChar.set(char, code);
      spelling.push(char);
    }
    codeOf[byte] = code;
  }
  return { codeOf, codeOfChar, spelling };
}

const SPELLINGS = byteSpellings(ELD.dictionary);
const SPACE = SPELLINGS.codeOf[32] as number;

export interface NgramVerdict {
  /** ISO 639-1 code of the best-scoring language, or '' when no n-gram is known. */
  language: string;
  reliable: boolean;
}

export class NgramLanguageDetector {
  private readonly languages: readonly string[];
  private readonly rowStart: Uint32Array;
  private readonly language: Uint8Array;
  private readonly points: Uint16Array;
  /** The table's n-grams, packed → row. */
  private readonly rows: PackedNgramMap;
  /** The table's n-grams too long to pack, by their string (none in eld 2.1.0's extrasmall). */
  private readonly longRows = new Map<string, number>();
  private readonly scores: Float64Array;
  private readonly averageOf: Float64Array;
  /** The distinct n-grams of the text being scored, reused; longer ones (a word past 71 bytes) as strings. */
  private readonly seen = new PackedNgramMap(256);
  private readonly longSeen = new Set<string>();
  /** The words being read: each byte's spelling code, words one after another, word k at [wordStart[k], wordStart[k + 1]). */
  private readonly codes = new Uint8Array(MAX_BYTES);
  private readonly wordStart = new Int32Array(MAX_BYTES + 2);

  constructor(table: NgramTable = readNgramTable()) {
    this.languages = table.languages;
    this.rowStart = table.rowStart;
    this.language = table.language;
    this.points = table.points;
    // The table's Map is not kept: its 49,553 strings would stay on the heap for every collection to mark.
    this.rows = new PackedNgramMap(table.rows.size);
    const codes: number[] = [];
    for (const [ngram, row] of table.rows) {
      codes.length = 0;
      for (const char of ngram.split('')) {
        const code = SPELLINGS.codeOfChar.get(char);
        if (code === undefined) break;
        codes.push(code);
      }
      // A character no byte is spelled as: no text's n-gram can be this one.
      if (codes.length < ngram.length) continue;
      if (codes.length > MAX_PACKED_CHARS) this.longRows.set(ngram, row);
      else {
        const [low, high] = packNgram(codes);
        this.rows.add(low, high, row);
      }
    }
    this.scores = new Float64Array(table.languages.length);
    this.averageOf = Float64Array.from(table.languages, (code) => ELD.avgScore[code] ?? Number.NaN);
  }

  detect(text: string): NgramVerdict {
    const cleaned = text.substring(0, MAX_CHARS).replace(ELD.separators, ' ').trim().toLowerCase();
    const scores = this.scores;
    scores.fill(0);
    this.seen.clear();
    if (this.longSeen.size > 0) this.longSeen.clear();
    const words = this.readWords(cleaned);
    const wordStart = this.wordStart;
    for (let w = 0; w < words; w++) {
      const start = wordStart[w] as number;
      const end = wordStart[w + 1] as number;
      const length = Math.min(end - start, MAX_WORD_BYTES);
      let j = 0;
      for (; j + 4 < length; j += 3) this.add(j === 0, start + j, start + j + 4, false);
      // Past 70 bytes the tail runs to the word's end; a word of at most 4 bytes is one n-gram.
      this.add(j === 0, start + Math.max(0, length - 4), end, true);
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
    const count = this.seen.size + this.longSeen.size;
    const perNgram = (scores[best] as number) / count;
    const scaled = perNgram / (perNgram + SCALE);
    // eld compares the winner's scaled score with the runner-up's language index (0 when there is none).
    const next = second === -1 ? 0 : second;
    const reliable = count >= MIN_NGRAMS && !((this.averageOf[best] as number) * RELIABLE_SHARE > scaled || 0.01 > Math.abs(scaled - next));
    return { language: this.languages[best] as string, reliable };
  }

  /** The n-gram of codes[from, to), with a space before (`lead`) and after (`trail`), counted once a text. */
  private add(lead: boolean, from: number, to: number, trail: boolean): void {
    const chars = (lead ? 1 : 0) + (to - from) + (trail ? 1 : 0);
    if (chars > MAX_PACKED_CHARS) {
      this.addLong(lead, from, to, trail);
      return;
    }
    const codes = this.codes;
    // Packed as packNgram does: characters 0-3 in `low`, 4-5 and the length in `high`.
    let low = lead ? SPACE : 0;
    let high = chars << 16;
    let k = lead ? 1 : 0;
    for (let at = from; at < to; at++, k++) {
      if (k < 4) low |= (codes[at] as number) << (8 * k);
      else high |= (codes[at] as number) << (8 * (k - 4));
    }
    if (trail) {
      if (k < 4) low |= SPACE << (8 * k);
      else high |= SPACE << (8 * (k - 4));
    }
    if (!this.seen.add(low, high, 0)) return;
    const row = this.rows.get(low, high);
    if (row !== -1) this.score(row);
  }

  /** A tail of a word past 71 bytes: rare, so as eld does it, by its string. */
  private addLong(lead: boolean, from: number, to: number, trail: boolean): void {
    let ngram = lead ? ' ' : '';
    for (let at = from; at < to; at++) ngram += SPELLINGS.spelling[this.codes[at] as number];
    if (trail) ngram += ' ';
    if (this.longSeen.has(ngram)) return;
    this.longSeen.add(ngram);
    const row = this.longRows.get(ngram);
    if (row !== undefined) this.score(row);
  }

  private score(row: number): void {
    const { rowStart, language, points, scores } = this;
    for (let k = rowStart[row] as number, end = rowStart[row + 1] as number; k < end; k++) {
      const lang = language[k] as number;
      scores[lang] = (scores[lang] as number) + (points[k] as number);
    }
  }

  /**
   * Reads `text` (single spaces between words) into `codes` and `wordStart` as eld reads its
   * words, byte by byte of UTF-8, up to its cuts; returns how many words.
   */
  private readWords(text: string): number {
    const codes = this.codes;
    const wordStart = this.wordStart;
    const codeOf = SPELLINGS.codeOf;
    let n = 0;
    let words = 0;
    let bytes = 0;
    wordStart[0] = 0;
    for (let i = 0; i < text.length; i++) {
      let code = text.charCodeAt(i);
      if (code < 0x80) {
        if (code === 32) {
          if (n > (wordStart[words] as number)) wordStart[++words] = n;
          if (bytes > CUT_AT_SPACE) break;
        } else codes[n++] = codeOf[code] as number;
        bytes++;
      } else if (code < 0x800) {
        codes[n++] = codeOf[0xc0 | (code >> 6)] as number;
        codes[n++] = codeOf[0x80 | (code & 0x3f)] as number;
        bytes += 2;
      } else if (code < 0xd800 || code >= 0xe000) {
        codes[n++] = codeOf[0xe0 | (code >> 12)] as number;
        codes[n++] = codeOf[0x80 | ((code >> 6) & 0x3f)] as number;
        codes[n++] = codeOf[0x80 | (code & 0x3f)] as number;
        bytes += 3;
      } else {
        // A surrogate pair (its second half read whatever it is, as eld does).
        i++;
        code = 0x10000 + (((code & 0x3ff) << 10) | (text.charCodeAt(i) & 0x3ff));
        codes[n++] = codeOf[0xf0 | (code >> 18)] as number;
        codes[n++] = codeOf[0x80 | ((code >> 12) & 0x3f)] as number;
        codes[n++] = codeOf[0x80 | ((code >> 6) & 0x3f)] as number;
        codes[n++] = codeOf[0x80 | (code & 0x3f)] as number;
        bytes += 4;
      }
      if (bytes > CUT_ANYWHERE) break;
    }
    if (n > (wordStart[words] as number)) wordStart[++words] = n;
    return words;
  }
}
