// The enricher's configuration, parsed once from the environment; every default beside its field.
import { kafkaBrokersSetting, topicNamespaceSetting } from '@sl/kafka';
import { logLevelSetting, parseConfig } from '@sl/observability';
import { z } from 'zod';

const schema = z.object({
  KAFKA_BROKERS: kafkaBrokersSetting,
  SL_TOPIC_NAMESPACE: topicNamespaceSetting,
  /** Consumer group; every replica shares it. @default enricher */
  SL_GROUP_ID: z.string().min(1).default('enricher'),
  /** Prefix of the per-input-partition transactional ids; one per deployment. @default enricher */
  SL_TRANSACTIONAL_ID_PREFIX: z.string().min(1).default('enricher'),
  /** Port of /healthz and /metrics; 0 picks a free one. @default 9102 */
  SL_OPS_PORT: z.coerce.number().int().min(0).max(65_535).default(9102),
  /** Time without heartbeat before the group moves this member's partitions, ms. @default 30_000 */
  SL_SESSION_TIMEOUT_MS: z.coerce.number().int().min(6_000).max(300_000).default(30_000),
  /**
   * Records of a partition's recent history replayed into the dedupe index (nothing emitted) when
   * this member takes the partition: a mention re-sent by a client after a timeout is then still
   * recognised after a restart or a rebalance. 0 turns it off. @default 20_000
   */
  SL_DEDUPE_WARMUP_RECORDS: z.coerce.number().int().min(0).max(1_000_000).default(20_000),
  /**
   * Replies kept while their parent has not been read yet, so they join its brands' threads when
   * it comes (a backfill in any order; a comment feed polled before the post's). About 1 KB each:
   * the default keeps the service under 300 MB resident with every memory full (raise
   * --max-old-space-size in package.json's nodeOptions with it). @default 20_000
   */
  SL_THREAD_WAITING_CAPACITY: z.coerce.number().int().min(1).max(10_000_000).default(20_000),
  LOG_LEVEL: logLevelSetting,
});

export type EnricherConfig = z.infer<typeof schema>;

export function loadEnricherConfig(env: NodeJS.ProcessEnv = process.env): Readonly<EnricherConfig> {
  return parseConfig(schema, env);
}
