import type { ScoredMention } from '@sl/contracts';
import { brandFixture, enrichedMentionFixture } from '@sl/testkit';
import { describe, expect, it } from 'vitest';
import { createAmplificationEngine, eventTime } from '../src/index.ts';

const brand = brandFixture('acme', { name: 'Acme', handles: ['acme'] });
const t0 = Date.UTC(2026, 10, 20, 12);

function scored(n: number, extra: Partial<ScoredMention> = {}): ScoredMention {
  return {
    ...enrichedMentionFixture(n, 'acme', { text: `acme post ${n}`, publishedAt: t0 + n * 1000, ingestedAt: t0 + n * 1000 + 500 }),
    sentiment: { compound: 0, label: 'neutral', drivers: [] },
    ...extra,
  };
}

const famous = (n: number, extra: Partial<ScoredMention> = {}) =>
  scored(n, { author: { handle: 'star', name: null, followers: 900_000 }, engagement: { likes: 20_000, shares: 900, replies: 300 }, ...extra });

describe('amplification engine', () => {
  it('announces an influential author once a day, not for every post', () => {
    const engine = createAmplificationEngine();
    const kinds = [1, 2, 3].flatMap((n) => engine.process(famous(n), brand, 0).alerts.map((a) => a.kind));
    expect(kinds).toEqual(['influential_voice']);
    const nextDay = famous(90_000);
    expect(engine.process(nextDay, brand, 0).alerts.map((a) => a.id)).toEqual(['acme:influential_voice:test:90000']);
  });

  it('ignores spam, copies of other texts, deleted and unknown brands', () => {
    const engine = createAmplificationEngine();
    expect(engine.process(famous(1, { spamScore: 0.95 }), brand, 0)).toEqual({ alerts: [], influence: null });
    expect(engine.process(famous(2, { isDuplicate: true, duplicateOf: 'test:1' }), brand, 0)).toEqual({ alerts: [], influence: null });
    expect(engine.process(famous(3), { ...brand, deleted: true }, 0)).toEqual({ alerts: [], influence: null });
    expect(engine.process(famous(4), undefined, 0)).toEqual({ alerts: [], influence: null });
    // Spam still moves the brand's clock, so the brand has state; deleted and unknown ones do not add any.
    expect(engine.brandCount()).toBe(1);
  });

  it('returns the author influence for every counted mention', () => {
    const out = createAmplificationEngine().process(scored(1, { author: { handle: '@Bea', name: null, followers: 5_000 } }), brand, 0);
    expect(out.influence).toMatchObject({ brandId: 'acme', source: 'test', handle: 'bea', followers: 5_000, mentions: 1, replies: 0, activeDays: 1 });
  });

  it('does not alert on mentions far behind the brand clock', () => {
    const engine = createAmplificationEngine();
    engine.process(scored(10_000), brand, 0);
    expect(engine.process(famous(1), brand, 0).alerts).toEqual([]);
  });

  it('does not believe a publishedAt far past the moment of ingestion', () => {
    const m = scored(1, { publishedAt: Date.UTC(2999, 0, 1), ingestedAt: t0 });
    expect(eventTime(m)).toBe(t0 + 10 * 60_000);
  });

  it("answers a question with a reply from the brand's account, and raises the unanswered ones when their window closes", () => {
    const engine = createAmplificationEngine();
    const alerts: string[] = [];
    const run = (m: ScoredMention) => alerts.push(...engine.process(m, brand, 0).alerts.map((a) => `${a.kind} ${a.mentionIds.join(',')}`));
    run(scored(1, { text: '@acme is the store open on Sunday?' }));
    run(scored(2, { text: '@acme does the grinder take 220V?', author: { handle: 'asker2', name: null, followers: 10 } }));
    run(scored(60, { text: 'yes, until 6pm', author: { handle: 'acme', name: null, followers: 9_000 }, parentId: '1' }));
    // Time passes: the reply window (15 min) and the window the question fell due in close.
    for (let n = 100; n <= 3_600; n += 100) run(scored(n));
    expect(alerts).toEqual(['unanswered_question test:2']);
  });

  it('raises viral_post when shares and replies accelerate, and amplification_opportunity for a positive post gaining traction', () => {
    const engine = createAmplificationEngine();
    const kinds: string[] = [];
    const post = scored(1, { text: 'acme saved my morning, lovely people', sentiment: { compound: 0.7, label: 'positive', drivers: [] } });
    kinds.push(...engine.process(post, brand, 0).alerts.map((a) => a.kind));
    const seen = (at: number, spread: number) =>
      kinds.push(
        ...engine
          .process({ ...post, ingestedAt: t0 + at * 60_000, isDuplicate: true, duplicateOf: post.id, engagement: { likes: spread, shares: spread, replies: 0 } }, brand, 0)
          .alerts.map((a) => a.kind),
      );
    seen(5, 20);
    expect(kinds).toEqual([]);
    seen(10, 80);
    expect(kinds).toEqual(['amplification_opportunity']);
    seen(15, 200);
    seen(20, 900);
    expect(kinds).toEqual(['amplification_opportunity', 'viral_post']);
    seen(25, 5_000);
    expect(kinds).toEqual(['amplification_opportunity', 'viral_post']);
  });
});
