// The raw archiver's configuration (raw mentions, and every brand's alerts), parsed once from the environment; the object store's own
// variables (S3_ENDPOINT, S3_BUCKET, ...) are parsed by @sl/object-store.
import path from 'node:path';
import { kafkaBrokersSetting, topicNamespaceSetting } from '@sl/kafka';
import { logLevelSetting, parseConfig } from '@sl/observability';
import { z } from 'zod';

const schema = z.object({
  KAFKA_BROKERS: kafkaBrokersSetting,
  SL_TOPIC_NAMESPACE: topicNamespaceSetting,
  /** Consumer group; every replica of the archiver shares it. @default raw-archiver */
  SL_GROUP_ID: z.string().min(1).default('raw-archiver'),
  /** Archive every brand's alerts.<brand> topic too, under alerts/v1/ (group `<prefix>.<brand>`). @default true */
  SL_ARCHIVE_ALERTS: z
    .enum(['0', '1', 'false', 'true'])
    .default('1')
    .transform((v) => v === '1' || v === 'true'),
  /** Group-id prefix of the alert archive; each brand's group is `<prefix>.<brand>`. @default alert-archiver */
  SL_ALERT_ARCHIVE_GROUP_ID: z.string().min(1).default('alert-archiver'),
  /** Flush a brand's buffered alerts once the oldest waited this long, ms. @default 10_000 */
  ALERT_ARCHIVE_FLUSH_INTERVAL_MS: z.coerce.number().int().positive().default(10_000),
  /** Local object-store folder when no S3 bucket is set. @default <SL_DATA_DIR>/objects */
  SL_DATA_DIR: z.string().default(path.resolve('.sl')),
  /** Port of /healthz and /metrics; 0 picks a free one. @default 9101 */
  SL_OPS_PORT: z.coerce.number().int().min(0).max(65_535).default(9101),
  /** Flush after this many records per partition. @default 50_000 */
  ARCHIVE_FLUSH_RECORDS: z.coerce.number().int().positive().default(50_000),
  /** Flush after this many buffered bytes per partition. @default 32 MiB */
  ARCHIVE_FLUSH_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(32 * 1024 * 1024),
  /** Flush the largest buffers once all partitions' together hold this many bytes (estimated). @default 32 MiB */
  ARCHIVE_FLUSH_TOTAL_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(32 * 1024 * 1024),
  /** Flush a partition's buffer once its oldest record waited this long, ms. @default 10_000 */
  ARCHIVE_FLUSH_INTERVAL_MS: z.coerce.number().int().positive().default(10_000),
  LOG_LEVEL: logLevelSetting,
});

export type RawArchiverConfig = z.infer<typeof schema>;

export function loadRawArchiverConfig(env: NodeJS.ProcessEnv = process.env): Readonly<RawArchiverConfig> {
  return parseConfig(schema, env);
}
