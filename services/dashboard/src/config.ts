// The dashboard's configuration, parsed once from the environment; every default beside its field.
// The object store's own variables (S3_ENDPOINT, S3_BUCKET, ...) are parsed by @sl/object-store.
import path from 'node:path';
import {
  checkUnique,
  DEFAULT_PAGE_DIR,
  type DashboardToken,
  isDashboardTokenError,
  loadDashboardTokensFile,
  parseDashboardTokens,
} from '@sl/dashboard';
import { isLoopbackHost } from '@sl/ingest';
import { kafkaBrokersSetting, topicNamespaceSetting, watermarkUpstreamSetting } from '@sl/kafka';
import { logLevelSetting, parseConfig } from '@sl/observability';
import { z } from 'zod';

function dashboardSchema(env: NodeJS.ProcessEnv) {
  return z
    .object({
      KAFKA_BROKERS: kafkaBrokersSetting,
      SL_TOPIC_NAMESPACE: topicNamespaceSetting,
      /** Listen address. Anything but loopback needs dashboard tokens. @default 127.0.0.1 */
      SL_DASHBOARD_HOST: z.string().trim().min(1).default('127.0.0.1'),
      /** @default 8090 */
      SL_DASHBOARD_PORT: z.coerce.number().int().min(0).max(65_535).default(8090),
      /**
       * Access tokens: `id:brand[|brand…]:token,…`, `*` for every brand, `sha256:<hex>` in place of
       * the token to give its digest only. Kept as digests. @default none (loopback only)
       */
      SL_DASHBOARD_TOKENS: z
        .string()
        .default('')
        .transform((spec, ctx) => {
          try {
            return parseDashboardTokens(spec);
          } catch (error) {
            ctx.addIssue({ code: 'custom', message: (error as Error).message });
            return z.NEVER;
          }
        }),
      /** A YAML or JSON list of {id, brands, tokenSha256 | tokenEnv}, read at start-up. @default none */
      SL_DASHBOARD_TOKENS_FILE: z.string().trim().min(1).optional(),
      /** Mark the session cookie Secure: set it when a TLS proxy fronts the dashboard. @default false */
      SL_DASHBOARD_SECURE_COOKIE: z
        .enum(['0', '1', 'false', 'true'])
        .default('0')
        .transform((v) => v === '1' || v === 'true'),
      /** Brands from this brands file instead of the brands.config topic (no Kafka needed). @default the topic */
      SL_DASHBOARD_BRANDS_FILE: z.string().trim().min(1).optional(),
      /** The built page; built there at start-up when missing or older than its sources. @default packages/dashboard/dist/page */
      SL_DASHBOARD_PAGE_DIR: z.string().trim().min(1).default(DEFAULT_PAGE_DIR),
      /** How often brands without a followed alerts topic are checked again, ms. @default 10_000 */
      SL_DASHBOARD_ALERTS_RECHECK_MS: z.coerce.number().int().min(100).default(10_000),
      /**
       * The stages "complete up to …" is measured through, `group:topic` in pipeline order, ending
       * with the aggregation worker (it commits only what its files hold); `none`: no measurement
       * through groups, everything written counts as there (tests writing the store directly).
       * @default enricher:mentions.raw,sentiment-worker:mentions.enriched,aggregation-worker:mentions.scored
       */
      SL_DASHBOARD_WATERMARK_UPSTREAM: watermarkUpstreamSetting(
        'enricher:mentions.raw,sentiment-worker:mentions.enriched,aggregation-worker:mentions.scored',
      ),
      /** How often that watermark is measured, ms. @default 5_000 */
      SL_DASHBOARD_FRESHNESS_INTERVAL_MS: z.coerce.number().int().min(100).default(5_000),
      /** Rows of per-author sums top authors holds in memory (28 bytes each, 40 when a column does not pack; docs/dashboard.md, "Top authors over any range"). @default 4_000_000 */
      SL_DASHBOARD_AUTHOR_CACHE_ROWS: z.coerce.number().int().min(1).default(4_000_000),
      /** At start, in the background: the page's all-time reads once per brand, then every brand's author blocks for all time (0: each on first use; named for its first part). @default 1 */
      SL_DASHBOARD_WARM_AUTHORS: z
        .enum(['0', '1', 'true', 'false'])
        .default('1')
        .transform((v) => v === '1' || v === 'true'),
      /** DuckDB's memory_limit, MiB (what a query's buffers may hold). @default 256 */
      SL_DASHBOARD_DUCKDB_MEMORY_MIB: z.coerce.number().int().min(32).default(256),
      /** DuckDB's worker threads. @default 2 */
      SL_DASHBOARD_DUCKDB_THREADS: z.coerce.number().int().min(1).max(64).default(2),
      /**
       * Where top authors' summary is kept on local disk across restarts (a subfolder per store
       * root); `none`: in memory only. @default <SL_DATA_DIR>/dashboard-summary
       */
      SL_DASHBOARD_SUMMARY_DIR: z.string().min(1).optional(),
      /** With S3_BUCKET: how often new files are copied into the local cache DuckDB reads, ms. @default 30_000 */
      SL_DASHBOARD_COPY_INTERVAL_MS: z.coerce.number().int().min(1_000).default(30_000),
      /** Local object-store folder when no S3 bucket is set (<dir>/objects), and the S3 copy cache (<dir>/query-cache). @default .sl */
      SL_DATA_DIR: z.string().default(path.resolve('.sl')),
      LOG_LEVEL: logLevelSetting,
    })
    .transform((config, ctx) => {
      let dashboardTokens: readonly DashboardToken[];
      try {
        const fromFile = config.SL_DASHBOARD_TOKENS_FILE === undefined ? [] : loadDashboardTokensFile(config.SL_DASHBOARD_TOKENS_FILE, env);
        dashboardTokens = checkUnique([...config.SL_DASHBOARD_TOKENS, ...fromFile]);
      } catch (error) {
        if (!isDashboardTokenError(error)) throw error;
        ctx.addIssue({ code: 'custom', path: ['SL_DASHBOARD_TOKENS_FILE'], message: error.message });
        return z.NEVER;
      }
      if (dashboardTokens.length === 0 && !isLoopbackHost(config.SL_DASHBOARD_HOST)) {
        ctx.addIssue({
          code: 'custom',
          path: ['SL_DASHBOARD_TOKENS'],
          message: `the dashboard would listen on ${config.SL_DASHBOARD_HOST}, which is not loopback, with no tokens; set SL_DASHBOARD_TOKENS or SL_DASHBOARD_TOKENS_FILE (docs/dashboard.md, "Access") or listen on 127.0.0.1`,
        });
        return z.NEVER;
      }
      return { ...config, dashboardTokens };
    });
}

export type DashboardConfig = z.infer<ReturnType<typeof dashboardSchema>>;

export function loadDashboardConfig(env: NodeJS.ProcessEnv = process.env): Readonly<DashboardConfig> {
  return parseConfig(dashboardSchema(env), env);
}
