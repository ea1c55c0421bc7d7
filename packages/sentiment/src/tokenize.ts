// One pass over the text's UTF-16 code units that yields the tokens the scorer needs, into
// reusable typed arrays (the hot loop allocates only lower-case token strings it has not seen
// recently: ASCII words are interned). Tokens:
// words, hashtags, @handles, URLs, emoji, emoticons, "7/10" ratings and punctuation runs.
// Offsets point into the original text so drivers can quote it and brand terms can be found.

export const WORD = 1;
export const HASHTAG = 2;
export const MENTION = 3;
export const URL = 4;
export const EMOJI = 5;
export const EMOTICON = 6;
export const RATING = 7;
/** A run of . ! ? … or a line break: ends a sentence. */
export const SENTENCE_END = 8;
/** , ; : ( ) or a dash between spaces: ends a clause. */
export const CLAUSE_BREAK = 9;

/** flags: the word is written in capitals ("LOVE", not "I" or "A"). */
export const F_CAPS = 1;
/** flags: some letter repeats three or more times ("sooo"). */
export const F_ELONGATED = 2;
/** flags (hashtag): has a lower-case letter followed by an upper-case one ("NeverAgain"). */
export const F_CAMEL = 4;
/** flags (sentence end): the run holds a question mark. */
export const F_QUESTION = 8;

export interface TokenBuffer {
  count: number;
  kind: Uint8Array;
  flags: Uint8Array;
  /** For SENTENCE_END: the number of '!' in the run (capped at 255). */
  bangs: Uint8Array;
  /** For SENTENCE_END: the number of '?' in the run (capped at 255). */
  questions: Uint8Array;
  start: Int32Array;
  end: Int32Array;
  /** For WORD tokens: the interned word's slot (stable until internGeneration() changes), or -1. */
  slot: Int32Array;
  /** Lower-case text of words, hashtag bodies and handles; the symbol for emoji, emoticons, ratings. */
  text: string[];
  /** True when every cased letter of the post is upper case (then capitals are not emphasis). */
  shouting: boolean;
  /** Words, emoji, emoticons, hashtags or ratings were seen: something a reader could take a tone from. */
  hasContent: boolean;
}

export function createTokenBuffer(capacity = 256): TokenBuffer {
  return {
    count: 0,
    kind: new Uint8Array(capacity),
    flags: new Uint8Array(capacity),
    bangs: new Uint8Array(capacity),
    questions: new Uint8Array(capacity),
    start: new Int32Array(capacity),
    end: new Int32Array(capacity),
    slot: new Int32Array(capacity),
    text: new Array<string>(capacity).fill(''),
    shouting: false,
    hasContent: false,
  };
}

function grow(buf: TokenBuffer): void {
  const size = buf.kind.length * 2;
  const kind = new Uint8Array(size);
  kind.set(buf.kind);
  const flags = new Uint8Array(size);
  flags.set(buf.flags);
  const bangs = new Uint8Array(size);
  bangs.set(buf.bangs);
  const questions = new Uint8Array(size);
  questions.set(buf.questions);
  const start = new Int32Array(size);
  start.set(buf.start);
  const end = new Int32Array(size);
  end.set(buf.end);
  const slot = new Int32Array(size);
  slot.set(buf.slot);
  buf.slot = slot;
  buf.kind = kind;
  buf.flags = flags;
  buf.bangs = bangs;
  buf.questions = questions;
  buf.start = start;
  buf.end = end;
  for (let i = buf.text.length; i < size; i++) buf.text.push('');
}

function push(buf: TokenBuffer, kind: number, start: number, end: number, text: string, flags: number): number {
  if (buf.count === buf.kind.length) grow(buf);
  const i = buf.count++;
  buf.kind[i] = kind;
  buf.start[i] = start;
  buf.end[i] = end;
  buf.text[i] = text;
  buf.flags[i] = flags;
  buf.slot[i] = -1;
  buf.bangs[i] = 0;
  buf.questions[i] = 0;
  return i;
}

function isAsciiAlnum(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57);
}

/** Letters of words: ASCII letters and digits, Latin-1 and Latin Extended letters. */
function isWordChar(c: number): boolean {
  return isAsciiAlnum(c) || (c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7);
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 0xa0 || c === 0x2028 || c === 0x3000;
}

/** Pictographic code points that emoji tokens are made of (modifiers excluded). */
function isEmojiCodePoint(cp: number): boolean {
  return (
    (cp >= 0x1f000 && cp <= 0x1faff && !(cp >= 0x1f3fb && cp <= 0x1f3ff)) ||
    (cp >= 0x2600 && cp <= 0x27bf) ||
    (cp >= 0x2300 && cp <= 0x23ff) ||
    (cp >= 0x2b00 && cp <= 0x2bff) ||
    cp === 0x2665 ||
    cp === 0x2661
  );
}

/** Joiners and modifiers that belong to the emoji before them. */
function isEmojiTail(cp: number): boolean {
  return cp === 0xfe0f || cp === 0xfe0e || cp === 0x200d || (cp >= 0x1f3fb && cp <= 0x1f3ff) || cp === 0x20e3;
}

/** Characters an emoticon may start with (letters-only ones such as "xD" are scored as words). */
function isEmoticonStart(c: number): boolean {
  switch (c) {
    case 58: // :
    case 59: // ;
    case 61: // =
    case 60: // <
    case 62: // >
    case 40: // (
    case 41: // )
    case 94: // ^
    case 37: // %
    case 42: // *
    case 47: // /
    case 92: // \
    case 91: // [
    case 93: // ]
    case 123: // {
    case 125: // }
    case 124: // |
    case 45: // -
    case 39: // '
    case 36: // $
    case 38: // &
      return true;
    default:
      return false;
  }
}

// Interned lower-case word strings. Most words of a post were seen in earlier posts: finding the
// string here (a hash of the code units, then a compare) skips slicing, lower-casing and the
// fresh string's hashing in the lexicon lookups that follow. Only ASCII words (and the curly
// apostrophe, read as ') are interned, where lower-casing maps one code unit to one.
const INTERN_BITS = 14;
export const INTERN_SIZE = 1 << INTERN_BITS;
const INTERN_MASK = INTERN_SIZE - 1;
/** Cleared before a text when half full, so probes stay short (and slots stay stable within a text). */
const INTERN_LIMIT = INTERN_SIZE >> 1;
/** Never filled past this inside one (very long) text. */
const INTERN_MAX = (INTERN_SIZE >> 2) * 3;
const internKeys = new Array<string>(INTERN_SIZE).fill('');
const internHashes = new Int32Array(INTERN_SIZE);
let internCount = 0;
let generation = 0;
/** The slot of the word wordText last returned, or -1 when it is not interned. */
let lastSlot = -1;

/** Changes whenever the intern table is cleared (and its slots are reused for other words). */
export function internGeneration(): number {
  return generation;
}

function clearInterned(): void {
  internKeys.fill('');
  internCount = 0;
  generation++;
}

const FNV_OFFSET = 0x811c9dc5 | 0;

/** Passed as the hash of a word that is not to be interned. */
const NO_HASH = -1;

/**
 * The word text[start, end) in lower case, with ’ read as '. `h` is the FNV-1a hash of the
 * lower-cased code units when they are all ASCII (then the word is interned), or NO_HASH (a
 * word whose real hash happens to be -1 is simply not interned).
 */
function wordText(text: string, start: number, end: number, hasUpper: boolean, hasCurly: boolean, h: number): string {
  if (h === NO_HASH) {
    lastSlot = -1;
    return toLower(text, start, end, hasUpper, hasCurly);
  }
  const len = end - start;
  let slot = h & INTERN_MASK;
  for (;;) {
    const key = internKeys[slot] ?? '';
    if (key === '') break;
    if (internHashes[slot] === h && key.length === len && sameLowered(key, text, start)) {
      lastSlot = slot;
      return key;
    }
    slot = (slot + 1) & INTERN_MASK;
  }
  const word = toLower(text, start, end, hasUpper, hasCurly);
  if (internCount >= INTERN_MAX) {
    lastSlot = -1;
    return word;
  }
  lastSlot = slot;
  internKeys[slot] = word;
  internHashes[slot] = h;
  internCount++;
  return word;
}

function sameLowered(key: string, text: string, start: number): boolean {
  for (let k = 0; k < key.length; k++) {
    let d = text.charCodeAt(start + k);
    if (d >= 65 && d <= 90) d += 32;
    else if (d === 0x2019) d = 39;
    if (key.charCodeAt(k) !== d) return false;
  }
  return true;
}

function toLower(text: string, start: number, end: number, hasUpper: boolean, hasCurly: boolean): string {
  let s = text.slice(start, end);
  if (hasUpper) s = s.toLowerCase();
  if (hasCurly) s = s.replaceAll('\u2019', "'");
  return s;
}

/**
 * Tokenizes `text` into `buf` (cleared first). `emoticons` is consulted only for short chunks
 * that start with a symbol, so prose pays nothing for it.
 */
export function tokenize(text: string, buf: TokenBuffer, emoticons: ReadonlyMap<string, number>): void {
  buf.count = 0;
  buf.hasContent = false;
  if (internCount >= INTERN_LIMIT) clearInterned();
  const n = text.length;
  let upperLetters = 0;
  let lowerLetters = 0;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (isSpace(c)) {
      if (c === 10 || c === 13) pushSentenceEnd(buf, i, i + 1, 0, 0);
      i++;
      continue;
    }
    const atChunkStart = i === 0 || isSpace(text.charCodeAt(i - 1));
    if (atChunkStart && (isEmoticonStart(c) || ((c === 56 || c === 48) && i + 1 < n && isEmoticonStart(text.charCodeAt(i + 1))))) {
      const matched = matchEmoticon(text, i, buf, emoticons);
      if (matched > i) {
        i = matched;
        continue;
      }
    }
    // Before words: "http" and "www" start with letters, and a link's pieces are no words.
    if ((c === 104 || c === 72 || c === 119) && isUrlStart(text, i)) {
      let j = i;
      while (j < n && !isSpace(text.charCodeAt(j))) j++;
      push(buf, URL, i, j, '', 0);
      i = j;
      continue;
    }
    if (
      isWordChar(c) ||
      ((c === 39 || c === 0x2019) && i + 1 < n && isWordChar(text.charCodeAt(i + 1)) && i > 0 && isWordChar(text.charCodeAt(i - 1)))
    ) {
      // Word: letters, digits and inner apostrophes; decimals and "7/10" stay whole.
      const start = i;
      let upper = 0;
      let lower = 0;
      let curly = false;
      let elongated = false;
      let run = 1;
      let prev = -1;
      let allDigits = true;
      // FNV-1a of the lower-cased code units (’ as '), for the intern table.
      let hash = FNV_OFFSET;
      let nonAscii = false;
      while (i < n) {
        const d = text.charCodeAt(i);
        if (isWordChar(d)) {
          if (d >= 65 && d <= 90) {
            upper++;
            hash = Math.imul(hash ^ (d + 32), 16777619);
          } else {
            if (d >= 97 && d <= 122) {
              lower++;
            } else if (d >= 0xc0) {
              lower++;
              nonAscii = true;
            }
            hash = Math.imul(hash ^ d, 16777619);
          }
          if (d < 48 || d > 57) allDigits = false;
          run = d === prev ? run + 1 : 1;
          if (run === 3 && (d < 48 || d > 57)) elongated = true;
          prev = d;
          i++;
        } else if ((d === 39 || d === 0x2019) && i + 1 < n && isWordChar(text.charCodeAt(i + 1))) {
          if (d === 0x2019) curly = true;
          hash = Math.imul(hash ^ 39, 16777619);
          prev = d;
          run = 1;
          i++;
        } else if (d === 46 && allDigits && i + 1 < n && text.charCodeAt(i + 1) >= 48 && text.charCodeAt(i + 1) <= 57) {
          hash = Math.imul(hash ^ 46, 16777619);
          i++;
        } else {
          break;
        }
      }
      if (allDigits && i + 1 < n && text.charCodeAt(i) === 47 && isAsciiAlnum(text.charCodeAt(i + 1))) {
        // A rating such as 7/10 or 4/5.
        let j = i + 1;
        while (j < n && text.charCodeAt(j) >= 48 && text.charCodeAt(j) <= 57) j++;
        if (j > i + 1 && (j === n || !isWordChar(text.charCodeAt(j)))) {
          push(buf, RATING, start, j, text.slice(start, j), 0);
          buf.hasContent = true;
          i = j;
          continue;
        }
      }
      upperLetters += upper;
      lowerLetters += lower;
      let flags = 0;
      if (upper >= 2 && lower === 0) flags |= F_CAPS;
      if (elongated) flags |= F_ELONGATED;
      const w = push(buf, WORD, start, i, wordText(text, start, i, upper > 0, curly, nonAscii ? NO_HASH : hash), flags);
      buf.slot[w] = lastSlot;
      buf.hasContent = true;
      continue;
    }
    if (c === 35 || c === 64) {
      // #hashtag or @handle.
      let j = i + 1;
      let upper = 0;
      let camel = false;
      let prevLower = false;
      while (j < n) {
        const d = text.charCodeAt(j);
        if (!(isAsciiAlnum(d) || d === 95 || (c === 64 && d === 46 && j + 1 < n && isAsciiAlnum(text.charCodeAt(j + 1))))) break;
        const isUpper = d >= 65 && d <= 90;
        if (isUpper) {
          upper++;
          if (prevLower) camel = true;
        }
        prevLower = d >= 97 && d <= 122;
        j++;
      }
      if (j > i + 1) {
        if (c === 35) {
          push(buf, HASHTAG, i, j, toLower(text, i + 1, j, upper > 0, false), camel ? F_CAMEL : 0);
          buf.hasContent = true;
        } else {
          push(buf, MENTION, i, j, toLower(text, i + 1, j, upper > 0, false), 0);
        }
        i = j;
        continue;
      }
    }
    if (c >= 0x2190) {
      const cp = text.codePointAt(i) ?? c;
      const width = cp > 0xffff ? 2 : 1;
      if (isEmojiCodePoint(cp)) {
        let j = i + width;
        // Skip variation selectors, skin tones and whole ZWJ sequences: the first pictograph speaks.
        while (j < n) {
          const next = text.codePointAt(j) ?? 0;
          if (isEmojiTail(next)) {
            j += next > 0xffff ? 2 : 1;
            if (next === 0x200d && j < n) {
              const joined = text.codePointAt(j) ?? 0;
              j += joined > 0xffff ? 2 : 1;
            }
          } else {
            break;
          }
        }
        push(buf, EMOJI, i, j, width === 2 ? text.slice(i, i + 2) : (text[i] ?? ''), 0);
        buf.hasContent = true;
        i = j;
        continue;
      }
      if (c === 0x2026) {
        pushSentenceEnd(buf, i, i + 1, 0, 0);
        i++;
        continue;
      }
      if (c === 0x2013 || c === 0x2014) {
        pushClauseBreak(buf, i);
        i++;
        continue;
      }
      i += width;
      continue;
    }
    if (c === 33 || c === 63 || c === 46) {
      let j = i;
      let bangs = 0;
      let questions = 0;
      while (j < n) {
        const d = text.charCodeAt(j);
        if (d === 33) bangs++;
        else if (d === 63) questions++;
        else if (d !== 46) break;
        j++;
      }
      pushSentenceEnd(buf, i, j, bangs, questions);
      i = j;
      continue;
    }
    if (c === 44 || c === 59 || c === 58 || c === 40 || c === 41 || (c === 45 && i > 0 && isSpace(text.charCodeAt(i - 1)))) {
      pushClauseBreak(buf, i);
    }
    i++;
  }
  buf.shouting = upperLetters >= 2 && lowerLetters === 0;
}

function isUrlStart(text: string, i: number): boolean {
  return text.startsWith('http://', i) || text.startsWith('https://', i) || text.startsWith('www.', i) || text.startsWith('HTTP', i);
}

function pushSentenceEnd(buf: TokenBuffer, start: number, end: number, bangs: number, questions: number): void {
  const last = buf.count - 1;
  if (last >= 0 && buf.kind[last] === SENTENCE_END) {
    // Merge "!! ?" and line breaks after a full stop into one end.
    buf.end[last] = end;
    buf.bangs[last] = Math.min(255, (buf.bangs[last] ?? 0) + bangs);
    buf.questions[last] = Math.min(255, (buf.questions[last] ?? 0) + questions);
    if (questions > 0) buf.flags[last] = (buf.flags[last] ?? 0) | F_QUESTION;
    return;
  }
  const i = push(buf, SENTENCE_END, start, end, '', questions > 0 ? F_QUESTION : 0);
  buf.bangs[i] = Math.min(255, bangs);
  buf.questions[i] = Math.min(255, questions);
}

function pushClauseBreak(buf: TokenBuffer, at: number): void {
  const last = buf.count - 1;
  if (last >= 0 && (buf.kind[last] === CLAUSE_BREAK || buf.kind[last] === SENTENCE_END)) return;
  push(buf, CLAUSE_BREAK, at, at + 1, '', 0);
}

/**
 * Tries the whitespace-delimited chunk at `i` (then the chunk without trailing . , ! ?) as an
 * emoticon. Returns the index after the match, or `i` when there is none.
 */
function matchEmoticon(text: string, i: number, buf: TokenBuffer, emoticons: ReadonlyMap<string, number>): number {
  const n = text.length;
  let j = i;
  while (j < n && j - i <= 8 && !isSpace(text.charCodeAt(j))) j++;
  if (j - i < 2 || j - i > 8) return i;
  let end = j;
  while (end - i >= 2) {
    const chunk = text.slice(i, end);
    if (emoticons.has(chunk)) {
      push(buf, EMOTICON, i, end, chunk, 0);
      buf.hasContent = true;
      return end;
    }
    const last = text.charCodeAt(end - 1);
    if (last !== 46 && last !== 44 && last !== 33 && last !== 63) break;
    end--;
  }
  return i;
}
