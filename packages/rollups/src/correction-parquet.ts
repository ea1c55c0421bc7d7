// The correction archive's Parquet columns: one row per verdict correction, so analysts can tell
// corrected from scored (`conversations` joined to `corrections` on the mention and brand) and see
// who corrected what, from which kind to which, and why.
import type { VerdictCorrection } from '@sl/contracts';
import type { ConsumedRecord } from '@sl/kafka';
import { writeParquet } from './parquet-file.ts';

export const correctionColumns = [
  'id',
  'by',
  'mention_id',
  'source',
  'lang',
  'published_at',
  'ingested_at',
  'author_handle',
  'from_kind',
  'to_kind',
  'from_sentiment',
  'to_sentiment',
  'reason',
  'corrected_at',
  'kafka_partition',
  'kafka_offset',
] as const;

const createdBy = 'brand-listening aggregation-worker corrections/v1';

/** Rows of one file (one brand and publication date), in the order given. */
export function encodeCorrections(records: ReadonlyArray<ConsumedRecord<VerdictCorrection>>): Buffer {
  const pick = <V>(f: (c: VerdictCorrection, r: ConsumedRecord<VerdictCorrection>) => V): V[] => records.map((r) => f(r.value, r));
  return writeParquet(
    [
      { name: 'id', type: 'STRING', nullable: false, data: pick((c) => c.id) },
      { name: 'by', type: 'STRING', nullable: false, data: pick((c) => c.by) },
      { name: 'mention_id', type: 'STRING', nullable: false, data: pick((c) => c.mentionId) },
      { name: 'source', type: 'STRING', nullable: false, data: pick((c) => c.source) },
      { name: 'lang', type: 'STRING', nullable: false, data: pick((c) => c.lang) },
      { name: 'published_at', type: 'TIMESTAMP', nullable: false, data: pick((c) => new Date(c.publishedAt)) },
      { name: 'ingested_at', type: 'TIMESTAMP', nullable: false, data: pick((c) => new Date(c.ingestedAt)) },
      { name: 'author_handle', type: 'STRING', nullable: false, data: pick((c) => c.authorHandle) },
      { name: 'from_kind', type: 'STRING', nullable: false, data: pick((c) => c.fromKind) },
      { name: 'to_kind', type: 'STRING', nullable: false, data: pick((c) => c.toKind) },
      { name: 'from_sentiment', type: 'STRING', nullable: false, data: pick((c) => c.fromSentiment) },
      { name: 'to_sentiment', type: 'STRING', nullable: false, data: pick((c) => c.toSentiment) },
      { name: 'reason', type: 'STRING', nullable: false, data: pick((c) => c.reason) },
      { name: 'corrected_at', type: 'TIMESTAMP', nullable: false, data: pick((c) => new Date(c.correctedAt)) },
      { name: 'kafka_partition', type: 'INT32', nullable: false, data: pick((_c, r) => r.partition) },
      { name: 'kafka_offset', type: 'INT64', nullable: false, data: pick((_c, r) => BigInt(r.offset)) },
    ],
    { createdBy },
  );
}
