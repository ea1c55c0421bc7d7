// The merged lexicon the scorer reads: package lexicons first, our own entries over them. Built
// once per process on first use (about 10 ms), then shared; every lookup is a Map get.
import { BOOSTERS, DAMPENERS, NEGATORS } from './modifiers.ts';
import { HASHTAG_FILLERS, NEGATED_VALENCE, NORMALIZATIONS, OWN_PHRASES, OWN_WORDS } from './own-entries.ts';
import { loadPackageLexicons } from './package-lexicons.ts';

export interface Lexicon {
  /** Lower-case word → valence on [-4, 4]. */
  words: ReadonlyMap<string, number>;
  /** Lower-case multi-word phrase (single spaces) → valence. */
  phrases: ReadonlyMap<string, number>;
  /** First word of some phrase → the most words any phrase starting with it has. */
  phraseStarts: ReadonlyMap<string, number>;
  /** Emoticons, case as written. */
  emoticons: ReadonlyMap<string, number>;
  /** Single emoji code points. */
  emoji: ReadonlyMap<string, number>;
  normalizations: ReadonlyMap<string, string>;
  negatedValence: ReadonlyMap<string, number>;
  /** Words a run-together hashtag may be split into. */
  hashtagVocabulary: ReadonlySet<string>;
  /** Phrases with the spaces removed ("neveragain"), for hashtags. */
  joinedPhrases: ReadonlyMap<string, number>;
}

let shared: Lexicon | undefined;

export function getLexicon(): Lexicon {
  shared ??= buildLexicon();
  return shared;
}

function buildLexicon(): Lexicon {
  const base = loadPackageLexicons();
  const words = base.words;
  for (const [word, valence] of Object.entries(OWN_WORDS)) words.set(word, valence);
  // Modifiers are scored through the words they modify, never on their own.
  for (const word of NEGATORS) words.delete(word);
  for (const word of DAMPENERS.keys()) words.delete(word);
  const phrases = new Map<string, number>();
  for (const [phrase, valence] of base.phrases) if (/^[a-z0-9' ]+$/.test(phrase)) phrases.set(phrase, valence);
  for (const [phrase, valence] of Object.entries(OWN_PHRASES)) phrases.set(phrase.replaceAll('-', ' '), valence);
  const phraseStarts = new Map<string, number>();
  const joinedPhrases = new Map<string, number>();
  for (const [phrase, valence] of phrases) {
    const parts = phrase.split(' ');
    const first = parts[0] ?? '';
    phraseStarts.set(first, Math.max(phraseStarts.get(first) ?? 0, parts.length));
    joinedPhrases.set(parts.join('').replaceAll("'", ''), valence);
  }
  const hashtagVocabulary = new Set<string>(HASHTAG_FILLERS);
  for (const [word, valence] of words) if (word.length >= 3 && valence !== 0 && !/[0-9']/.test(word)) hashtagVocabulary.add(word);
  for (const word of NEGATORS) if (!word.includes("'")) hashtagVocabulary.add(word);
  for (const word of BOOSTERS.keys()) hashtagVocabulary.add(word);
  return {
    words,
    phrases,
    phraseStarts,
    emoticons: base.symbols,
    emoji: base.emoji,
    normalizations: new Map(Object.entries(NORMALIZATIONS)),
    negatedValence: new Map(Object.entries(NEGATED_VALENCE)),
    hashtagVocabulary,
    joinedPhrases,
  };
}
