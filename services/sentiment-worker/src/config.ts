// The sentiment worker's configuration, parsed once from the environment.
import { kafkaBrokersSetting, topicNamespaceSetting } from '@sl/kafka';
import { logLevelSetting, parseConfig } from '@sl/observability';
import { z } from 'zod';

const schema = z.object({
  KAFKA_BROKERS: kafkaBrokersSetting,
  SL_TOPIC_NAMESPACE: topicNamespaceSetting,
  /** Consumer group; every replica shares it. @default sentiment-worker */
  SL_GROUP_ID: z.string().min(1).default('sentiment-worker'),
  /** Prefix of the per-input-partition transactional ids; one per deployment. @default sentiment-worker */
  SL_TRANSACTIONAL_ID_PREFIX: z.string().min(1).default('sentiment-worker'),
  /** Port of /healthz and /metrics; 0 picks a free one. @default 9103 */
  SL_OPS_PORT: z.coerce.number().int().min(0).max(65_535).default(9103),
  /** Time without heartbeat before the group moves this member's partitions, ms. @default 30_000 */
  SL_SESSION_TIMEOUT_MS: z.coerce.number().int().min(6_000).max(300_000).default(30_000),
  LOG_LEVEL: logLevelSetting,
});

export type SentimentWorkerConfig = z.infer<typeof schema>;

export function loadSentimentWorkerConfig(env: NodeJS.ProcessEnv = process.env): Readonly<SentimentWorkerConfig> {
  return parseConfig(schema, env);
}
