import { describe, expect, it } from 'vitest';
import { newAuthorStats, recordPost } from '../src/author-stats.ts';
import { influenceScore, listedInfluencer, reachPart } from '../src/index.ts';

const DAY = 86_400_000;
const t0 = Date.UTC(2026, 10, 16, 12);

function author(posts: Array<{ day: number; followers: number; likes?: number; shares?: number; replies?: number; isReply?: boolean; category?: boolean }>) {
  const stats = newAuthorStats('mastodon', 'someone');
  for (const p of posts) {
    recordPost(
      stats,
      { publishedAt: t0 + p.day * DAY, followers: p.followers, likes: p.likes ?? 0, shares: p.shares ?? 0, replies: p.replies ?? 0, isReply: p.isReply ?? false, usesCategoryTerm: p.category ?? false },
      t0 + p.day * DAY,
    );
  }
  return stats;
}

describe('influence score', () => {
  it('damps reach: ten times the audience adds a sixth, not ten times', () => {
    expect([0, 999, 99_999, 999_999, 50_000_000].map(reachPart)).toEqual([0, 0.5, 5 / 6, 1, 1]);
  });

  it('shows its parts, and a single post leans towards neutral where there is no evidence yet', () => {
    const score = influenceScore(author([{ day: 0, followers: 1_000_000 }]), { hasCategoryTerms: false, listed: undefined, now: t0 });
    expect(score).toEqual({ score: 56.66, reach: 1, engagement: 0.25, conversation: 0.25, consistency: 0.3606, relevance: 0.5, listed: null });
  });

  it('ranks an engaged expert who talks with people every day above a silent audience of a million', () => {
    const expert = author(
      Array.from({ length: 20 }, (_, i) => ({ day: i, followers: 8_000, likes: 300, shares: 40, replies: 30, isReply: i % 2 === 0, category: true })),
    );
    const broadcaster = author(Array.from({ length: 20 }, () => ({ day: 0, followers: 1_200_000, likes: 40 })));
    const context = { hasCategoryTerms: true, listed: undefined, now: t0 + 20 * DAY };
    const expertScore = influenceScore(expert, context);
    const broadcasterScore = influenceScore(broadcaster, context);
    expect(expertScore.score).toBeGreaterThan(broadcasterScore.score);
    expect(broadcasterScore.reach).toBe(1);
    expect(broadcasterScore.engagement).toBeLessThan(0.1);
    expect(expertScore.consistency).toBeGreaterThan(0.9);
  });

  it('boosts or pins a listed influencer, a source-specific entry first', () => {
    const list = [
      { handle: 'someone', source: null, mode: 'boost' as const, score: 30 },
      { handle: '@SomeOne', source: 'mastodon', mode: 'pin' as const, score: 90 },
    ];
    expect(listedInfluencer(list, 'mastodon', 'someone')?.mode).toBe('pin');
    expect(listedInfluencer(list, 'reddit', 'someone')?.mode).toBe('boost');
    expect(listedInfluencer(list, 'reddit', 'other')).toBeUndefined();
    const stats = author([{ day: 0, followers: 100 }]);
    expect(influenceScore(stats, { hasCategoryTerms: false, listed: list[1], now: t0 })).toMatchObject({ score: 90, listed: 'pin' });
    const earned = influenceScore(stats, { hasCategoryTerms: false, listed: undefined, now: t0 }).score;
    expect(influenceScore(stats, { hasCategoryTerms: false, listed: list[0], now: t0 }).score).toBeCloseTo(earned + 30, 1);
  });

  it('forgets active days older than thirty days', () => {
    const stats = author([{ day: 0, followers: 10 }, { day: 10, followers: 10 }, { day: 45, followers: 10 }]);
    expect(stats.days).toEqual([Math.floor((t0 + 45 * DAY) / DAY)]);
    expect(stats.mentions).toBe(3);
  });
});
