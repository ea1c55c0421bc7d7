// The rollups' Parquet columns (analysts' contract, README.md). `grain`, `brand` and `date` are
// not columns: they are Hive partitions in the object's path.
import { AUTHORS_SKETCH_DESCRIPTION } from './authors-sketch.ts';
import { writeParquet } from './parquet-file.ts';
import type { RollupRow } from './rollup-rows.ts';

export interface FlushRange {
  partition: number;
  firstOffset: string;
  lastOffset: string;
}

export const rollupColumns = [
  'window_start',
  'source',
  'lang',
  'is_correction',
  'verdict',
  'mentions',
  'duplicates',
  'spam',
  'thread_replies',
  'positive',
  'neutral',
  'negative',
  'sentiment_sum',
  'sentiment_sum_sq',
  'reach',
  'likes',
  'shares',
  'replies',
  'authors_sketch',
  'authors_estimate',
  'top_terms',
  'top_hashtags',
  'kafka_partition',
  'first_offset',
  'last_offset',
] as const;

const createdBy = 'brand-listening aggregation-worker rollups/v1';

/** Rows of one file (one grain, brand and date), in the order given. */
export function encodeRollupRows(rows: ReadonlyArray<RollupRow>, range: FlushRange): Buffer {
  const pick = <V>(f: (r: RollupRow) => V): V[] => rows.map(f);
  const int = (f: (r: RollupRow) => number) => pick((r) => BigInt(f(r)));
  return writeParquet(
    [
      { name: 'window_start', type: 'TIMESTAMP', nullable: false, data: pick((r) => new Date(r.windowStart)) },
      { name: 'source', type: 'STRING', nullable: false, data: pick((r) => r.source) },
      { name: 'lang', type: 'STRING', nullable: false, data: pick((r) => r.lang) },
      { name: 'is_correction', type: 'BOOLEAN', nullable: false, data: pick((r) => r.isCorrection) },
      { name: 'verdict', type: 'STRING', nullable: false, data: pick((r) => r.verdict) },
      { name: 'mentions', type: 'INT64', nullable: false, data: int((r) => r.mentions) },
      { name: 'duplicates', type: 'INT64', nullable: false, data: int((r) => r.duplicates) },
      { name: 'spam', type: 'INT64', nullable: false, data: int((r) => r.spam) },
      { name: 'thread_replies', type: 'INT64', nullable: false, data: int((r) => r.threadReplies) },
      { name: 'positive', type: 'INT64', nullable: false, data: int((r) => r.positive) },
      { name: 'neutral', type: 'INT64', nullable: false, data: int((r) => r.neutral) },
      { name: 'negative', type: 'INT64', nullable: false, data: int((r) => r.negative) },
      { name: 'sentiment_sum', type: 'DOUBLE', nullable: false, data: pick((r) => r.sentimentSum) },
      { name: 'sentiment_sum_sq', type: 'DOUBLE', nullable: false, data: pick((r) => r.sentimentSumSq) },
      { name: 'reach', type: 'INT64', nullable: false, data: int((r) => r.reach) },
      { name: 'likes', type: 'INT64', nullable: false, data: int((r) => r.likes) },
      { name: 'shares', type: 'INT64', nullable: false, data: int((r) => r.shares) },
      { name: 'replies', type: 'INT64', nullable: false, data: int((r) => r.replies) },
      { name: 'authors_sketch', list: 'INT64', data: pick((r) => r.authorsSketch) },
      { name: 'authors_estimate', type: 'DOUBLE', nullable: false, data: pick((r) => r.authorsEstimate) },
      { name: 'top_terms', type: 'JSON', nullable: false, data: pick((r) => r.topTerms.map(({ term, count }) => ({ term, count }))) },
      { name: 'top_hashtags', type: 'JSON', nullable: false, data: pick((r) => r.topHashtags.map(({ term, count }) => ({ term, count }))) },
      { name: 'kafka_partition', type: 'INT32', nullable: false, data: pick(() => range.partition) },
      { name: 'first_offset', type: 'INT64', nullable: false, data: pick(() => BigInt(range.firstOffset)) },
      { name: 'last_offset', type: 'INT64', nullable: false, data: pick(() => BigInt(range.lastOffset)) },
    ],
    { createdBy, kv: { 'sl.authors_sketch': AUTHORS_SKETCH_DESCRIPTION } },
  );
}
