// dashboard: wiring only. Reads config, builds the page if needed, follows the brands, opens the
// store (the local folder, or an S3 bucket copied into a local cache on a timer) and serves.
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { loadBrandsFile } from '@sl/brands';
import type { AuthorInfluence, Brand } from '@sl/contracts';
import {
  type AlertHub,
  brandInfos,
  type CorrectionSender,
  createAlertHub,
  createDashboardServer,
  createFreshness,
  ensurePageBuilt,
  type Freshness,
  type FreshnessTracker,
  openDashboardStore,
  pollWatermark,
  startAlertFollowers,
  startKafkaCorrectionSender,
  startWarmUp,
  unmeasuredFreshness,
} from '@sl/dashboard';
import {
  authorsInfluenceTopic,
  brandsConfigTopic,
  createIngestWatermark,
  createKafkaClient,
  ensureTopics,
  renamed,
  watchLatestByKey,
} from '@sl/kafka';
import { createObjectStoreFromEnv, mirrorPrefixes } from '@sl/object-store';
import { type ConfigError, createMetricsRegistry, createRootLogger, Gauge, installShutdown, logFatalErrors, type ShutdownHook } from '@sl/observability';
import { type DashboardConfig, loadDashboardConfig } from './config.ts';

let config: Readonly<DashboardConfig>;
try {
  config = loadDashboardConfig();
} catch (error) {
  if (!(error instanceof Error) || (error as Partial<ConfigError>).code !== 'INVALID_CONFIG') throw error;
  // One line a person can act on; 78 is EX_CONFIG: restarting will not help.
  process.stderr.write(`dashboard: ${error.message}\n`);
  process.exit(78);
}
const logger = createRootLogger({ service: 'dashboard', level: config.LOG_LEVEL });
logFatalErrors(logger);
const registry = createMetricsRegistry('dashboard');
const hooks: ShutdownHook[] = [];

const built = await ensurePageBuilt(config.SL_DASHBOARD_PAGE_DIR);
logger.info({ pageDir: config.SL_DASHBOARD_PAGE_DIR, built }, 'page ready');

// Brands: the file when one is named, else brands.config followed live like every stage does.
// Alerts: followed from alerts.<brand> whenever there is a broker to follow them on (a brands
// file alone, without KAFKA_BROKERS in the environment, means a dashboard without Kafka).
let currentBrands: () => Iterable<Brand>;
const useKafka = config.SL_DASHBOARD_BRANDS_FILE === undefined || process.env.KAFKA_BROKERS !== undefined;
const kafka = useKafka ? createKafkaClient({ brokers: config.KAFKA_BROKERS, clientId: 'dashboard', logger, metrics: registry }) : undefined;
if (config.SL_DASHBOARD_BRANDS_FILE !== undefined) {
  const fromFile = await loadBrandsFile(config.SL_DASHBOARD_BRANDS_FILE);
  currentBrands = () => fromFile;
} else if (kafka !== undefined) {
  const topic = renamed(brandsConfigTopic, `${config.SL_TOPIC_NAMESPACE}${brandsConfigTopic.name}`);
  await ensureTopics(kafka, [topic]);
  const live = await watchLatestByKey(kafka, topic, { logger });
  currentBrands = () => live.values.values();
  hooks.push(() => live.stop());
} else {
  currentBrands = () => [];
}
let alerts: AlertHub | undefined;
let influence: ReadonlyMap<string, AuthorInfluence> | undefined;
if (kafka !== undefined) {
  // Every author's influence per brand, kept up to date from the compacted topic.
  const influenceTopic = renamed(authorsInfluenceTopic, `${config.SL_TOPIC_NAMESPACE}${authorsInfluenceTopic.name}`);
  await ensureTopics(kafka, [influenceTopic]);
  const scores = await watchLatestByKey(kafka, influenceTopic, { logger });
  influence = scores.values;
  hooks.push(() => scores.stop());
  alerts = createAlertHub();
  const followers = await startAlertFollowers({
    kafka,
    hub: alerts,
    brandIds: () => brandInfos(currentBrands()).map((b) => b.id),
    namespace: config.SL_TOPIC_NAMESPACE,
    logger,
    recheckMs: config.SL_DASHBOARD_ALERTS_RECHECK_MS,
  });
  // Stopped first: their groups are deleted while the broker connection is still there.
  hooks.unshift(() => followers.stop());
}
// The correction form's records go where `sl correct` sends them: mentions.corrections.
let corrections: CorrectionSender | undefined;
if (kafka !== undefined) {
  const sender = await startKafkaCorrectionSender(kafka, { namespace: config.SL_TOPIC_NAMESPACE, logger });
  corrections = sender;
  hooks.push(() => sender.close());
}
// "Complete up to …": the ingest watermark through every stage up to the aggregation worker.
let freshness: Freshness = unmeasuredFreshness;
let tracker: FreshnessTracker | undefined;
if (kafka !== undefined) {
  const stages = config.SL_DASHBOARD_WATERMARK_UPSTREAM.map((s) => ({ ...s, topic: `${config.SL_TOPIC_NAMESPACE}${s.topic}` }));
  tracker = createFreshness({
    copied: Boolean(process.env.S3_BUCKET),
    following: stages.length === 0 ? 'no stages (SL_DASHBOARD_WATERMARK_UPSTREAM=none)' : stages.map((s) => s.groupId).join(', '),
  });
  freshness = tracker;
  const watermark = createIngestWatermark({ kafka, stages });
  const polling = pollWatermark({
    measure: () => watermark.poll(),
    tracker,
    intervalMs: config.SL_DASHBOARD_FRESHNESS_INTERVAL_MS,
    logger,
  });
  hooks.push(
    async () => polling.stop(),
    () => watermark.close(),
  );
}
const brandsKnown = new Gauge({ name: 'sl_dashboard_brands', help: 'Brands the dashboard knows now.', registers: [registry] });

// The files: the local object-store folder, or a bucket copied into the same cache `sl query` uses.
let root = path.join(config.SL_DATA_DIR, 'objects');
let describe = `the folder ${root}`;
let lastCopy: { ok: boolean; detail: string } = { ok: true, detail: 'local folder' };
const bucket = process.env.S3_BUCKET;
if (bucket) {
  const objects = createObjectStoreFromEnv(process.env, { defaultLocalRoot: root });
  root = path.join(config.SL_DATA_DIR, 'query-cache', bucket);
  describe = `${objects.describe()} (copied into ${root})`;
  const copy = async () => {
    // Files written after this watermark was measured may miss this copy; those before it are in it.
    const copied = tracker?.copyStarting();
    try {
      const report = await mirrorPrefixes(objects, root, [
        'rollups/v1/',
        'conversations/v1/',
        'corrections/v1/',
        'author-days/v1/',
        'driver-days/v1/',
        'brand-replies/v1/',
        'alerts/v1/',
      ]);
      lastCopy = { ok: true, detail: `${report.listed} files listed, ${report.copied} copied at ${new Date().toISOString()}` };
      copied?.();
      if (report.copied > 0) logger.info({ ...report, bucket }, 'copied new files from the bucket');
    } catch (error) {
      lastCopy = { ok: false, detail: (error as Error).message };
      logger.warn({ err: error, bucket }, 'could not copy new files from the bucket; serving what the cache holds');
    }
  };
  await copy();
  let copying = false;
  const timer = setInterval(async () => {
    if (copying) return;
    copying = true;
    await copy().finally(() => {
      copying = false;
    });
  }, config.SL_DASHBOARD_COPY_INTERVAL_MS);
  hooks.push(
    async () => clearInterval(timer),
    () => objects.close(),
  );
}
const storeLog = logger.child({ component: 'dashboard-store' });
const store = await openDashboardStore({
  root,
  describe,
  authorCacheRows: config.SL_DASHBOARD_AUTHOR_CACHE_ROWS,
  duckdbMemoryMiB: config.SL_DASHBOARD_DUCKDB_MEMORY_MIB,
  duckdbThreads: config.SL_DASHBOARD_DUCKDB_THREADS,
  ...(config.SL_DASHBOARD_SUMMARY_DIR === 'none'
    ? {}
    : { summaryDir: config.SL_DASHBOARD_SUMMARY_DIR ?? path.join(config.SL_DATA_DIR, 'dashboard-summary') }),
  warn: (fields, message) => storeLog.warn(fields, message),
});
logger.info({ summary: store.summaryNote }, 'top authors summary on disk');
const currentBrandInfos = () => {
  const list = brandInfos(currentBrands());
  brandsKnown.set(list.length);
  return list;
};
// The page's all-time reads, then top authors' blocks, read in the background from the start
// (docs/dashboard.md, "Kept on disk across restarts").
const warmUpLog = logger.child({ component: 'warm-up' });
const warmUp = config.SL_DASHBOARD_WARM_AUTHORS
  ? startWarmUp({ store, brands: currentBrandInfos, log: (fields, message) => warmUpLog.info(fields, message) })
  : undefined;

const server = createDashboardServer({
  logger,
  registry,
  store,
  alerts,
  freshness,
  ...(corrections === undefined ? {} : { corrections }),
  influence: (brandId, source, handle) => influence?.get(`${brandId}:${source}:${handle}`)?.influence,
  brands: currentBrandInfos,
  ...(warmUp === undefined ? {} : { warmUp: () => warmUp.progress() }),
  pageDir: config.SL_DASHBOARD_PAGE_DIR,
  tokens: config.dashboardTokens,
  secureCookie: config.SL_DASHBOARD_SECURE_COOKIE,
  health: () => ({
    status: lastCopy.ok ? 'ok' : 'degraded',
    checks: {
      store: { ok: lastCopy.ok, detail: `${describe}: ${lastCopy.detail}` },
      ...(warmUp === undefined ? {} : { warmUp: { ok: warmUp.progress().state !== 'failed', detail: warmUp.progress().detail } }),
      freshness: {
        ok: true,
        detail: `complete up to ${freshness.completeUpTo() === null ? 'unknown' : new Date(freshness.completeUpTo() ?? 0).toISOString()}: ${freshness.detail()}`,
      },
    },
  }),
});
server.keepAliveTimeout = 65_000;
await new Promise<void>((resolve, reject) => {
  server.once('error', reject);
  server.listen(config.SL_DASHBOARD_PORT, config.SL_DASHBOARD_HOST, resolve);
});
const { port } = server.address() as AddressInfo;
logger.info(
  {
    url: `http://${config.SL_DASHBOARD_HOST}:${port}/`,
    store: describe,
    // Token ids and scopes only; the tokens themselves are never kept, let alone logged.
    tokens: config.dashboardTokens.map((t) => `${t.id}:${t.brands.join('|')}`),
  },
  'dashboard listening',
);

installShutdown(logger, [
  // The warm-up is told first: it stops after the read in progress, which then overlaps the rest.
  async () => {
    warmUp?.stop();
  },
  // Alert streams never end by themselves: close every connection, or close() would wait for them.
  () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  ...hooks,
  async () => {
    await warmUp?.finished;
  },
  async () => store.close(),
]);
