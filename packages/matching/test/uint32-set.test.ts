import { describe, expect, it } from 'vitest';
import { fmix32, hashString, shingleHashes } from '../src/minhash.ts';
import { Uint32Set } from '../src/uint32-set.ts';

describe('Uint32Set', () => {
  it('answers as a Set across resets and growth, 0 and 2^32 - 1 included', () => {
    const set = new Uint32Set();
    let seed = 3;
    const next = () => {
      seed = (Math.imul(seed, 1_103_515_245) + 12_345) >>> 0;
      return seed;
    };
    for (const size of [10, 1_000, 30, 5_000]) {
      set.reset(size);
      const reference = new Set<number>();
      for (let i = 0; i < size; i++) {
        const value = i % 7 === 0 ? ([0, 0xffffffff, 1][i % 3] as number) : next() % (size * 2);
        expect(set.add(value)).toBe(!reference.has(value));
        reference.add(value);
      }
    }
  });
});

describe('shingleHashes', () => {
  /** The definition: each run of `n` words hashed, the first of equal hashes kept. */
  const reference = (words: string[], n: number) => {
    const hashes = words.filter((w) => w !== '').map(hashString);
    const out: number[] = [];
    for (let start = 0; start + n <= hashes.length; start++) {
      let h = 0x2545f491;
      for (let k = 0; k < n; k++) h = fmix32(Math.imul(h ^ (hashes[start + k] as number), 0x9e3779b1));
      if (!out.includes(h)) out.push(h);
    }
    return out;
  };

  it('gives the distinct shingles in order, for texts short and long, one after another', () => {
    const vocabulary = ['acme', 'rocket', 'anvil', 'the', 'a', 'is', 'great', ''];
    for (let length = 0; length < 700; length += 37) {
      const words = Array.from({ length }, (_, i) => vocabulary[(i * i + length) % vocabulary.length] as string);
      for (const n of [1, 3]) expect([...shingleHashes(words, n)]).toEqual(reference(words, n));
    }
  });
});
