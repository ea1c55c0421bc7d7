// Where a text names each target: whole words (a possessive "Acme's" counts), #hashtags and
// @handles equal to the term with its spaces removed, case-insensitively.
import type { Analysis } from './analyze.ts';
import { HASHTAG, MENTION, WORD } from './tokenize.ts';

export interface SentimentTarget {
  /** The caller's id for the target (a brand id). */
  id: string;
  /** Names and aliases, matched case-insensitively as whole words, #hashtags and @handles. */
  terms: readonly string[];
}

export interface TargetMention {
  /** Index into the targets. */
  target: number;
  /** The token where the name starts. */
  token: number;
}

function termWords(term: string): string[] {
  return term
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w !== '');
}

interface TermWords {
  words: string[];
  joined: string;
}

// Brand terms repeat on every call: their words are split once.
const TERM_CACHE_LIMIT = 10_000;
const termCache = new Map<string, TermWords>();

function cachedTermWords(term: string): TermWords {
  let entry = termCache.get(term);
  if (entry === undefined) {
    const words = termWords(term);
    entry = { words, joined: words.join('') };
    if (termCache.size >= TERM_CACHE_LIMIT) termCache.clear();
    termCache.set(term, entry);
  }
  return entry;
}

export function findMentions(a: Analysis, targets: readonly SentimentTarget[]): TargetMention[] {
  const t = a.tokens;
  const mentions: TargetMention[] = [];
  for (let index = 0; index < targets.length; index++) {
    const target = targets[index] as SentimentTarget;
    for (const term of target.terms) {
      const { words, joined } = cachedTermWords(term);
      const first = words[0];
      if (first === undefined) continue;
      for (let i = 0; i < t.count; i++) {
        const kind = t.kind[i];
        const text = t.text[i] ?? '';
        if (kind === WORD) {
          // Most words differ in length from the term's first word ("Acme" or "Acme's"): one compare.
          if (text.length !== first.length && text.length !== first.length + 2) continue;
          let k = 0;
          while (k < words.length && i + k < t.count && t.kind[i + k] === WORD && isWordOrPossessive(t.text[i + k] ?? '', words[k] ?? ''))
            k++;
          if (k === words.length) mentions.push({ target: index, token: i });
        } else if ((kind === HASHTAG || kind === MENTION) && text === joined) {
          mentions.push({ target: index, token: i });
        }
      }
    }
  }
  if (mentions.length > 1) mentions.sort((x, y) => x.token - y.token);
  return mentions;
}

/** stripPossessive(word) === expected, without the slice. */
function isWordOrPossessive(word: string, expected: string): boolean {
  if (word.length === expected.length) return word === expected;
  return word.length === expected.length + 2 && word.endsWith("'s") && word.startsWith(expected);
}
