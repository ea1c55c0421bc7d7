// The amplification worker's configuration, parsed once from the environment.
import { kafkaBrokersSetting, SNAPSHOT_CHUNK_BYTES, topicNamespaceSetting, watermarkUpstreamSetting } from '@sl/kafka';
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
  /**
   * Bytes of encoded state per snapshot record (chunk), before compression: what a snapshot adds to
   * the worker's memory on top of its chunks is a few of these per chunk until collected. Small
   * values are for tests that need many chunks. @default 504 KiB (@sl/kafka SNAPSHOT_CHUNK_BYTES)
   */
  SL_SNAPSHOT_CHUNK_BYTES: z.coerce.number().int().min(1_024).max(16 * 1024 * 1024).default(SNAPSHOT_CHUNK_BYTES),
  // The engine's bounded memories, per brand and input partition (@sl/amplification EngineLimits;
  // what each costs per entry and what an eviction means: docs/performance.md "Memory",
  // docs/architecture.md "Bounded detector state"). Raising one raises the worker's memory: its
  // old-generation cap (package.json, nodeOptions) must follow.
  /** Authors remembered per brand, least recently seen forgotten first; ~0.4 KB each. @default 20_000 authors */
  SL_MAX_AUTHORS_PER_BRAND: z.coerce.number().int().min(100).max(1_000_000).default(20_000),
  /** Texts (and copy groups) remembered per brand for finding copies, oldest judged forgotten first; ~1.1 KB each with its group. @default 20_000 texts */
  SL_MAX_COPY_TEXTS_PER_BRAND: z.coerce.number().int().min(100).max(1_000_000).default(20_000),
  /** Posts followed for virality per brand, least engaged forgotten first; ~0.8 KB each. @default 2_000 posts */
  SL_MAX_POSTS_PER_BRAND: z.coerce.number().int().min(10).max(1_000_000).default(2_000),
  /** Questions to the brand followed at once per brand; more are not followed. @default 500 questions */
  SL_MAX_OPEN_QUESTIONS: z.coerce.number().int().min(1).max(100_000).default(500),
  /** Distinct authors tracked per window for the per-author cap; later new authors count without it. @default 20_000 authors */
  SL_MAX_WINDOW_AUTHORS: z.coerce.number().int().min(100).max(1_000_000).default(20_000),
  /** Mentions waiting for their brand's watermark per brand; past it the oldest tenth is judged at once and arrival order can change alerts; ~0.5 KB each (encoded). @default 200_000 mentions */
  SL_MAX_PENDING_PER_BRAND: z.coerce.number().int().min(100).max(10_000_000).default(200_000),
  /**
   * Upstream stages the ingest watermark follows, `group:topic` in pipeline order (topics without
   * the namespace), or `none` when the input is written directly (tests, replays).
   * @default enricher:mentions.raw,sentiment-worker:mentions.enriched
   */
  SL_WATERMARK_UPSTREAM: watermarkUpstreamSetting('enricher:mentions.raw,sentiment-worker:mentions.enriched'),
  /** How often the ingest watermark is measured and ticks are written, ms. @default 100 */
  SL_WATERMARK_INTERVAL_MS: z.coerce.number().int().min(20).max(60_000).default(100),
  /** Between the gateway stamping ingestedAt and the record being in the log, ms. @default 250 */
  SL_PRODUCE_GRACE_MS: z.coerce.number().int().min(0).max(600_000).default(250),
  /** Mentions further than this behind their brand's watermark are counted and left out of the detectors, ms. @default 604_800_000 (7 days) */
  SL_LATENESS_HORIZON_MS: z.coerce
    .number()
    .int()
    .min(60_000)
    .max(90 * 86_400_000)
    .default(7 * 86_400_000),
  /**
   * The least a brand's watermark trails ingestion, ms; a mention ingested later than this after
   * publication holds its brand back by its delay (measured out-of-orderness). @default 250
   */
  SL_LIVE_DELAY_MS: z.coerce.number().int().min(0).max(3_600_000).default(250),
  /** How long, in ingestion time, a backfilled mention holds its brand's watermark, ms. @default 60_000 */
  SL_BACKFILL_HOLD_MS: z.coerce.number().int().min(0).max(3_600_000).default(60_000),
  /**
   * The most held mentions one watermark tick releases, and about the most one transaction judges
   * (a batch is cut after the tick that reaches it): a backfill's release goes out in transactions
   * of this many mentions' outputs, not all at once (packages/amplification judge-batch.ts).
   * Written into every tick, so a replay cuts where the live run did. 5,000 kept the worker at
   * 308 MB through a 200,000-mention release in bench:pipeline, 10,000 at 364 (docs/performance.md).
   * @default 5_000
   */
  SL_RELEASE_MAX_MENTIONS: z.coerce.number().int().min(100).max(10_000_000).default(5_000),
  LOG_LEVEL: logLevelSetting,
});

export type AmplificationWorkerConfig = z.infer<typeof schema>;

export function loadAmplificationWorkerConfig(env: NodeJS.ProcessEnv = process.env): Readonly<AmplificationWorkerConfig> {
  return parseConfig(schema, env);
}
