import { describe, expect, it } from 'vitest';
import { createEnricher } from '../src/index.ts';
import { brand, mention } from './fixtures.ts';

const brands = [brand('acme', 'acme')];
// A chain of near-duplicates (each shares most of its words with the next, the ends share few)
// and one text nobody copied.
const texts = [
  'acme delivered my new kettle two days late and the box was crushed on one side',
  'acme delivered my new kettle two days late and the box was crushed on both sides again',
  'acme delivered my new kettle two days late and the box was crushed on both sides again and the lid is bent',
  'acme support answered within the hour and swapped the kettle without any fuss at all',
];
const records = texts.map((text, i) => mention(String(i + 1), text, { author: { handle: `writer${i + 1}`, name: null, followers: null } }));

function permutations<T>(items: readonly T[]): T[][] {
  if (items.length <= 1) return [[...items]];
  return items.flatMap((item, i) => permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]));
}

describe('similar pairs', () => {
  it("lists each near-duplicate pair on the record read second, so the pairs are the same in every read order (24 orders)", () => {
    const seen = new Set<string>();
    for (const order of permutations(records)) {
      const enricher = createEnricher({ brands });
      const pairs = order.flatMap((raw) => enricher.enrich(raw)).flatMap((m) => (m.similarTo ?? []).map((other) => [m.id, other].sort().join(' ~ ')));
      seen.add(JSON.stringify(pairs.sort()));
    }
    expect([...seen]).toHaveLength(1);
    // The chain's neighbours are pairs; its ends are not, and the unrelated text is in none.
    expect(JSON.parse([...seen][0] as string)).toEqual(['rss:1 ~ rss:2', 'rss:2 ~ rss:3']);
  });

  it('gives the score before copy-paste apart: copies by a third author weigh on spamScore, not on spamScoreBeforeCopies', () => {
    const enricher = createEnricher({ brands });
    const text = 'acme is the best kettle brand I have ever owned and I tell everyone about it';
    const out = [1, 2, 3].flatMap((n) => enricher.enrich(mention(`c${n}`, text, { author: { handle: `fan${n}`, name: null, followers: null } })));
    const third = out[2];
    expect(third?.spamReasons).toContain('copy_paste');
    expect(third?.spamScoreBeforeCopies).toBe(out[0]?.spamScore);
    expect(third?.spamScore).toBeGreaterThan(third?.spamScoreBeforeCopies ?? 1);
  });
});
