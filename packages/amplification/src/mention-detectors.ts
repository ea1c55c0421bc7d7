// Per-mention kinds: an influential author speaking, a post whose spread accelerates, a positive
// post gaining traction. Each post raises each kind at most once.
import type { Brand, InfluenceScore, ScoredMention } from '@sl/contracts';
import { type AlertDraft, fixed, influenceLine, mentionAlertId } from './alert-text.ts';
import { normaliseHandle } from './influence-score.ts';
import { isGrowing, spreadOf, spreadRates, type TrackedPost } from './post-tracker.ts';
import { excerpt } from './window-tally.ts';

/** A post at or above this compound counts as a positive story. */
export const POSITIVE_COMPOUND = 0.3;

function handleOf(author: string): string {
  return author.slice(author.indexOf(':') + 1);
}

export function influentialVoice(brand: Brand, mention: ScoredMention, influence: InfluenceScore, listed: boolean): AlertDraft | null {
  const th = brand.alertThresholds;
  const followers = mention.author.followers ?? 0;
  if (!listed && (influence.score < th.influenceScore || followers < th.influentialFollowers)) return null;
  const { compound, label } = mention.sentiment;
  const severity = label === 'negative' ? (influence.score >= 80 ? 'critical' : 'warning') : 'info';
  const handle = normaliseHandle(mention.author.handle);
  const audience = mention.author.followers === null ? 'audience unknown' : `${followers.toLocaleString('en-US')} followers`;
  return {
    id: mentionAlertId(brand.id, 'influential_voice', mention.id),
    kind: 'influential_voice',
    severity,
    windowStart: mention.publishedAt,
    windowEnd: mention.publishedAt,
    observed: influence.score,
    expected: th.influenceScore,
    mentionIds: [mention.id],
    sampleTexts: [excerpt(mention.text)],
    author: `${mention.source}:${handle}`,
    url: mention.url,
    sentiment: compound,
    influence,
    explanation: `@${handle} on ${mention.source} (${audience}; ${influenceLine(influence)}) mentioned ${brand.name}, ${label} (${fixed(compound, 2)}).`,
  };
}

/** Multiples of the brand's typical post engagement, with the absolute thresholds as floors. */
export function engagementBars(brand: Brand, typical: number): { viral: number; traction: number } {
  const th = brand.alertThresholds;
  return {
    viral: Math.max(th.viralEngagement, th.viralBaselineMultiple * typical),
    traction: Math.max(th.tractionEngagement, th.tractionBaselineMultiple * typical),
  };
}

export function postSignals(brand: Brand, post: TrackedPost, typical: number): AlertDraft[] {
  if (post.ownPost) return [];
  const drafts: AlertDraft[] = [];
  const th = brand.alertThresholds;
  const bars = engagementBars(brand, typical);
  const { spread, total } = spreadOf(post);
  const last = post.points[post.points.length - 1];
  const base = {
    windowStart: post.publishedAt,
    windowEnd: last?.at ?? post.publishedAt,
    mentionIds: [post.id],
    sampleTexts: [post.text],
    author: post.author,
    url: post.url,
    sentiment: post.compound,
  };

  if (!post.fired.includes('viral_post') && total >= bars.viral) {
    const rates = spreadRates(post);
    if (rates && rates.latest > 0 && rates.latest >= th.viralAcceleration * Math.max(rates.previous, 0)) {
      post.fired.push('viral_post');
      const perMinute = (r: number) => fixed(r * 60);
      drafts.push({
        ...base,
        id: mentionAlertId(brand.id, 'viral_post', post.id),
        kind: 'viral_post',
        // Negative as the sentiment worker labels it (and the rollups count it), not any score below 0.
        severity: post.negative === true ? 'critical' : 'warning',
        observed: round2(rates.latest * 60),
        expected: round2(Math.max(rates.previous, 0) * 60),
        explanation: `A post by @${handleOf(post.author)} about ${brand.name} is spreading faster: ${perMinute(rates.latest)} shares and replies a minute now against ${perMinute(Math.max(rates.previous, 0))} before; ${total.toLocaleString('en-US')} engagements in all (${spread.toLocaleString('en-US')} shares and replies), against a usual ${Math.round(typical).toLocaleString('en-US')} for the brand's posts.`,
      });
    }
  }

  if (!post.fired.includes('amplification_opportunity') && post.compound >= POSITIVE_COMPOUND && total >= bars.traction && isGrowing(post)) {
    post.fired.push('amplification_opportunity');
    const previous = post.points[post.points.length - 2]?.total ?? 0;
    drafts.push({
      ...base,
      id: mentionAlertId(brand.id, 'amplification_opportunity', post.id),
      kind: 'amplification_opportunity',
      severity: 'info',
      observed: total,
      expected: round2(bars.traction),
      explanation: `A positive post (${fixed(post.compound, 2)}) by @${handleOf(post.author)} about ${brand.name} is gaining traction: ${total.toLocaleString('en-US')} engagements, up from ${previous.toLocaleString('en-US')} at the last look. Worth sharing or answering.`,
    });
  }
  return drafts;
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}
