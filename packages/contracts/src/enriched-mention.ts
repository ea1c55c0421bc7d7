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
  /** How the record belongs to the brand's conversation (v2; v1 records read as 'mention'). */
  role: ConversationRole;
  /** Id of the brand's mention its thread goes back to; its own id when it starts one; null outside known threads. */
  threadId: string | null;
  /**
   * Ids of mentions read before it that it nearly repeats, most similar first (at most 16); null in
   * v1 records (v2). The amplification engine no longer reads the ids (it finds copies in event
   * time itself: the enricher's caps make these pairs depend on read order in floods); a non-null
   * value still tells it the record carries `spamScoreBeforeCopies` and is its to judge.
   */
  similarTo: string[] | null;
  /** spamScore without the copy_paste signal, which depends on read order; null in v1 records (v2). */
  spamScoreBeforeCopies: number | null;
  /**
   * The brand's spamThreshold when the enricher judged the record; null in records before v3. Every
   * reader classifies the record by it (`spamThresholdOf`), so a threshold changed in brands.config
   * applies from the next enriched mention on and no two stages disagree about one record.
   */
  spamThreshold: number | null;
}

/** The threshold a record is classified by: its own (v3), else the brand's current one. */
export function spamThresholdOf(mention: { spamThreshold?: number | null }, brandThreshold: number): number {
  return mention.spamThreshold ?? brandThreshold;
}

/**
 * 'mention': names the brand, matches its query, or the brand's own account wrote it.
 * 'thread_reply': a reply or comment in a thread of the brand's conversation that does not name it;
 * counted apart from mentions. A string on the wire, so a new role does not break old readers.
 */
export type ConversationRole = 'mention' | 'thread_reply';
export const CONVERSATION_ROLES: readonly ConversationRole[] = ['mention', 'thread_reply'];

export const enrichedMentionContract = defineContract<EnrichedMention>('enriched-mention', 'EnrichedMention');
