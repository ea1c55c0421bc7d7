// The alert dispatcher's configuration, parsed once from the environment; every default beside
// its field. Webhook secrets are not here: each subscription names its own variable (secretEnv),
// read when an alert is delivered.
import { kafkaBrokersSetting, topicNamespaceSetting } from '@sl/kafka';
import { logLevelSetting, parseConfig } from '@sl/observability';
import { z } from 'zod';

const schema = z
  .object({
    KAFKA_BROKERS: kafkaBrokersSetting,
    SL_TOPIC_NAMESPACE: topicNamespaceSetting,
    /** Consumer group prefix: brand X's topic is read by group `<SL_GROUP_ID>.X`, shared by replicas. @default alert-dispatcher */
    SL_GROUP_ID: z.string().min(1).default('alert-dispatcher'),
    /** Port of /healthz and /metrics; 0 picks a free one. @default 9106 */
    SL_OPS_PORT: z.coerce.number().int().min(0).max(65_535).default(9106),
    /** Where a brand's group starts the first time: every alert the topic keeps, or only new ones. @default earliest */
    SL_ALERTS_FROM: z.enum(['earliest', 'latest']).default('earliest'),
    /**
     * Time without heartbeat before the group gives a brand's topic to another replica, ms. The
     * consumer keeps heartbeating while a batch is being delivered and retried. @default 30_000
     */
    SL_SESSION_TIMEOUT_MS: z.coerce.number().int().min(6_000).max(1_800_000).default(30_000),
    /** Alerts of one brand being delivered at once. @default 4 */
    SL_DELIVERY_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4),
    /** Tries per webhook and alert, the first included; then the alert is dead-lettered for that webhook. @default 6 */
    SL_WEBHOOK_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(6),
    /** Per attempt, from sending to the status line, ms. @default 10_000 */
    SL_WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(10).max(120_000).default(10_000),
    /** Ceiling of the first backoff wait (full jitter; doubles per retry), ms. @default 500 */
    SL_WEBHOOK_BACKOFF_MS: z.coerce.number().int().min(0).max(60_000).default(500),
    /** Largest backoff ceiling, ms. @default 30_000 */
    SL_WEBHOOK_MAX_BACKOFF_MS: z.coerce.number().int().min(0).max(600_000).default(30_000),
    /** A receiver's Retry-After is honoured up to this, ms. @default 60_000 */
    SL_WEBHOOK_MAX_RETRY_AFTER_MS: z.coerce.number().int().min(0).max(600_000).default(60_000),
    LOG_LEVEL: logLevelSetting,
  })
  .refine((c) => c.SL_WEBHOOK_MAX_BACKOFF_MS >= c.SL_WEBHOOK_BACKOFF_MS, {
    path: ['SL_WEBHOOK_MAX_BACKOFF_MS'],
    message: 'must be at least SL_WEBHOOK_BACKOFF_MS',
  });

export type AlertDispatcherConfig = z.infer<typeof schema>;

export function loadAlertDispatcherConfig(env: NodeJS.ProcessEnv = process.env): Readonly<AlertDispatcherConfig> {
  return parseConfig(schema, env);
}
