// Turns a text into per-token contributions: tokenize, give every token its role (sentiment
// word or phrase, negator, intensifier, dampener, contrast marker) and base valence, then apply
// what modifies each sentiment token inside its clause (intensifiers, negation, capitals,
// elongation, concession, questions). Contrast across clauses ("but") is applied later, when
// contributions are summed, because per-brand scoring sums different subsets of tokens.
//
// All state lives in one reusable Analysis (typed arrays that grow as needed), so scoring a post
// allocates little besides new token strings and the drivers it returns. What a word means on
// its own (role, valence, negated value, modifier strength) is resolved once per distinct word
// and cached, by the tokenizer's intern slot and by string; only the neighbour-dependent rules
// (phrases, "kind of", "nothing but", "not yet", "I like") run per token.
import { hashtagValence } from './hashtag.ts';
import type { Lexicon } from './lexicon/lexicon.ts';
import { BOOSTERS, CONCESSIVE, CONTRAST_FORWARD, DAMPENERS, LIKE_SUBJECTS, NEGATORS } from './lexicon/modifiers.ts';
import {
  CLAUSE_BREAK,
  createTokenBuffer,
  EMOJI,
  EMOTICON,
  F_CAMEL,
  F_CAPS,
  F_ELONGATED,
  F_QUESTION,
  HASHTAG,
  INTERN_SIZE,
  internGeneration,
  RATING,
  SENTENCE_END,
  type TokenBuffer,
  tokenize,
  WORD,
} from './tokenize.ts';

export const ROLE_NONE = 0;
export const ROLE_SENTIMENT = 1;
export const ROLE_NEGATOR = 2;
export const ROLE_BOOSTER = 3;
export const ROLE_DAMPENER = 4;
export const ROLE_CONTRAST = 5;
export const ROLE_CONCESSIVE = 6;
/** Inside a phrase scored at its first token. */
export const ROLE_CONSUMED = 7;

/** Added to the magnitude of a word in capitals when the post is not all capitals (VADER's figure). */
const CAPS_EMPHASIS = 0.733;
/** Added to the magnitude of an elongated word ("sooo goood"). */
const ELONGATION_EMPHASIS = 0.3;
/** Negated positive words turn mildly negative ("not good"); VADER's factor. */
const NEGATE_POSITIVE = -0.74;
/** Negated negative words turn only weakly positive ("not terrible" is faint praise). */
const NEGATE_NEGATIVE = -0.5;
/** How far back (in tokens, inside the clause) a negator reaches. */
const NEGATION_SCOPE = 4;
/** How far back intensifiers and dampeners reach. */
const MODIFIER_SCOPE = 3;
/** A conceded clause ("although the screen is nice") counts half. */
const CONCESSION_FACTOR = 0.5;
/**
 * Wishes, hopes, conditions and "would be": praise after them in the clause is asked for, not
 * given ("would be great if you fixed sync", "I hope they add dark mode"). Complaints keep their weight.
 */
const IRREALIS = new Set(['wish', 'wished', 'wishing', 'hope', 'hoping', 'hopefully', 'if']);
const IRREALIS_POSITIVE = 0.25;
/** After "never", these keep the word's polarity: "never had such poor service", "never been so happy". */
const DEGREE_AFTER_NEVER = new Set(['such', 'so', 'as', 'more']);
/** Thanks that close a post of complaints are sarcasm ("lost everything on my phone... thanks @Apple"). */
const THANKS = new Set(['thanks', 'thank', 'thx', 'thnx', 'ty', 'congrats', 'congratulations']);
/** So is a last sentence of a word or three of praise after complaints ("crashed again. Great."). */
const SARCASTIC_CLOSERS = new Set([
  'great',
  'awesome',
  'perfect',
  'nice',
  'fantastic',
  'brilliant',
  'lovely',
  'wonderful',
  'terrific',
  'excellent',
  'super',
]);
const CLOSER_MAX_WORDS = 3;
/** What the sentences before the closing thanks must add up to, at most, for the thanks to be read as sarcasm. */
const SARCASM_BEFORE = -0.9;
/** Praise inside a question is mostly not praise ("is it any good?"); complaint mostly is. */
const QUESTION_POSITIVE = 0.25;
const QUESTION_NEGATIVE = 0.8;

export interface Analysis {
  tokens: TokenBuffer;
  role: Uint8Array;
  /** Valence before modifiers. */
  base: Float64Array;
  /** Contribution after the modifiers inside the clause. */
  raw: Float64Array;
  /** First token of the driver's surface text (an intensifier or negator before the word). */
  from: Int32Array;
  /** Last token of the driver's surface text (the end of a phrase). */
  to: Int32Array;
  /** For WORD tokens: the word's cached lexicon facts (other entries are stale). */
  info: WordInfo[];
  text: string;
}

export function createAnalysis(capacity = 256): Analysis {
  return {
    tokens: createTokenBuffer(capacity),
    role: new Uint8Array(capacity),
    base: new Float64Array(capacity),
    raw: new Float64Array(capacity),
    from: new Int32Array(capacity),
    to: new Int32Array(capacity),
    info: new Array<WordInfo>(capacity).fill(NO_INFO),
    text: '',
  };
}

function ensureCapacity(a: Analysis): void {
  const size = a.tokens.kind.length;
  if (a.role.length >= size) return;
  a.role = new Uint8Array(size);
  a.base = new Float64Array(size);
  a.raw = new Float64Array(size);
  a.from = new Int32Array(size);
  a.to = new Int32Array(size);
  for (let i = a.info.length; i < size; i++) a.info.push(NO_INFO);
}

export function analyze(text: string, lexicon: Lexicon, a: Analysis): void {
  a.text = text;
  tokenize(text, a.tokens, lexicon.emoticons);
  ensureCapacity(a);
  assignRoles(lexicon, a);
  applyModifiers(lexicon, a);
}

function lookupWord(lexicon: Lexicon, word: string, elongated: boolean): number | undefined {
  const direct = lexicon.words.get(word);
  if (direct !== undefined) return direct;
  const normalized = lexicon.normalizations.get(word);
  if (normalized !== undefined) {
    const v = lexicon.words.get(normalized);
    if (v !== undefined) return v;
  }
  if (elongated) {
    // "goooood" → "good", then "god"-style single letters: try runs of two, then of one.
    const two = word.replace(/(.)\1{2,}/g, '$1$1');
    const v2 = lexicon.words.get(two) ?? lookupNormalized(lexicon, two);
    if (v2 !== undefined) return v2;
    const one = word.replace(/(.)\1+/g, '$1');
    const v1 = lexicon.words.get(one) ?? lookupNormalized(lexicon, one);
    if (v1 !== undefined) return v1;
  }
  if (word.endsWith("'s")) return lexicon.words.get(word.slice(0, -2));
  return word.length >= 5 ? lookupInflected(lexicon, word) : undefined;
}

/** Plural, third-person, past and -ing forms of lexicon words ("dies" → "die", "annoying" → "annoy"). */
function lookupInflected(lexicon: Lexicon, word: string): number | undefined {
  const words = lexicon.words;
  const last = word.charCodeAt(word.length - 1);
  if (last === 115 /* s */ && word.charCodeAt(word.length - 2) !== 115) {
    return words.get(word.slice(0, -1)) ?? (word.endsWith('es') ? words.get(word.slice(0, -2)) : undefined);
  }
  if (word.endsWith('ed')) return words.get(word.slice(0, -2)) ?? words.get(word.slice(0, -1));
  if (word.endsWith('ing')) return words.get(word.slice(0, -3)) ?? words.get(`${word.slice(0, -3)}e`);
  return undefined;
}

function lookupNormalized(lexicon: Lexicon, word: string): number | undefined {
  const normalized = lexicon.normalizations.get(word);
  return normalized === undefined ? undefined : lexicon.words.get(normalized);
}

/** Canonical form used to recognise modifiers ("dont" → "don't", "sooo" → "so"). */
function modifierForm(lexicon: Lexicon, word: string, elongated: boolean): string {
  const normalized = lexicon.normalizations.get(word);
  if (normalized !== undefined) return normalized;
  if (elongated) {
    const two = word.replace(/(.)\1{2,}/g, '$1$1');
    return lexicon.normalizations.get(two) ?? two;
  }
  return word;
}

function isNegator(word: string): boolean {
  return NEGATORS.has(word) || word.endsWith("n't");
}

/** Longest phrase starting at token i; returns its last token index, or -1. */
function matchPhrase(lexicon: Lexicon, t: TokenBuffer, i: number, maxWords: number): number {
  let key = t.text[i] ?? '';
  let last = -1;
  for (let k = 1; k < maxWords && i + k < t.count; k++) {
    if (t.kind[i + k] !== WORD) break;
    key = `${key} ${t.text[i + k]}`;
    if (lexicon.phrases.has(key)) last = i + k;
  }
  return last;
}

function phraseKey(t: TokenBuffer, i: number, last: number): string {
  let key = t.text[i] ?? '';
  for (let k = i + 1; k <= last; k++) key = `${key} ${t.text[k]}`;
  return key;
}

/** What a word is, on its own, before its neighbours are looked at (see wordInfo). */
const CAT_NONE = 0;
const CAT_BOOSTER = 1;
const CAT_DAMPENER = 2;
const CAT_CONTRAST = 3;
const CAT_CONCESSIVE = 4;

/**
 * Everything assignRoles and applyModifiers need to know about one word (with its elongation
 * flag), resolved once and cached: most words of a post repeat across posts, and an unknown
 * word then costs one Map get instead of a chain of lookups.
 */
interface WordInfo {
  /** phraseStarts.get(word) ?? 0. */
  phraseMax: number;
  /** Words that follow this one as the second word of some phrase (when phraseMax > 0). */
  phraseNext: ReadonlySet<string> | undefined;
  /** The modifier form is a negator. */
  negator: boolean;
  /** The form is "nothing" or "none" ("nothing but love"). */
  nothing: boolean;
  /** The form is "kind" or "sort" ("kind of"). */
  kindOf: boolean;
  /** The form is "yet" ("not yet"). */
  yet: boolean;
  /** The form is "like". */
  like: boolean;
  cat: number;
  /** lookupWord(word, elongated); undefined when not in the lexicon. */
  value: number | undefined;
  /** BOOSTERS.get(form) ?? 0. */
  boost: number;
  /** DAMPENERS.get(word) ?? 0.3. */
  damp: number;
  /** negatedValence.get(word). */
  negated: number | undefined;
  /** IRREALIS.has(word): praise after it in the clause is asked for. */
  irrealis: boolean;
  /** "would", "could" or "it'd": irrealis when "be" follows. */
  conditional: boolean;
}

const NO_INFO: WordInfo = {
  phraseMax: 0,
  phraseNext: undefined,
  negator: false,
  nothing: false,
  kindOf: false,
  yet: false,
  like: false,
  cat: CAT_NONE,
  value: undefined,
  boost: 0,
  damp: 0.3,
  negated: undefined,
  irrealis: false,
  conditional: false,
};

const WORD_CACHE_LIMIT = 50_000;
let cachedLexicon: Lexicon | undefined;
const plainWords = new Map<string, WordInfo>();
const elongatedWords = new Map<string, WordInfo>();
/** First word of a phrase → the second words of the phrases it starts. */
let phraseSeconds = new Map<string, Set<string>>();

function buildPhraseSeconds(lexicon: Lexicon): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const phrase of lexicon.phrases.keys()) {
    const parts = phrase.split(' ');
    if (parts.length < 2) continue;
    const first = parts[0] ?? '';
    let seconds = out.get(first);
    if (seconds === undefined) {
      seconds = new Set();
      out.set(first, seconds);
    }
    seconds.add(parts[1] ?? '');
  }
  return out;
}

// The same facts by the tokenizer's intern slot (no hashing at all), valid for one generation.
const plainBySlot = new Array<WordInfo | undefined>(INTERN_SIZE).fill(undefined);
const elongatedBySlot = new Array<WordInfo | undefined>(INTERN_SIZE).fill(undefined);
let slotGeneration = -1;

/** Call once per analysis, after tokenizing: drops caches that no longer apply. */
function checkWordCaches(lexicon: Lexicon): void {
  if (cachedLexicon !== lexicon) {
    plainWords.clear();
    elongatedWords.clear();
    phraseSeconds = buildPhraseSeconds(lexicon);
    cachedLexicon = lexicon;
    slotGeneration = -1;
  }
  const generation = internGeneration();
  if (slotGeneration !== generation) {
    plainBySlot.fill(undefined);
    elongatedBySlot.fill(undefined);
    slotGeneration = generation;
  }
}

function slotWordInfo(lexicon: Lexicon, word: string, elongated: boolean, slot: number): WordInfo {
  if (slot < 0) return wordInfo(lexicon, word, elongated);
  const bySlot = elongated ? elongatedBySlot : plainBySlot;
  let info = bySlot[slot];
  if (info === undefined) {
    info = wordInfo(lexicon, word, elongated);
    bySlot[slot] = info;
  }
  return info;
}

function wordInfo(lexicon: Lexicon, word: string, elongated: boolean): WordInfo {
  const cache = elongated ? elongatedWords : plainWords;
  let info = cache.get(word);
  if (info === undefined) {
    info = resolveWord(lexicon, word, elongated);
    if (cache.size >= WORD_CACHE_LIMIT) cache.clear();
    cache.set(word, info);
  }
  return info;
}

function resolveWord(lexicon: Lexicon, word: string, elongated: boolean): WordInfo {
  const form = modifierForm(lexicon, word, elongated);
  let cat = CAT_NONE;
  if (BOOSTERS.has(form)) cat = CAT_BOOSTER;
  else if (DAMPENERS.has(form)) cat = CAT_DAMPENER;
  else if (CONTRAST_FORWARD.has(form)) cat = CAT_CONTRAST;
  else if (CONCESSIVE.has(form)) cat = CAT_CONCESSIVE;
  return {
    phraseMax: lexicon.phraseStarts.get(word) ?? 0,
    phraseNext: phraseSeconds.get(word),
    negator: isNegator(form),
    nothing: form === 'nothing' || form === 'none',
    kindOf: form === 'kind' || form === 'sort',
    yet: form === 'yet',
    like: form === 'like',
    cat,
    value: lookupWord(lexicon, word, elongated),
    boost: BOOSTERS.get(form) ?? 0,
    damp: DAMPENERS.get(word) ?? 0.3,
    negated: lexicon.negatedValence.get(word),
    irrealis: IRREALIS.has(word),
    conditional: word === 'would' || word === 'could' || word === "it'd",
  };
}

function assignRoles(lexicon: Lexicon, a: Analysis): void {
  const t = a.tokens;
  const n = t.count;
  const role = a.role;
  const base = a.base;
  const kinds = t.kind;
  const texts = t.text;
  const infos = a.info;
  const slots = t.slot;
  checkWordCaches(lexicon);
  const raw = a.raw;
  const from = a.from;
  const to = a.to;
  for (let i = 0; i < n; i++) {
    role[i] = ROLE_NONE;
    base[i] = 0;
    raw[i] = 0;
    from[i] = i;
    to[i] = i;
  }
  for (let i = 0; i < n; i++) {
    const kind = kinds[i];
    if (kind === WORD) {
      const word = texts[i] ?? '';
      const elongated = ((t.flags[i] ?? 0) & F_ELONGATED) !== 0;
      const info = slotWordInfo(lexicon, word, elongated, slots[i] ?? -1);
      infos[i] = info;
      if (role[i] === ROLE_CONSUMED) continue;
      // A phrase needs its second word to follow: most phrase starts ("i", "the") stop there.
      if (info.phraseMax !== 0 && i + 1 < n && kinds[i + 1] === WORD && info.phraseNext?.has(texts[i + 1] ?? '') === true) {
        const last = matchPhrase(lexicon, t, i, info.phraseMax);
        if (last > i) {
          role[i] = ROLE_SENTIMENT;
          base[i] = lexicon.phrases.get(phraseKey(t, i, last)) ?? 0;
          to[i] = last;
          for (let k = i + 1; k <= last; k++) role[k] = ROLE_CONSUMED;
          continue;
        }
      }
      const next = i + 1 < n && kinds[i + 1] === WORD ? (texts[i + 1] ?? '') : '';
      if (info.negator) {
        // "nothing but love" is praise, not negation; "but" there is no contrast either.
        if (info.nothing && next === 'but') {
          role[i + 1] = ROLE_CONSUMED;
          continue;
        }
        role[i] = ROLE_NEGATOR;
        continue;
      }
      if (info.kindOf && next === 'of') {
        role[i] = ROLE_DAMPENER;
        role[i + 1] = ROLE_CONSUMED;
        continue;
      }
      const cat = info.cat;
      if (cat !== CAT_NONE) {
        if (cat === CAT_BOOSTER) {
          role[i] = ROLE_BOOSTER;
          base[i] = info.value ?? 0;
        } else if (cat === CAT_DAMPENER) {
          role[i] = ROLE_DAMPENER;
        } else if (cat === CAT_CONTRAST) {
          // "not yet" is no contrast.
          if (!(info.yet && i > 0 && role[i - 1] === ROLE_NEGATOR)) role[i] = ROLE_CONTRAST;
        } else {
          role[i] = ROLE_CONCESSIVE;
        }
        continue;
      }
      let v = info.value;
      if (v === undefined) continue;
      if (info.like && !(i > 0 && kinds[i - 1] === WORD && LIKE_SUBJECTS.has(texts[i - 1] ?? ''))) v = 0;
      role[i] = ROLE_SENTIMENT;
      base[i] = v;
    } else if (kind === HASHTAG) {
      const raw = a.text.slice((t.start[i] ?? 0) + 1, t.end[i] ?? 0);
      const v = hashtagValence(lexicon, t.text[i] ?? '', raw, ((t.flags[i] ?? 0) & F_CAMEL) !== 0);
      if (v !== 0) {
        a.role[i] = ROLE_SENTIMENT;
        a.base[i] = v;
      }
    } else if (kind === EMOJI) {
      const v = lexicon.emoji.get(t.text[i] ?? '');
      if (v !== undefined && v !== 0) {
        a.role[i] = ROLE_SENTIMENT;
        a.base[i] = v;
      }
    } else if (kind === EMOTICON) {
      a.role[i] = ROLE_SENTIMENT;
      a.base[i] = lexicon.emoticons.get(t.text[i] ?? '') ?? 0;
    } else if (kind === RATING) {
      const v = ratingValence(t.text[i] ?? '');
      if (v !== 0) {
        a.role[i] = ROLE_SENTIMENT;
        a.base[i] = v;
      }
    }
  }
}

/** "9/10" → +2.6, "2/5" → -1.8; other fractions (dates, "24/7") → 0. */
function ratingValence(rating: string): number {
  const slash = rating.indexOf('/');
  const score = Number(rating.slice(0, slash));
  const outOf = Number(rating.slice(slash + 1));
  if (!(outOf === 5 || outOf === 10 || outOf === 100) || score > outOf) return 0;
  const share = score / outOf;
  if (share >= 0.8) return 2.6;
  if (share >= 0.6) return 1.2;
  if (share >= 0.5) return 0;
  if (share >= 0.3) return -1.6;
  return -2.6;
}

function applyModifiers(lexicon: Lexicon, a: Analysis): void {
  const t = a.tokens;
  const n = t.count;
  let lastNegator = -1;
  let conceded = false;
  let irrealis = false;
  for (let i = 0; i < n; i++) {
    const kind = t.kind[i];
    if (kind === SENTENCE_END || kind === CLAUSE_BREAK) {
      lastNegator = -1;
      conceded = false;
      irrealis = false;
      continue;
    }
    if (kind === WORD && !irrealis && startsIrrealis(a, i)) irrealis = true;
    const role = a.role[i];
    if (role === ROLE_NEGATOR) {
      lastNegator = i;
      continue;
    }
    if (role === ROLE_CONTRAST) {
      lastNegator = -1;
      conceded = false;
      continue;
    }
    if (role === ROLE_CONCESSIVE) {
      conceded = true;
      continue;
    }
    let v = a.base[i] ?? 0;
    if (role === ROLE_BOOSTER) {
      // An intensifier before a sentiment word is scored through it; on its own it is a word.
      if (v === 0 || (i + 1 < n && isScored(a, i + 1))) continue;
    } else if (role !== ROLE_SENTIMENT) {
      // Words with no valence of their own can still be negated ("doesn't work").
      if (lastNegator < 0 || i - lastNegator > NEGATION_SCOPE || kind !== WORD) continue;
      if (role === ROLE_CONSUMED) continue;
      const negated = (a.info[i] ?? NO_INFO).negated;
      if (negated === undefined) continue;
      a.raw[i] = conceded ? negated * CONCESSION_FACTOR : negated;
      a.from[i] = lastNegator;
      lastNegator = -1;
      continue;
    }
    if (v === 0) continue;
    const sign = v > 0 ? 1 : -1;
    const flags = t.flags[i] ?? 0;
    if ((flags & F_CAPS) !== 0 && !t.shouting) v += sign * CAPS_EMPHASIS;
    if ((flags & F_ELONGATED) !== 0) v += sign * ELONGATION_EMPHASIS;
    // Intensifiers and dampeners just before the word, nearest weighing most.
    let from = i;
    for (let k = 1; k <= MODIFIER_SCOPE && i - k >= 0; k++) {
      const j = i - k;
      if (t.kind[j] !== WORD) break;
      const r = a.role[j];
      const decay = 1 - 0.05 * (k - 1);
      if (r === ROLE_BOOSTER) {
        let boost = (a.info[j] ?? NO_INFO).boost * decay;
        if (((t.flags[j] ?? 0) & (F_CAPS | F_ELONGATED)) !== 0) boost += 0.3;
        v += sign * boost;
        from = j;
      } else if (r === ROLE_DAMPENER) {
        const damp = (a.info[j] ?? NO_INFO).damp * decay;
        v = sign * Math.max(Math.abs(v) - damp, Math.abs(v) * 0.5);
        from = j;
      } else if (r === ROLE_NEGATOR || r === ROLE_CONTRAST || r === ROLE_CONCESSIVE) {
        break;
      }
    }
    if (lastNegator >= 0 && i - lastNegator <= NEGATION_SCOPE && !isDegreeAfterNever(t, lastNegator, i)) {
      const negated = v > 0 ? (kind === WORD ? (a.info[i] ?? NO_INFO).negated : lexicon.negatedValence.get(t.text[i] ?? '')) : undefined;
      v = negated ?? v * (v > 0 ? NEGATE_POSITIVE : NEGATE_NEGATIVE);
      from = Math.min(from, lastNegator);
    }
    if (conceded) v *= CONCESSION_FACTOR;
    if (irrealis && v > 0) v *= IRREALIS_POSITIVE;
    a.raw[i] = v;
    a.from[i] = from;
  }
  applyQuestions(a);
  applyClosingThanks(a);
}

/** "wish", "hope", "if", or "would/could be": what follows in the clause is not the case (yet). */
function startsIrrealis(a: Analysis, i: number): boolean {
  const info = a.info[i] ?? NO_INFO;
  if (info.irrealis) return true;
  const t = a.tokens;
  return info.conditional && i + 1 < t.count && t.kind[i + 1] === WORD && t.text[i + 1] === 'be';
}

/** "never ... such/so/as/more <word>" says how much, not "not": the word keeps its sign. */
function isDegreeAfterNever(t: TokenBuffer, negator: number, word: number): boolean {
  if (t.text[negator] !== 'never') return false;
  for (let j = negator + 1; j < word; j++) if (DEGREE_AFTER_NEVER.has(t.text[j] ?? '')) return true;
  return false;
}

/** A last sentence holding thanks, after sentences that add up to a complaint, is sarcastic: its thanks turn negative. */
function applyClosingThanks(a: Analysis): void {
  const t = a.tokens;
  let lastStart = 0;
  for (let i = t.count - 2; i >= 0; i--) {
    if (t.kind[i] === SENTENCE_END) {
      lastStart = i + 1;
      break;
    }
  }
  if (lastStart === 0) return;
  // Most last sentences hold no thanks and no lone praise: look before adding up what came before.
  let words = 0;
  let candidate = false;
  for (let i = lastStart; i < t.count; i++) {
    if (t.kind[i] !== WORD) continue;
    words++;
    if ((a.raw[i] ?? 0) > 0 && isSarcasticCloser(t.text[i] ?? '', false)) candidate = true;
  }
  if (!candidate && words > CLOSER_MAX_WORDS) return;
  let before = 0;
  for (let i = 0; i < lastStart; i++) before += a.raw[i] ?? 0;
  if (before > SARCASM_BEFORE) return;
  const short = words <= CLOSER_MAX_WORDS;
  for (let i = lastStart; i < t.count; i++) {
    const v = a.raw[i] ?? 0;
    if (v > 0 && t.kind[i] === WORD && isSarcasticCloser(t.text[i] ?? '', short)) a.raw[i] = -v;
  }
}

function isSarcasticCloser(word: string, shortSentence: boolean): boolean {
  return THANKS.has(word) || (shortSentence && SARCASTIC_CLOSERS.has(word));
}

function isScored(a: Analysis, i: number): boolean {
  const r = a.role[i];
  return (r === ROLE_SENTIMENT && (a.base[i] ?? 0) !== 0) || r === ROLE_BOOSTER || r === ROLE_NEGATOR;
}

/** Words that open a yes/no or information question ("is it any good?"): praise there is asked, not given. */
const ASKING = new Set([
  'is',
  'are',
  'was',
  'were',
  'does',
  'do',
  'did',
  'can',
  'could',
  'should',
  'will',
  'would',
  'has',
  'have',
  'anyone',
  'any',
  'how',
  'what',
  'which',
  'where',
  'when',
]);

/** Scales contributions inside sentences that end with a question mark. */
function applyQuestions(a: Analysis): void {
  const t = a.tokens;
  let sentenceEnd = t.count;
  for (let i = t.count - 1; i >= -1; i--) {
    if (i >= 0 && t.kind[i] !== SENTENCE_END) continue;
    // Tokens i+1 .. sentenceEnd-1 form a sentence; sentenceEnd is its end mark (if any).
    const end = sentenceEnd < t.count ? sentenceEnd : -1;
    if (end >= 0 && ((t.flags[end] ?? 0) & F_QUESTION) !== 0) {
      let first = i + 1;
      while (first < end && t.kind[first] !== WORD) first++;
      const positive = first < end && ASKING.has(t.text[first] ?? '') ? 0 : QUESTION_POSITIVE;
      for (let k = i + 1; k < end; k++) {
        const v = a.raw[k] ?? 0;
        if (v !== 0) a.raw[k] = v * (v > 0 ? positive : QUESTION_NEGATIVE);
      }
    }
    sentenceEnd = i;
  }
}
