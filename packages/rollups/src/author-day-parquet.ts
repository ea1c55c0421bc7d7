// The author_days Parquet columns (analysts' contract, docs/analysts.md). `brand` and `date` (the
// UTC day of publication) are Hive partitions in the path, not columns.
import type { AuthorDayRow } from './author-day-rows.ts';
import { writeParquet } from './parquet-file.ts';
import type { FlushRange } from './rollup-parquet.ts';

export const authorDayColumns = [
  'source',
  'author_handle',
  'author_name',
  'followers',
  'mentions',
  'likes',
  'shares',
  'replies',
  'sentiment_sum',
  'is_others',
  'authors',
  'max_mentions',
  'kafka_partition',
  'first_offset',
  'last_offset',
] as const;

const createdBy = 'brand-listening aggregation-worker author-days/v1';

/** Rows of one file (one brand and day), in the order given; none is a valid file too. */
export function encodeAuthorDays(rows: ReadonlyArray<AuthorDayRow>, range: FlushRange): Buffer {
  const pick = <V>(f: (r: AuthorDayRow) => V): V[] => rows.map(f);
  const int = (f: (r: AuthorDayRow) => number) => pick((r) => BigInt(f(r)));
  return writeParquet(
    [
      { name: 'source', type: 'STRING', data: pick((r) => r.source) },
      { name: 'author_handle', type: 'STRING', data: pick((r) => r.authorHandle) },
      { name: 'author_name', type: 'STRING', data: pick((r) => r.authorName) },
      { name: 'followers', type: 'INT64', data: pick((r) => (r.followers === null ? null : BigInt(r.followers))) },
      { name: 'mentions', type: 'INT64', nullable: false, data: int((r) => r.mentions) },
      { name: 'likes', type: 'INT64', nullable: false, data: int((r) => r.likes) },
      { name: 'shares', type: 'INT64', nullable: false, data: int((r) => r.shares) },
      { name: 'replies', type: 'INT64', nullable: false, data: int((r) => r.replies) },
      { name: 'sentiment_sum', type: 'DOUBLE', nullable: false, data: pick((r) => r.sentimentSum) },
      { name: 'is_others', type: 'BOOLEAN', nullable: false, data: pick((r) => r.isOthers) },
      { name: 'authors', type: 'INT64', nullable: false, data: int((r) => r.authors) },
      { name: 'max_mentions', type: 'INT64', nullable: false, data: int((r) => r.maxMentions) },
      { name: 'kafka_partition', type: 'INT32', nullable: false, data: pick(() => range.partition) },
      { name: 'first_offset', type: 'INT64', nullable: false, data: pick(() => BigInt(range.firstOffset)) },
      { name: 'last_offset', type: 'INT64', nullable: false, data: pick(() => BigInt(range.lastOffset)) },
    ],
    { createdBy },
  );
}
