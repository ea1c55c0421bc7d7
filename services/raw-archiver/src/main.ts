// raw-archiver: wiring only. Consumes mentions.raw and writes the raw archive through the
// object store, and (unless SL_ARCHIVE_ALERTS=0) every live brand's alerts.<brand> into the alert
// archive; offsets are committed by each sink after its upload is durable.
import path from 'node:path';
import { commitThrough, createAlertArchivers, createRawArchiveSink, runStorageSink } from '@sl/archive';
import type { Brand } from '@sl/contracts';
import {
  brandsConfigTopic,
  createIdempotentProducer,
  createKafkaClient,
  ensureTopics,
  mentionsRawTopic,
  renamed,
  watchLatestByKey,
} from '@sl/kafka';
import { createObjectStoreFromEnv } from '@sl/object-store';
import {
  createMetricsRegistry,
  createRootLogger,
  type HealthReport,
  installShutdown,
  logFatalErrors,
  type ShutdownHook,
  startOpsServer,
} from '@sl/observability';
import { loadRawArchiverConfig } from './config.ts';

const config = loadRawArchiverConfig();
const logger = createRootLogger({ service: 'raw-archiver', level: config.LOG_LEVEL });
logFatalErrors(logger);
const registry = createMetricsRegistry('raw-archiver');
const ns = config.SL_TOPIC_NAMESPACE;
const topic = renamed(mentionsRawTopic, `${ns}${mentionsRawTopic.name}`);
const store = createObjectStoreFromEnv(process.env, { defaultLocalRoot: path.join(config.SL_DATA_DIR, 'objects') });

const kafka = createKafkaClient({ brokers: config.KAFKA_BROKERS, clientId: 'raw-archiver', logger, metrics: registry });
await ensureTopics(kafka, [topic]);
const producer = await createIdempotentProducer(kafka, { logger });

const binding = commitThrough();
const sink = createRawArchiveSink({
  topic: topic.name,
  store,
  logger,
  registry,
  commit: binding.commit,
  policy: {
    maxRecords: config.ARCHIVE_FLUSH_RECORDS,
    maxBytes: config.ARCHIVE_FLUSH_BYTES,
    maxTotalBytes: config.ARCHIVE_FLUSH_TOTAL_BYTES,
    maxAgeMs: config.ARCHIVE_FLUSH_INTERVAL_MS,
  },
});
const runner = await runStorageSink(
  {
    kafka,
    topic,
    groupId: config.SL_GROUP_ID,
    stage: 'raw-archiver',
    producer,
    sink,
    logger,
    registry,
    tickMs: Math.min(1_000, config.ARCHIVE_FLUSH_INTERVAL_MS),
  },
  binding,
);
const hooks: ShutdownHook[] = [() => runner.stop()];
const healthChecks: Array<() => HealthReport> = [() => runner.health()];

if (config.SL_ARCHIVE_ALERTS) {
  const brandsTopic = renamed(brandsConfigTopic, `${ns}${brandsConfigTopic.name}`);
  await ensureTopics(kafka, [brandsTopic]);
  const archivers = createAlertArchivers({
    kafka,
    namespace: ns,
    groupIdPrefix: config.SL_ALERT_ARCHIVE_GROUP_ID,
    store,
    producer,
    logger,
    registry,
    policy: { maxAgeMs: config.ALERT_ARCHIVE_FLUSH_INTERVAL_MS },
    tickMs: Math.min(1_000, config.ALERT_ARCHIVE_FLUSH_INTERVAL_MS),
  });
  // A retired brand's archiver stops; its files stay (history is the point of the archive).
  const live = (values: ReadonlyMap<string, Brand>) =>
    [...values].filter(([key, brand]) => !brand.deleted && brand.id === key).map(([key]) => key);
  const brands = await watchLatestByKey(kafka, brandsTopic, { logger, onChange: (values) => archivers.sync(live(values)) });
  archivers.sync(live(brands.values));
  hooks.push(
    () => archivers.stop(),
    () => brands.stop(),
  );
  healthChecks.push(() => archivers.health());
}

const ops = await startOpsServer({
  port: config.SL_OPS_PORT,
  registry,
  health: () => {
    const reports = healthChecks.map((check) => check());
    return {
      status: reports.every((r) => r.status === 'ok') ? 'ok' : 'degraded',
      checks: Object.assign({}, ...reports.map((r) => r.checks)),
    };
  },
});
logger.info({ topic: topic.name, store: store.describe(), opsPort: ops.port, alerts: config.SL_ARCHIVE_ALERTS }, 'raw archiver running');

installShutdown(logger, [...hooks, () => producer.disconnect(), () => store.close(), () => ops.close()]);
