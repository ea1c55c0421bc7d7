// The gateway's configuration, parsed once from the environment; every default beside its field.
import { parseWebhookSecrets } from '@sl/ingest';
import { kafkaBrokersSetting, topicNamespaceSetting } from '@sl/kafka';
import { logLevelSetting, parseConfig } from '@sl/observability';
import { z } from 'zod';

const schema = z.object({
  KAFKA_BROKERS: kafkaBrokersSetting,
  SL_TOPIC_NAMESPACE: topicNamespaceSetting,
  /** @default 127.0.0.1 */
  SL_HTTP_HOST: z.string().default('127.0.0.1'),
  /** @default 8080 */
  SL_HTTP_PORT: z.coerce.number().int().min(0).max(65_535).default(8080),
  /** Largest request body, bytes. @default 10 MiB */
  INGEST_MAX_BODY_BYTES: z.coerce.number().int().positive().default(10 * 1024 * 1024),
  /** Most mentions per request. @default 10_000 */
  INGEST_MAX_ITEMS: z.coerce.number().int().positive().default(10_000),
  /** How long the gateway waits to fill a Kafka batch when traffic is light, ms. @default 2 */
  INGEST_LINGER_MS: z.coerce.number().int().min(0).max(1_000).default(2),
  /**
   * Signed webhook push: `source=secret[|secret…],…`. A source listed here accepts
   * POST /v1/webhooks/<source> signed with any of its secrets (two during a rotation). @default none
   */
  INGEST_WEBHOOK_SECRETS: z
    .string()
    .default('')
    .transform((spec, ctx) => {
      try {
        return parseWebhookSecrets(spec);
      } catch (error) {
        ctx.addIssue({ code: 'custom', message: (error as Error).message });
        return z.NEVER;
      }
    }),
  /** Accepted clock difference for signed webhooks, seconds. @default 300 */
  INGEST_WEBHOOK_TOLERANCE_SECONDS: z.coerce.number().int().positive().max(3_600).default(300),
  LOG_LEVEL: logLevelSetting,
});

export type GatewayConfig = z.infer<typeof schema>;

export function loadGatewayConfig(env: NodeJS.ProcessEnv = process.env): Readonly<GatewayConfig> {
  return parseConfig(schema, env);
}
