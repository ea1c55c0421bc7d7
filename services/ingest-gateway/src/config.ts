// The gateway's configuration, parsed once from the environment; every default beside its field.
import {
  checkUnique,
  type IngestToken,
  isIngestTokenError,
  isLoopbackHost,
  loadIngestTokensFile,
  parseIngestTokens,
  parseWebhookSecrets,
} from '@sl/ingest';
import { kafkaBrokersSetting, topicNamespaceSetting } from '@sl/kafka';
import { logLevelSetting, parseConfig } from '@sl/observability';
import { z } from 'zod';

function gatewaySchema(env: NodeJS.ProcessEnv) {
  return z
    .object({
      KAFKA_BROKERS: kafkaBrokersSetting,
      SL_TOPIC_NAMESPACE: topicNamespaceSetting,
      /** Listen address. Anything but loopback needs ingest tokens. @default 127.0.0.1 */
      SL_HTTP_HOST: z.string().trim().min(1).default('127.0.0.1'),
      /** @default 8080 */
      SL_HTTP_PORT: z.coerce.number().int().min(0).max(65_535).default(8080),
      /** Largest request body, bytes. @default 10 MiB */
      INGEST_MAX_BODY_BYTES: z.coerce
        .number()
        .int()
        .positive()
        .default(10 * 1024 * 1024),
      /** Most mentions per request. @default 10_000 */
      INGEST_MAX_ITEMS: z.coerce.number().int().positive().default(10_000),
      /** Mentions per second one token (or one webhook source) may send, refilled continuously. @default 20_000 /s */
      INGEST_RATE_PER_SECOND: z.coerce.number().positive().max(10_000_000).default(20_000),
      /** Most mentions one token may send at once after a quiet spell; at least INGEST_MAX_ITEMS. @default 40_000 */
      INGEST_RATE_BURST: z.coerce.number().int().positive().default(40_000),
      /** How long the gateway waits to fill a Kafka batch when traffic is light, ms. @default 2 */
      INGEST_LINGER_MS: z.coerce.number().int().min(0).max(1_000).default(2),
      /**
       * Bearer tokens for POST /v1/mentions: `id:source[|source…]:token,…`, `*` for every source,
       * `sha256:<hex>` in place of the token to give its digest only. Kept as digests. @default none
       */
      SL_INGEST_TOKENS: z
        .string()
        .default('')
        .transform((spec, ctx) => {
          try {
            return parseIngestTokens(spec);
          } catch (error) {
            ctx.addIssue({ code: 'custom', message: (error as Error).message });
            return z.NEVER;
          }
        }),
      /** A YAML or JSON list of {id, sources, tokenSha256 | tokenEnv}, read at start-up. @default none */
      SL_INGEST_TOKENS_FILE: z.string().trim().min(1).optional(),
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
    })
    .transform((config, ctx) => {
      // Every token the gateway accepts: the environment's and the file's, each id and token once.
      let ingestTokens: readonly IngestToken[];
      try {
        const fromFile = config.SL_INGEST_TOKENS_FILE === undefined ? [] : loadIngestTokensFile(config.SL_INGEST_TOKENS_FILE, env);
        ingestTokens = checkUnique([...config.SL_INGEST_TOKENS, ...fromFile]);
      } catch (error) {
        if (!isIngestTokenError(error)) throw error;
        ctx.addIssue({ code: 'custom', path: ['SL_INGEST_TOKENS_FILE'], message: error.message });
        return z.NEVER;
      }
      if (ingestTokens.length === 0 && !isLoopbackHost(config.SL_HTTP_HOST)) {
        ctx.addIssue({
          code: 'custom',
          path: ['SL_INGEST_TOKENS'],
          message: `the gateway would listen on ${config.SL_HTTP_HOST}, which is not loopback, with no ingest tokens; set SL_INGEST_TOKENS or SL_INGEST_TOKENS_FILE (docs/ingest.md, "Tokens") or listen on 127.0.0.1`,
        });
        return z.NEVER;
      }
      if (config.INGEST_RATE_BURST < config.INGEST_MAX_ITEMS) {
        ctx.addIssue({
          code: 'custom',
          path: ['INGEST_RATE_BURST'],
          message: `must be at least INGEST_MAX_ITEMS (${config.INGEST_MAX_ITEMS}), or a full request could never pass`,
        });
        return z.NEVER;
      }
      return { ...config, ingestTokens };
    });
}

export type GatewayConfig = z.infer<ReturnType<typeof gatewaySchema>>;

export function loadGatewayConfig(env: NodeJS.ProcessEnv = process.env): Readonly<GatewayConfig> {
  return parseConfig(gatewaySchema(env), env);
}
