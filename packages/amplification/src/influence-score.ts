// Earned influence, 0..100, with its parts shown. A large audience alone is a poor signal, so reach
// is damped (logarithmic) and is only one part of five; the others are earned: reactions relative
// to the audience, taking part in conversations, a history on the topic over many days, and
// talking about the brand's category. Parts with little evidence lean towards a neutral 0.5, so
// one post says less than twenty.
import type { InfluenceScore, ListedInfluencer } from '@sl/contracts';
import { type AuthorStats, activeDays } from './author-stats.ts';

export const INFLUENCE_WEIGHTS = Object.freeze({ reach: 0.35, engagement: 0.25, conversation: 0.1, consistency: 0.15, relevance: 0.15 });

/** How many observations a part's own evidence counts as much as the neutral prior. */
const PRIOR_WEIGHT = 1;
const NEUTRAL = 0.5;

/** log10 of followers over 6: 1k -> 0.5, 100k -> 0.83, 1M and above -> 1. */
export function reachPart(followers: number | null): number {
  if (followers === null || followers <= 0) return 0;
  return Math.min(1, Math.log10(followers + 1) / 6);
}

/** Engagement rate 2 % reads as 0.5: typical for an engaged audience on social platforms. */
export function engagementPart(rate: number): number {
  return rate / (rate + 0.02);
}

/** Replying to about a third of the time is full marks: a voice that talks with people. */
export function conversationPart(replyShare: number): number {
  return Math.min(1, replyShare / 0.3);
}

/** 1 day: 0.22, 3 days: 0.53, 7 days: 0.83 of the last 30. */
export function consistencyPart(days: number): number {
  return 1 - Math.exp(-days / 4);
}

function shrink(value: number, evidence: number): number {
  return (value * evidence + NEUTRAL * PRIOR_WEIGHT) / (evidence + PRIOR_WEIGHT);
}

function round(value: number, digits = 4): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}

export interface InfluenceContext {
  /** The brand's category terms; none means relevance is neutral. */
  hasCategoryTerms: boolean;
  listed: ListedInfluencer | undefined;
  /** Event time the consistency window ends at. */
  now: number;
}

export function influenceScore(stats: AuthorStats, context: InfluenceContext): InfluenceScore {
  const n = stats.mentions;
  const reach = reachPart(stats.followers);
  const engagement = shrink(engagementPart(stats.engagementRate), stats.engagementPosts);
  const conversation = shrink(conversationPart(n > 0 ? stats.replies / n : 0), n);
  const consistency = shrink(consistencyPart(activeDays(stats, context.now)), n);
  const relevance = context.hasCategoryTerms ? shrink(n > 0 ? stats.categoryHits / n : 0, n) : NEUTRAL;
  const w = INFLUENCE_WEIGHTS;
  let score = 100 * (w.reach * reach + w.engagement * engagement + w.conversation * conversation + w.consistency * consistency + w.relevance * relevance);
  let listed: string | null = null;
  if (context.listed) {
    listed = context.listed.mode;
    score = context.listed.mode === 'pin' ? context.listed.score : Math.min(100, score + context.listed.score);
  }
  return {
    score: round(score, 2),
    reach: round(reach),
    engagement: round(engagement),
    conversation: round(conversation),
    consistency: round(consistency),
    relevance: round(relevance),
    listed,
  };
}

/** The brand's list entry for an author: a source-specific entry wins over an any-source one. */
export function listedInfluencer(list: readonly ListedInfluencer[], source: string, handle: string): ListedInfluencer | undefined {
  const h = normaliseHandle(handle);
  return list.find((entry) => entry.source === source && normaliseHandle(entry.handle) === h) ?? list.find((entry) => entry.source === null && normaliseHandle(entry.handle) === h);
}

/** Lower case, no leading @; a fediverse `user@instance` also answers to `user`. */
export function normaliseHandle(handle: string): string {
  return handle.trim().replace(/^@/, '').toLowerCase();
}
