// Near-duplicate fingerprints of a word sequence. Shingles are runs of `shingleWords` words,
// hashed to 32 bits. Two fingerprints are kept:
// - a bottom-k sketch (the k smallest shingle hashes, sorted): Jaccard similarity between two
//   texts is estimated from it, exactly when both have at most k shingles;
// - a MinHash signature cut into LSH bands: texts whose Jaccard similarity is J share at least
//   one band with probability 1 - (1 - J^rows)^bands, which finds candidates without comparing
//   against every stored text.
// Everything is seeded by constants, so the same input always gives the same fingerprints.
import { Uint32Set } from './uint32-set.ts';

/** Words per shingle. */
export const DEFAULT_SHINGLE_WORDS = 3;
/** Estimated Jaccard similarity at or above which two texts are copies (see the enricher's options). */
export const DEFAULT_NEAR_DUPLICATE_THRESHOLD = 0.6;
/** Texts with fewer words are never copies: short texts share stock phrases. */
export const DEFAULT_MIN_WORDS_FOR_NEAR_DUPLICATE = 8;
/** Sketch size; texts up to this many distinct shingles are compared exactly. */
export const SKETCH_SIZE = 128;
export const LSH_BANDS = 20;
export const LSH_ROWS = 3;

const MINHASH_SEEDS = Uint32Array.from({ length: LSH_BANDS * LSH_ROWS }, (_, i) => fmix32(Math.imul(i + 1, 0x9e3779b1)));

export function fmix32(value: number): number {
  let h = value | 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** Scratch space of shingleHashes, reused from text to text (single-threaded, never re-entered). */
const DISTINCT = new Uint32Set();
let wordHashes = new Uint32Array(256);
let found = new Uint32Array(256);

/** Distinct shingle hashes of a word sequence (empty strings, i.e. sentence breaks, skipped), first seen first. */
export function shingleHashes(words: readonly string[], shingleWords: number): Uint32Array {
  if (words.length > wordHashes.length) wordHashes = new Uint32Array(2 ** Math.ceil(Math.log2(words.length)));
  const hashes = wordHashes;
  let count = 0;
  for (const word of words) if (word !== '') hashes[count++] = hashString(word);
  const shingles = Math.max(count - shingleWords + 1, 0);
  if (shingles > found.length) found = new Uint32Array(2 ** Math.ceil(Math.log2(shingles)));
  DISTINCT.reset(shingles);
  let kept = 0;
  for (let start = 0; start + shingleWords <= count; start++) {
    let h = 0x2545f491;
    for (let k = 0; k < shingleWords; k++) h = fmix32(Math.imul(h ^ (hashes[start + k] as number), 0x9e3779b1));
    if (DISTINCT.add(h)) found[kept++] = h;
  }
  return found.slice(0, kept);
}

export function bottomSketch(shingles: Uint32Array): Uint32Array {
  return shingles.slice().sort().subarray(0, SKETCH_SIZE);
}

/** One key per LSH band; equal keys in the same band make two texts candidates. */
export function bandKeys(shingles: Uint32Array): number[] {
  const signature = new Uint32Array(MINHASH_SEEDS.length).fill(0xffffffff);
  for (let s = 0; s < shingles.length; s++) {
    const shingle = shingles[s] as number;
    for (let i = 0; i < MINHASH_SEEDS.length; i++) {
      const h = fmix32(shingle ^ (MINHASH_SEEDS[i] as number));
      if (h < (signature[i] as number)) signature[i] = h;
    }
  }
  const keys = new Array<number>(LSH_BANDS);
  for (let band = 0; band < LSH_BANDS; band++) {
    let h = band + 1;
    for (let row = 0; row < LSH_ROWS; row++) h = fmix32(Math.imul(h ^ (signature[band * LSH_ROWS + row] as number), 0x27d4eb2f));
    keys[band] = h;
  }
  return keys;
}

/**
 * Jaccard similarity estimated from two bottom-k sketches (exact when the union fits in k). With
 * `atLeast`, the merge stops as soon as even sharing every remaining hash could not reach it, and
 * returns that bound instead: some value below `atLeast`, which is all a threshold test needs.
 * `b` may be a slice of a larger array (`bFrom`, `bLength`), so an index can keep every sketch in
 * one array instead of one object each.
 */
export function sketchSimilarity(a: Uint32Array, b: Uint32Array, atLeast = 0, bFrom = 0, bLength = b.length - bFrom): number {
  let i = 0;
  let j = bFrom;
  const bEnd = bFrom + bLength;
  let taken = 0;
  let shared = 0;
  while (taken < SKETCH_SIZE && (i < a.length || j < bEnd)) {
    // Every 8 steps (and before the first: sketches of very different sizes never get close).
    if (atLeast > 0 && (taken & 7) === 0) {
      const restA = a.length - i;
      const restB = bEnd - j;
      const best = (shared + Math.min(restA, restB)) / Math.min(SKETCH_SIZE, taken + Math.max(restA, restB));
      if (best < atLeast) return best;
    }
    const x = i < a.length ? (a[i] as number) : Number.POSITIVE_INFINITY;
    const y = j < bEnd ? (b[j] as number) : Number.POSITIVE_INFINITY;
    if (x === y) {
      shared++;
      i++;
      j++;
    } else if (x < y) {
      i++;
    } else {
      j++;
    }
    taken++;
  }
  return taken === 0 ? 0 : shared / taken;
}
