// The spam model's input: a comment as hashed feature indexes (the hashing trick), so the model is
// one weight array and a new word costs no vocabulary. Features: words and word pairs (links
// replaced by one token), character n-grams (catch "subscr1be", "chanel", glued
// words), the text reasons of text-signals.ts, and coarse shape (length, links, digit runs).
// Integer FNV-1a hashing throughout: no strings are built per feature.
import { type CommentShape, isWordCode } from './text-signals.ts';

export interface FeatureConfig {
  /** log2 of the number of weights. */
  bits: number;
  /** Character n-gram lengths over the text with runs of spaces collapsed. */
  charGrams: readonly number[];
  /** Whether adjacent word pairs are features. */
  wordPairs: boolean;
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
// No feature for a link's host: the training data's hosts (youtube.com in the videos, t.co in the
// tweets) would teach where the data came from, not what spam looks like.
const NAMESPACE = { word: 1, pair: 2, char: 4, reason: 5, shape: 6 } as const;

function hashString(seed: number, text: string, from = 0, to = text.length): number {
  let hash = FNV_OFFSET ^ seed;
  for (let i = from; i < to; i++) hash = Math.imul(hash ^ text.charCodeAt(i), FNV_PRIME);
  return hash >>> 0;
}

function mix(a: number, b: number): number {
  return Math.imul(a ^ (b + 0x9e3779b9 + (a << 6) + (a >>> 2)), FNV_PRIME) >>> 0;
}

/**
 * Writes the feature indexes of one comment into `out` (duplicates allowed: a repeated word
 * counts twice) and returns how many. `shape` is commentShape of the plain text; `reasons` its text reasons.
 */
export function commentFeatures(shape: CommentShape, reasons: readonly string[], config: FeatureConfig, out: Int32Array): number {
  const mask = (1 << config.bits) - 1;
  let n = 0;
  const push = (hash: number) => {
    if (n < out.length) out[n++] = hash & mask;
  };
  const text = shape.rest;
  const links = shape.links;
  let digitRun = 0;
  let longestDigits = 0;
  // Words and pairs.
  let words = 0;
  let previous = 0;
  let start = -1;
  for (let i = 0; i <= text.length; i++) {
    const code = i < text.length ? text.charCodeAt(i) : 32;
    if (code >= 48 && code <= 57) {
      digitRun++;
      if (digitRun > longestDigits) longestDigits = digitRun;
    } else digitRun = 0;
    if (i < text.length && isWordCode(code)) {
      if (start < 0) start = i;
      continue;
    }
    if (start >= 0) {
      const word = hashString(NAMESPACE.word, text, start, i);
      push(word);
      if (config.wordPairs && words > 0) push(mix(previous, word));
      previous = word;
      words++;
      start = -1;
    }
  }
  // Character n-grams over the text with whitespace runs collapsed to one space.
  if (config.charGrams.length > 0) {
    const window = new Int32Array(8);
    let filled = 0;
    let lastSpace = true;
    for (let i = 0; i < text.length; i++) {
      let code = text.charCodeAt(i);
      // A link's placeholder (1) reads as a space: the link counts once, in the shape features.
      const space = code === 32 || code === 10 || code === 9 || code === 13 || code === 1;
      if (space) {
        if (lastSpace) continue;
        code = 32;
      }
      lastSpace = space;
      for (let k = 7; k > 0; k--) window[k] = window[k - 1] as number;
      window[0] = code;
      filled++;
      for (const size of config.charGrams) {
        if (filled < size) continue;
        let hash = FNV_OFFSET ^ (NAMESPACE.char * 31 + size);
        for (let k = size - 1; k >= 0; k--) hash = Math.imul(hash ^ (window[k] as number), FNV_PRIME);
        push(hash >>> 0);
      }
    }
  }
  for (const reason of reasons) push(hashString(NAMESPACE.reason, reason));
  // Shape: coarse buckets, so the model can learn "short with a link" or "a long digit run".
  push(hashString(NAMESPACE.shape, `words:${words < 3 ? words : words < 8 ? 'few' : words < 25 ? 'some' : 'many'}`));
  push(hashString(NAMESPACE.shape, `links:${Math.min(links, 2)}`));
  if (longestDigits >= 7) push(hashString(NAMESPACE.shape, 'digits:7+'));
  push(hashString(NAMESPACE.shape, 'bias'));
  return n;
}
