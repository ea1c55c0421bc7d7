// The alert archive's Parquet columns (analysts' contract: the `alerts` view of `sl query`, and
// the dashboard's inbox beyond the topics' retention). `brand` and `date` are not columns: they
// are Hive partitions in the object's path. Lists and the influence score are JSON, as the
// conversation archive stores its drivers, so a reader needs no nested-type support.
import type { Alert } from '@sl/contracts';
import type { ConsumedRecord } from '@sl/kafka';
import { parquetWriteBuffer } from 'hyparquet-writer';

export const alertArchiveColumns = [
  'id',
  'kind',
  'severity',
  'window_start',
  'window_end',
  'observed',
  'expected',
  'mention_ids',
  'sample_texts',
  'explanation',
  'created_at',
  'author',
  'url',
  'sentiment',
  'influence',
  'historical',
  'kafka_partition',
  'kafka_offset',
] as const;

const createdBy = 'brand-listening raw-archiver alerts/v1';

/** Rows of one file (one brand and window date), in the order given. */
export function encodeAlerts(records: ReadonlyArray<ConsumedRecord<Alert>>): Buffer {
  const pick = <V>(f: (a: Alert, r: ConsumedRecord<Alert>) => V): V[] => records.map((r) => f(r.value, r));
  const bytes = parquetWriteBuffer({
    createdBy,
    columnData: [
      { name: 'id', data: pick((a) => a.id), type: 'STRING', nullable: false },
      { name: 'kind', data: pick((a) => a.kind), type: 'STRING', nullable: false },
      { name: 'severity', data: pick((a) => a.severity), type: 'STRING', nullable: false },
      { name: 'window_start', data: pick((a) => new Date(a.windowStart)), type: 'TIMESTAMP', nullable: false },
      { name: 'window_end', data: pick((a) => new Date(a.windowEnd)), type: 'TIMESTAMP', nullable: false },
      { name: 'observed', data: pick((a) => a.observed), type: 'DOUBLE', nullable: false },
      { name: 'expected', data: pick((a) => a.expected), type: 'DOUBLE', nullable: false },
      { name: 'mention_ids', data: pick((a) => [...a.mentionIds]), type: 'JSON', nullable: false },
      { name: 'sample_texts', data: pick((a) => [...a.sampleTexts]), type: 'JSON', nullable: false },
      { name: 'explanation', data: pick((a) => a.explanation), type: 'STRING', nullable: false },
      { name: 'created_at', data: pick((a) => new Date(a.createdAt)), type: 'TIMESTAMP', nullable: false },
      { name: 'author', data: pick((a) => a.author), type: 'STRING' },
      { name: 'url', data: pick((a) => a.url), type: 'STRING' },
      { name: 'sentiment', data: pick((a) => a.sentiment), type: 'DOUBLE' },
      { name: 'influence', data: pick((a) => (a.influence === null ? null : { ...a.influence })), type: 'JSON' },
      { name: 'historical', data: pick((a) => a.historical), type: 'BOOLEAN', nullable: false },
      { name: 'kafka_partition', data: pick((_a, r) => r.partition), type: 'INT32', nullable: false },
      { name: 'kafka_offset', data: pick((_a, r) => BigInt(r.offset)), type: 'INT64', nullable: false },
    ],
  });
  return Buffer.from(bytes);
}
