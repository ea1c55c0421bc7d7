// The engine's limits bound its state whatever the traffic, and each entry forgotten (or waiting
// mention judged early) is counted: exact counts at each limit.
import type { Brand, ScoredMention } from '@sl/contracts';
import { brandFixture, enrichedMentionFixture } from '@sl/testkit';
import { describe, expect, it } from 'vitest';
import { type AmplificationEngine, createAmplificationEngine, type EngineLimits, newStateEvictions } from '../src/index.ts';

const brand = brandFixture('acme', { name: 'Acme', handles: ['acme'] });
// A window of the brand's length starts here, so every mention below is in one window.
const t0 = Date.UTC(2026, 10, 20, 12);

/** Mention n: its own author, a second after the one before, ingested half a second later. */
function scored(n: number, extra: Partial<ScoredMention> = {}): ScoredMention {
  return {
    ...enrichedMentionFixture(n, 'acme', {
      text: `acme post ${n}`,
      publishedAt: t0 + n * 1000,
      ingestedAt: t0 + n * 1000 + 500,
      author: { handle: `fan${n}`, name: null, followers: 10 },
    }),
    sentiment: { compound: 0, label: 'neutral', drivers: [] },
    ...extra,
  };
}

/** Ten words of its own per mention: no two are copies, and every one is long enough to be indexed. */
const ownWords = (n: number) => Array.from({ length: 10 }, (_, i) => `w${n}x${i}`).join(' ');

function engineWith(limits: Partial<EngineLimits>): AmplificationEngine {
  return createAmplificationEngine(undefined, { liveDelayMs: 1_000, ...limits });
}

/** Each mention followed by a tick covering it, as live traffic. */
function live(engine: AmplificationEngine, mentions: ScoredMention[], rules: Brand = brand): void {
  for (const mention of mentions) {
    engine.process(mention, rules, 0);
    engine.advance(mention.ingestedAt + 1_000, () => rules, 0);
  }
}

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe('amplification engine state limits', () => {
  it('forgets the least recently seen tenth of authors past maxAuthorsPerBrand, and counts them', () => {
    const engine = engineWith({ maxAuthorsPerBrand: 100 });
    live(
      engine,
      range(1, 100).map((n) => scored(n)),
    );
    expect(engine.evictions()).toEqual(newStateEvictions());
    live(engine, [scored(101)]);
    // Room for the 101st: the 90 most recently seen of the 100 kept, 10 forgotten, then it is added.
    expect(engine.evictions()).toEqual({ ...newStateEvictions(), authors: 10 });
    expect(engine.sizes().authors).toBe(91);
    const kept = Object.keys(engine.snapshot().brands.acme?.authors ?? {}).sort();
    expect(kept).toEqual(
      range(11, 101)
        .map((n) => `test:fan${n}`)
        .sort(),
    );
  });

  it('judges the oldest tenth of the waiting mentions past maxPendingPerBrand, and counts them', () => {
    const engine = engineWith({ maxPendingPerBrand: 100 });
    // No tick at all: everything waits for the watermark.
    for (const n of range(1, 100)) engine.process(scored(n), brand, 0);
    expect(engine.sizes().pending).toBe(100);
    const out = engine.process(scored(101), brand, 0);
    // The 11 earliest (up to the 11th in judge order) are judged at once, 90 wait.
    expect(out.influence.map((record) => record.handle)).toEqual(range(1, 11).map((n) => `fan${n}`));
    expect(engine.evictions()).toEqual({ ...newStateEvictions(), pendingJudgedEarly: 11 });
    expect(engine.sizes().pending).toBe(90);
    expect(engine.lateness()).toEqual([{ brandId: 'acme', late: 0, tooLate: 0, pending: 90, watermark: t0 + 11_000 }]);
  });

  it('forgets the oldest texts and copy groups past maxCopyGroupsPerBrand, and counts them', () => {
    const engine = engineWith({ maxCopyGroupsPerBrand: 100 });
    live(
      engine,
      range(1, 105).map((n) => scored(n, { text: `acme ${ownWords(n)}`, similarTo: [] })),
    );
    expect(engine.evictions()).toEqual({ ...newStateEvictions(), copyTexts: 5, copyGroups: 5 });
    expect(engine.sizes()).toMatchObject({ copyTexts: 100, copyGroups: 100 });
  });

  it('counts the mentions of a window past maxWindowAuthors distinct authors as untracked', () => {
    const engine = engineWith({ maxWindowAuthors: 100 });
    live(
      engine,
      range(1, 105).map((n) => scored(n)),
    );
    expect(engine.evictions()).toEqual({ ...newStateEvictions(), windowAuthorsUntracked: 5 });
  });

  it('stops following questions past maxOpenQuestions, and counts the ones refused', () => {
    const engine = engineWith({ maxOpenQuestions: 3 });
    live(
      engine,
      range(1, 5).map((n) => scored(n, { text: `@acme where is my order number ${n}?` })),
    );
    expect(engine.sizes().questions).toBe(3);
    expect(engine.evictions()).toEqual({ ...newStateEvictions(), questionsRefused: 2 });
  });
});
