// VerdictCorrection: a change to how one scored mention counts for one brand, after it was scored.
// Topic mentions.corrections, key = brandId. The amplification worker writes one when its verdict,
// judged in publication order, differs from the enricher's (which depends on the order the enricher
// read); the aggregation worker turns each into additive correction rows of the rollups, so a
// window's rollups equal what its alerts observed whatever the arrival order.
// Schema: schemas/verdict-correction/VerdictCorrection.v<N>.avsc.
import { defineContract } from './contract.ts';
import { spamThresholdOf } from './enriched-mention.ts';
import type { ScoredMention, SentimentLabel } from './scored-mention.ts';

export const VERDICT_CORRECTIONS_TOPIC = 'mentions.corrections';

/**
 * How one brand's mention counts in the rollups, exactly one of: duplicates first, then spam, then
 * replies in the brand's threads that do not name it, else counted (so mentions + duplicates +
 * spam + thread replies = records).
 */
export type MentionKind = 'counted' | 'duplicate' | 'spam' | 'thread_reply';

/** The enricher's verdict as the rollups count it: by the record's own spam threshold (v3), else the brand's. */
export function mentionKind(
  mention: Pick<ScoredMention, 'isDuplicate' | 'spamScore' | 'role'> & { spamThreshold?: number | null },
  brandThreshold: number,
): MentionKind {
  if (mention.isDuplicate) return 'duplicate';
  if (mention.spamScore >= spamThresholdOf(mention, brandThreshold)) return 'spam';
  if (mention.role === 'thread_reply') return 'thread_reply';
  return 'counted';
}

/** The rollups' language of a mention: detected, else declared, else 'und' (BCP 47 undetermined). */
export function rollupLang(mention: Pick<ScoredMention, 'detectedLang' | 'lang'>): string {
  return mention.detectedLang ?? mention.lang ?? 'und';
}

export type CorrectionBy = 'event_time' | 'team';

export interface VerdictCorrection {
  /** `event_time:<brandId>:<mentionId>`; a team correction adds `:<correctedAt>` (a mention may be corrected again). */
  id: string;
  by: CorrectionBy;
  mentionId: string;
  brandId: string;
  source: string;
  lang: string;
  publishedAt: number;
  ingestedAt: number;
  authorHandle: string;
  followers: number | null;
  likes: number;
  shares: number;
  replies: number;
  compound: number;
  fromKind: MentionKind;
  toKind: MentionKind;
  fromSentiment: SentimentLabel;
  toSentiment: SentimentLabel;
  reason: string;
  correctedAt: number;
}

/** The engine's correction id: one per brand and mention, the same on a replay. */
export function verdictCorrectionId(by: CorrectionBy, brandId: string, mentionId: string): string {
  return `${by}:${brandId}:${mentionId}`;
}

/** A correction of `mention`'s kind for its brand, with what the rollups need to move it. */
export function kindCorrection(
  mention: ScoredMention,
  change: { by: CorrectionBy; fromKind: MentionKind; toKind: MentionKind; reason: string; correctedAt: number },
): VerdictCorrection {
  return {
    id: verdictCorrectionId(change.by, mention.brandId, mention.id),
    by: change.by,
    mentionId: mention.id,
    brandId: mention.brandId,
    source: mention.source,
    lang: rollupLang(mention),
    publishedAt: mention.publishedAt,
    ingestedAt: mention.ingestedAt,
    authorHandle: mention.author.handle,
    followers: mention.author.followers,
    likes: mention.engagement.likes,
    shares: mention.engagement.shares,
    replies: mention.engagement.replies,
    compound: mention.sentiment.compound,
    fromKind: change.fromKind,
    toKind: change.toKind,
    fromSentiment: mention.sentiment.label,
    toSentiment: mention.sentiment.label,
    reason: change.reason,
    correctedAt: change.correctedAt,
  };
}

export const verdictCorrectionContract = defineContract<VerdictCorrection>('verdict-correction', 'VerdictCorrection');
