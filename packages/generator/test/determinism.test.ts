// The same seed and the same calls give the same mentions, byte for byte; another seed gives other
// ids (so two demo runs into one data folder never re-send each other's ids).
import { parseMentionInput } from '@sl/contracts';
import { describe, expect, it } from 'vitest';
import { createGenerator, DEMO_EVENTS } from '../src/index.ts';

const START = Date.UTC(2026, 10, 24, 12, 0, 0);
const HOUR = 3_600_000;

function run(seed: number) {
  const generator = createGenerator({ seed, ratePerSecond: 2, events: DEMO_EVENTS });
  const history = generator.history(START - HOUR / 4, START);
  const live = Array.from({ length: 240 }, (_, i) => generator.tick(START + (i + 1) * 1000));
  return JSON.stringify({ history, live });
}

describe('createGenerator', () => {
  it('gives identical output for the same seed and calls, different ids for another seed', () => {
    const a = run(42);
    expect(run(42)).toBe(a);
    const ids = (json: string) => new Set((JSON.parse(json).history as Array<{ source: string; id: string }>).map((m) => `${m.source}:${m.id}`));
    const mine = ids(a);
    const theirs = ids(run(43));
    expect([...theirs].filter((id) => mine.has(id))).toEqual([]);
  });

  it('starts the same way every time for seed 1', () => {
    const generator = createGenerator({ seed: 1, ratePerSecond: 20, start: START });
    const [first] = generator.tick(START + 1000);
    expect(first).toEqual({
      source: 'reviews',
      id: 'rv-1-1',
      text: 'Acme will publish its quarterly report on Monday, the gadget catalog app numbers are in it, pickup was at the Oslo counter.',
      publishedAt: '2026-11-24T12:00:00.001Z',
      author: { handle: 'Vik M.885', name: 'Vik M.' },
      title: '3/5 Acme delivery drone vs the old model',
      url: 'https://reviews.example/acme/rv-1-1',
      lang: 'en',
      engagement: { likes: 3, shares: 0, replies: 0 },
    });
  });

  it('writes only mentions the gateway accepts, in publishing order, never in the future', () => {
    const generator = createGenerator({ seed: 3, ratePerSecond: 3, events: DEMO_EVENTS });
    const history = generator.history(START - HOUR / 2, START);
    const live = Array.from({ length: 300 }, (_, i) => ({ now: START + (i + 1) * 1000, mentions: generator.tick(START + (i + 1) * 1000) }));
    for (const m of history) expect(parseMentionInput(m).ok).toBe(true);
    expect(history.every((m) => Date.parse(m.publishedAt) < START)).toBe(true);
    for (const { now, mentions } of live) {
      for (const m of mentions) {
        expect(parseMentionInput(m).ok).toBe(true);
        expect(Date.parse(m.publishedAt)).toBeLessThan(now);
      }
    }
    // Re-observations keep their first publishedAt; everything else comes in publishing order.
    const seen = new Set<string>();
    let last = 0;
    for (const m of history) {
      const key = `${m.source}:${m.id}`;
      if (!seen.has(key)) {
        expect(Date.parse(m.publishedAt)).toBeGreaterThanOrEqual(last);
        last = Date.parse(m.publishedAt);
      }
      seen.add(key);
    }
  });

  it('follows the daily rhythm: the afternoon (UTC) is busier than the night, at the same mean', () => {
    const generator = createGenerator({ seed: 5, ratePerSecond: 1 });
    const night = generator.history(Date.UTC(2026, 10, 24, 2), Date.UTC(2026, 10, 24, 4)).length;
    const afternoon = generator.history(Date.UTC(2026, 10, 24, 14), Date.UTC(2026, 10, 24, 16)).length;
    expect(afternoon / night).toBeGreaterThan(1.5);
    expect(generator.rateAt(Date.UTC(2026, 10, 24, 15))).toBeCloseTo(1.3, 5);
    expect(generator.rateAt(Date.UTC(2026, 10, 24, 3))).toBeCloseTo(0.7, 5);
  });

  it('takes a fixed count per tick when given one, and nothing for a moment already covered', () => {
    const generator = createGenerator({ seed: 9, start: START });
    expect(generator.tick(START + 1000, 50)).toHaveLength(50);
    expect(generator.tick(START + 1000)).toEqual([]);
    expect(generator.tick(START + 500)).toEqual([]);
    expect(generator.cursor).toBe(START + 1000);
  });
});
