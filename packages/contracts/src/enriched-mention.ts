// EnrichedMention: a raw mention matched to one brand, with dedupe, language and spam results.
// Topic mentions.enriched, key = brandId (one record per matched brand, so one brand's mentions
// stay in order on one partition). Written by the enricher, read by the sentiment worker.
// Schema: schemas/enriched-mention/EnrichedMention.v<N>.avsc.
import { defineContract } from './contract.ts';
import type { RawMention } from './raw-mention.ts';

export const ENRICHED_MENTION_TOPIC = 'mentions.enriched';

export interface EnrichedMention extends RawMention {
  brandId: string;
  /** Query terms that matched, in query order. */
  matchedTerms: string[];
  isDuplicate: boolean;
  /** Pipeline id of the first mention this one duplicates; null unless isDuplicate. */
  duplicateOf: string | null;
  /** Spam/bot likelihood in [0, 1]. */
  spamScore: number;
  spamReasons: string[];
  /** Detected language (BCP 47); null when detection was not confident. */
  detectedLang: string | null;
}

export const enrichedMentionContract = defineContract<EnrichedMention>('enriched-mention', 'EnrichedMention');
