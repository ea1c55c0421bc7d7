// The aggregation worker's configuration, parsed once from the environment; the object store's
// own variables (S3_ENDPOINT, S3_BUCKET, ...) are parsed by @sl/object-store.
import path from 'node:path';
import { kafkaBrokersSetting, topicNamespaceSetting } from '@sl/kafka';
import { logLevelSetting, parseConfig } from '@sl/observability';
import { z } from 'zod';

const schema = z.object({
  KAFKA_BROKERS: kafkaBrokersSetting,
  SL_TOPIC_NAMESPACE: topicNamespaceSetting,
  /** Consumer group; every replica shares it. @default aggregation-worker */
  SL_GROUP_ID: z.string().min(1).default('aggregation-worker'),
  /** Local object-store folder when no S3 bucket is set. @default <SL_DATA_DIR>/objects */
  SL_DATA_DIR: z.string().default(path.resolve('.sl')),
  /** Port of /healthz and /metrics; 0 picks a free one. @default 9104 */
  SL_OPS_PORT: z.coerce.number().int().min(0).max(65_535).default(9104),
  /** Time without heartbeat before the group moves this member's partitions, ms. @default 30_000 */
  SL_SESSION_TIMEOUT_MS: z.coerce.number().int().min(6_000).max(300_000).default(30_000),
  /** Flush after this many records per partition. @default 50_000 */
  ROLLUP_FLUSH_RECORDS: z.coerce.number().int().positive().default(50_000),
  /** Flush after this many buffered bytes per partition. @default 32 MiB */
  ROLLUP_FLUSH_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(32 * 1024 * 1024),
  /**
   * Flush the largest buffers once all partitions' scored mentions together hold this much live
   * heap (estimated per record, about 1.5 KB for a 100-character post), bytes. @default 24 MiB
   */
  ROLLUP_FLUSH_TOTAL_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(24 * 1024 * 1024),
  /** The same budget for the verdict corrections' buffers (about 0.9 KB each), bytes. @default 8 MiB */
  ROLLUP_CORRECTIONS_FLUSH_TOTAL_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(8 * 1024 * 1024),
  /** Flush a partition's buffer once its oldest record waited this long, ms. @default 30_000 */
  ROLLUP_FLUSH_INTERVAL_MS: z.coerce.number().int().positive().default(30_000),
  /** A mention ingested this long after it was published lands in a correction row, ms. @default 1 h */
  ROLLUP_LATE_AFTER_MS: z.coerce.number().int().positive().default(3_600_000),
  /** Author rows one flush writes into author_days per brand and day; the rest fold into one "others" row (counted and logged). @default 10_000 */
  ROLLUP_MAX_AUTHORS_PER_DAY: z.coerce.number().int().positive().default(10_000),
  /** Mentions the correction chain remembers (the most recently corrected kept; about 130 B of heap each, counted in sl_correction_chain_evicted_total past it). @default 500_000 */
  ROLLUP_CORRECTION_CHAIN_MENTIONS: z.coerce.number().int().positive().default(500_000),
  /** Corrections a member reads back into the chain when it takes a partition, records before where it resumes. @default 500_000 */
  ROLLUP_CORRECTION_CHAIN_REPLAY_RECORDS: z.coerce.number().int().min(0).default(500_000),
  LOG_LEVEL: logLevelSetting,
});

export type AggregationWorkerConfig = z.infer<typeof schema>;

export function loadAggregationWorkerConfig(env: NodeJS.ProcessEnv = process.env): Readonly<AggregationWorkerConfig> {
  return parseConfig(schema, env);
}
