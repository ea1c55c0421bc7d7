// ScoredMention: an enriched mention with its sentiment towards the matched brand. Topic
// mentions.scored, key = brandId. Written by the sentiment worker, read by the aggregation worker
// (rollups, conversations archive) and the amplification worker (alerts).
// Schema: schemas/scored-mention/ScoredMention.v<N>.avsc.
import { defineContract } from './contract.ts';
import type { EnrichedMention } from './enriched-mention.ts';

export const SCORED_MENTION_TOPIC = 'mentions.scored';

/** A string on the wire (so a new label does not break old readers); these three today. */
export type SentimentLabel = 'positive' | 'neutral' | 'negative';
export const SENTIMENT_LABELS: readonly SentimentLabel[] = ['positive', 'neutral', 'negative'];

export interface SentimentDriver {
  term: string;
  /** Signed contribution to compound. */
  weight: number;
}

export interface Sentiment {
  /** Polarity in [-1, 1]. */
  compound: number;
  label: SentimentLabel;
  /** Strongest first. */
  drivers: SentimentDriver[];
}

export interface ScoredMention extends EnrichedMention {
  sentiment: Sentiment;
}

export const scoredMentionContract = defineContract<ScoredMention>('scored-mention', 'ScoredMention');
