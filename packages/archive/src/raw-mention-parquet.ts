// The raw archive's Parquet columns (analysts' contract: docs/analysts.md once it exists).
// `source` and `date` are not columns: they are Hive partitions in the object's path, the
// convention DuckDB, Athena, Spark and Trino all read.
import type { RawMention } from '@sl/contracts';
import { parquetWriteBuffer } from 'hyparquet-writer';
import type { ConsumedRecord } from '@sl/kafka';

export const rawArchiveColumns = [
  'id',
  'source_id',
  'text',
  'title',
  'url',
  'lang',
  'published_at',
  'ingested_at',
  'author_handle',
  'author_name',
  'author_followers',
  'likes',
  'shares',
  'replies',
  'parent_id',
  'kafka_partition',
  'kafka_offset',
] as const;

const writer = 'brand-listening raw-archiver';

export function encodeRawMentions(records: ReadonlyArray<ConsumedRecord<RawMention>>): Buffer {
  const pick = <V>(f: (r: ConsumedRecord<RawMention>) => V): V[] => records.map(f);
  const big = (n: number | null): bigint | null => (n === null ? null : BigInt(n));
  const bytes = parquetWriteBuffer({
    createdBy: writer,
    columnData: [
      { name: 'id', data: pick((r) => r.value.id), type: 'STRING', nullable: false },
      { name: 'source_id', data: pick((r) => r.value.sourceId), type: 'STRING', nullable: false },
      { name: 'text', data: pick((r) => r.value.text), type: 'STRING', nullable: false },
      { name: 'title', data: pick((r) => r.value.title), type: 'STRING' },
      { name: 'url', data: pick((r) => r.value.url), type: 'STRING' },
      { name: 'lang', data: pick((r) => r.value.lang), type: 'STRING' },
      { name: 'published_at', data: pick((r) => new Date(r.value.publishedAt)), type: 'TIMESTAMP', nullable: false },
      { name: 'ingested_at', data: pick((r) => new Date(r.value.ingestedAt)), type: 'TIMESTAMP', nullable: false },
      { name: 'author_handle', data: pick((r) => r.value.author.handle), type: 'STRING', nullable: false },
      { name: 'author_name', data: pick((r) => r.value.author.name), type: 'STRING' },
      { name: 'author_followers', data: pick((r) => big(r.value.author.followers)), type: 'INT64' },
      { name: 'likes', data: pick((r) => BigInt(r.value.engagement.likes)), type: 'INT64', nullable: false },
      { name: 'shares', data: pick((r) => BigInt(r.value.engagement.shares)), type: 'INT64', nullable: false },
      { name: 'replies', data: pick((r) => BigInt(r.value.engagement.replies)), type: 'INT64', nullable: false },
      { name: 'parent_id', data: pick((r) => r.value.parentId), type: 'STRING' },
      { name: 'kafka_partition', data: pick((r) => r.partition), type: 'INT32', nullable: false },
      { name: 'kafka_offset', data: pick((r) => BigInt(r.offset)), type: 'INT64', nullable: false },
    ],
  });
  return Buffer.from(bytes);
}
