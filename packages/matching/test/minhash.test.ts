import { describe, expect, it } from 'vitest';
import { bottomSketch, SKETCH_SIZE, sketchSimilarity } from '../src/minhash.ts';

/** A bottom-k sketch of the given distinct hashes. */
const sketch = (hashes: number[]) => bottomSketch(Uint32Array.from(hashes));
const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);

describe('sketchSimilarity', () => {
  it('is the exact Jaccard similarity when the union fits in the sketch', () => {
    // 12 shared of 20 distinct: 0.6.
    expect(sketchSimilarity(sketch(range(0, 16)), sketch(range(4, 20)))).toBe(0.6);
    expect(sketchSimilarity(sketch(range(0, 10)), sketch(range(0, 10)))).toBe(1);
    expect(sketchSimilarity(sketch(range(0, 10)), sketch(range(10, 20)))).toBe(0);
  });

  it('with a threshold, answers the same test and gives the exact value whenever it passes', () => {
    let seed = 5;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed / 2_147_483_648;
    };
    let passed = 0;
    let stoppedEarly = 0;
    for (let pair = 0; pair < 2_000; pair++) {
      // Two texts of 5-200 shingles drawn from a small pool, so that overlaps of every size occur.
      const pool = 20 + Math.floor(random() * 300);
      const draw = () => [
        ...new Set(Array.from({ length: 5 + Math.floor(random() * 195) }, () => Math.floor(random() * pool) * 2_654_435_761)),
      ];
      const a = sketch(draw());
      const b = sketch(draw());
      const exact = sketchSimilarity(a, b);
      const bounded = sketchSimilarity(a, b, 0.6);
      expect(bounded >= 0.6).toBe(exact >= 0.6);
      if (exact >= 0.6) {
        expect(bounded).toBe(exact);
        passed += 1;
      } else if (bounded !== exact) stoppedEarly += 1;
    }
    // Both branches ran: some pairs pass, and some merges stopped before the end.
    expect(passed).toBeGreaterThan(20);
    expect(stoppedEarly).toBeGreaterThan(20);
    expect(SKETCH_SIZE).toBe(128);
  });
});
