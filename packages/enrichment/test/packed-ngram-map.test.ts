import { describe, expect, it } from 'vitest';
import { MAX_PACKED_CHARS, PackedNgramMap, packNgram } from '../src/language/packed-ngram-map.ts';

describe('packNgram', () => {
  it('gives distinct pairs to distinct code sequences, the length included', () => {
    const seen = new Set<string>();
    const sequences = [
      [],
      [0],
      [0, 0],
      [0, 0, 0, 0, 0, 0],
      [255],
      [255, 255, 255, 255],
      [1, 2, 3, 4, 5, 6],
      [1, 2, 3, 4, 5],
      [6, 5, 4, 3, 2, 1],
    ];
    for (const codes of sequences) seen.add(packNgram(codes).join(','));
    expect(seen.size).toBe(sequences.length);
  });

  it('refuses what it cannot pack', () => {
    expect(() => packNgram(new Array(MAX_PACKED_CHARS + 1).fill(1))).toThrow(RangeError);
    expect(() => packNgram([256])).toThrow(RangeError);
  });
});

describe('PackedNgramMap', () => {
  it('answers as a Map over many keys, through growth and clears', () => {
    const map = new PackedNgramMap(4);
    const reference = new Map<string, number>();
    let seed = 7;
    const next = () => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed % 40;
    };
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < 5_000; i++) {
        const codes = [next(), next(), next(), next(), next()].slice(0, 3 + (i % 3));
        const [low, high] = packNgram(codes);
        const key = codes.join(',');
        expect(map.add(low, high, i)).toBe(!reference.has(key));
        if (!reference.has(key)) reference.set(key, i);
      }
      expect(map.size).toBe(reference.size);
      for (const [key, value] of reference) {
        const [low, high] = packNgram(key.split(',').map(Number));
        expect(map.get(low, high)).toBe(value);
      }
      map.clear();
      reference.clear();
      expect(map.size).toBe(0);
      expect(map.get(...packNgram([1, 2, 3]))).toBe(-1);
    }
  });
});
