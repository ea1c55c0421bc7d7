// The conversation archive's Parquet columns: every scored mention, one row each, in offset
// order. `brand` and `date` (UTC date of publishedAt) are Hive partitions in the path, not
// columns. `counted`, `is_spam` and `is_correction` are decided exactly as the rollups decide
// them, so a rollup number drills down to the rows behind it.
import type { ScoredMention } from '@sl/contracts';
import type { ConsumedRecord } from '@sl/kafka';
import { type ClassifyOptions, DEFAULT_LATE_AFTER_MS, isCorrection, mentionKind } from './classify.ts';
import { writeParquet } from './parquet-file.ts';

export const conversationColumns = [
  'id',
  'source',
  'source_id',
  'author_handle',
  'author_name',
  'author_followers',
  'text',
  'title',
  'url',
  'parent_id',
  'role',
  'thread_id',
  'lang',
  'detected_lang',
  'published_at',
  'ingested_at',
  'sentiment_compound',
  'sentiment_label',
  'sentiment_drivers',
  'is_duplicate',
  'duplicate_of',
  'spam_score',
  'spam_reasons',
  'is_spam',
  'counted',
  'is_correction',
  'matched_terms',
  'likes',
  'shares',
  'replies',
  'kafka_partition',
  'kafka_offset',
] as const;

const createdBy = 'brand-listening aggregation-worker conversations/v1';

/** Rows of one file (one brand and date), in the order given. */
export function encodeConversations(records: ReadonlyArray<ConsumedRecord<ScoredMention>>, options: ClassifyOptions): Buffer {
  const lateAfterMs = options.lateAfterMs ?? DEFAULT_LATE_AFTER_MS;
  const pick = <V>(f: (m: ScoredMention, r: ConsumedRecord<ScoredMention>) => V): V[] => records.map((r) => f(r.value, r));
  const kinds = pick((m) => mentionKind(m, options.spamThresholdOf(m.brandId)));
  const big = (n: number | null): bigint | null => (n === null ? null : BigInt(n));
  return writeParquet(
    [
      { name: 'id', type: 'STRING', nullable: false, distinct: true, data: pick((m) => m.id) },
      { name: 'source', type: 'STRING', nullable: false, data: pick((m) => m.source) },
      { name: 'source_id', type: 'STRING', nullable: false, distinct: true, statistics: false, data: pick((m) => m.sourceId) },
      { name: 'author_handle', type: 'STRING', nullable: false, data: pick((m) => m.author.handle) },
      { name: 'author_name', type: 'STRING', statistics: false, data: pick((m) => m.author.name) },
      { name: 'author_followers', type: 'INT64', data: pick((m) => big(m.author.followers)) },
      { name: 'text', type: 'STRING', nullable: false, manyValues: true, statistics: false, data: pick((m) => m.text) },
      { name: 'title', type: 'STRING', statistics: false, data: pick((m) => m.title) },
      { name: 'url', type: 'STRING', distinct: true, statistics: false, data: pick((m) => m.url) },
      { name: 'parent_id', type: 'STRING', data: pick((m) => m.parentId) },
      { name: 'role', type: 'STRING', nullable: false, data: pick((m) => m.role) },
      { name: 'thread_id', type: 'STRING', data: pick((m) => m.threadId) },
      { name: 'lang', type: 'STRING', data: pick((m) => m.lang) },
      { name: 'detected_lang', type: 'STRING', data: pick((m) => m.detectedLang) },
      { name: 'published_at', type: 'TIMESTAMP', nullable: false, data: pick((m) => new Date(m.publishedAt)) },
      { name: 'ingested_at', type: 'TIMESTAMP', nullable: false, data: pick((m) => new Date(m.ingestedAt)) },
      { name: 'sentiment_compound', type: 'DOUBLE', nullable: false, data: pick((m) => m.sentiment.compound) },
      { name: 'sentiment_label', type: 'STRING', nullable: false, data: pick((m) => m.sentiment.label) },
      {
        name: 'sentiment_drivers',
        type: 'JSON',
        nullable: false,
        statistics: false,
        data: pick((m) => m.sentiment.drivers.map(({ term, weight }) => ({ term, weight }))),
      },
      { name: 'is_duplicate', type: 'BOOLEAN', nullable: false, data: pick((m) => m.isDuplicate) },
      { name: 'duplicate_of', type: 'STRING', data: pick((m) => m.duplicateOf) },
      { name: 'spam_score', type: 'DOUBLE', nullable: false, data: pick((m) => m.spamScore) },
      { name: 'spam_reasons', type: 'JSON', nullable: false, statistics: false, data: pick((m) => [...m.spamReasons]) },
      { name: 'is_spam', type: 'BOOLEAN', nullable: false, data: kinds.map((k) => k === 'spam') },
      { name: 'counted', type: 'BOOLEAN', nullable: false, data: kinds.map((k) => k === 'counted') },
      { name: 'is_correction', type: 'BOOLEAN', nullable: false, data: pick((m) => isCorrection(m, lateAfterMs)) },
      { name: 'matched_terms', type: 'JSON', nullable: false, statistics: false, data: pick((m) => [...m.matchedTerms]) },
      { name: 'likes', type: 'INT64', nullable: false, data: pick((m) => BigInt(m.engagement.likes)) },
      { name: 'shares', type: 'INT64', nullable: false, data: pick((m) => BigInt(m.engagement.shares)) },
      { name: 'replies', type: 'INT64', nullable: false, data: pick((m) => BigInt(m.engagement.replies)) },
      { name: 'kafka_partition', type: 'INT32', nullable: false, data: pick((_m, r) => r.partition) },
      { name: 'kafka_offset', type: 'INT64', nullable: false, distinct: true, data: pick((_m, r) => BigInt(r.offset)) },
    ],
    { createdBy },
  );
}
