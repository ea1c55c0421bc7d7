// The brand_replies Parquet columns (analysts' contract, docs/analysts.md). `brand` and `date`
// (the UTC day of publication) are Hive partitions in the path, not columns.
import type { BrandReplyRow } from './brand-reply-rows.ts';
import { writeParquet } from './parquet-file.ts';
import type { FlushRange } from './rollup-parquet.ts';

export const brandReplyColumns = [
  'mention_id',
  'source',
  'author_handle',
  'parent_id',
  'published_at',
  'kafka_partition',
  'first_offset',
  'last_offset',
] as const;

const createdBy = 'brand-listening aggregation-worker brand-replies/v1';

/** Rows of one file (one brand and day), in the order given; none is a valid file too. */
export function encodeBrandReplies(rows: ReadonlyArray<BrandReplyRow>, range: FlushRange): Buffer {
  const pick = <V>(f: (r: BrandReplyRow) => V): V[] => rows.map(f);
  return writeParquet(
    [
      { name: 'mention_id', type: 'STRING', nullable: false, data: pick((r) => r.mentionId) },
      { name: 'source', type: 'STRING', nullable: false, data: pick((r) => r.source) },
      { name: 'author_handle', type: 'STRING', nullable: false, data: pick((r) => r.authorHandle) },
      { name: 'parent_id', type: 'STRING', nullable: false, data: pick((r) => r.parentId) },
      { name: 'published_at', type: 'TIMESTAMP', nullable: false, data: pick((r) => new Date(r.publishedAt)) },
      { name: 'kafka_partition', type: 'INT32', nullable: false, data: pick(() => range.partition) },
      { name: 'first_offset', type: 'INT64', nullable: false, data: pick(() => BigInt(range.firstOffset)) },
      { name: 'last_offset', type: 'INT64', nullable: false, data: pick(() => BigInt(range.lastOffset)) },
    ],
    { createdBy },
  );
}
