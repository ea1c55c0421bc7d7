// The amplification worker's configuration, parsed once from the environment.
import { kafkaBrokersSetting, topicNamespaceSetting } from '@sl/kafka';
import { logLevelSetting, parseConfig } from '@sl/observability';
import { z } from 'zod';

const schema = z.object({
  KAFKA_BROKERS: kafkaBrokersSetting,
  SL_TOPIC_NAMESPACE: topicNamespaceSetting,
  /** Consumer group; every replica shares it. @default amplification-worker */
  SL_GROUP_ID: z.string().min(1).default('amplification-worker'),
  /** Prefix of the per-input-partition transactional ids; one per deployment. @default amplification-worker */
  SL_TRANSACTIONAL_ID_PREFIX: z.string().min(1).default('amplification-worker'),
  /** Port of /healthz and /metrics; 0 picks a free one. @default 9105 */
  SL_OPS_PORT: z.coerce.number().int().min(0).max(65_535).default(9105),
  /** Time without heartbeat before the group moves this member's partitions, ms. @default 30_000 */
  SL_SESSION_TIMEOUT_MS: z.coerce.number().int().min(6_000).max(300_000).default(30_000),
  /** How often a partition's state is snapshotted; also bounds the replay after a takeover, ms. @default 10_000 */
  SL_SNAPSHOT_INTERVAL_MS: z.coerce.number().int().min(100).max(3_600_000).default(10_000),
  /** Authors remembered per brand (least recently seen forgotten first). @default 20_000 */
  SL_MAX_AUTHORS_PER_BRAND: z.coerce.number().int().min(100).max(1_000_000).default(20_000),
  LOG_LEVEL: logLevelSetting,
});

export type AmplificationWorkerConfig = z.infer<typeof schema>;

export function loadAmplificationWorkerConfig(env: NodeJS.ProcessEnv = process.env): Readonly<AmplificationWorkerConfig> {
  return parseConfig(schema, env);
}
