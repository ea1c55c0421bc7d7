// raw-archiver: wiring only. Consumes mentions.raw and writes the raw archive through the
// object store; offsets are committed by the sink after each upload is durable.
import path from 'node:path';
import { commitThrough, createRawArchiveSink, runStorageSink } from '@sl/archive';
import { createIdempotentProducer, createKafkaClient, ensureTopics, mentionsRawTopic, renamed } from '@sl/kafka';
import { createObjectStoreFromEnv } from '@sl/object-store';
import { createMetricsRegistry, createRootLogger, installShutdown, startOpsServer } from '@sl/observability';
import { loadRawArchiverConfig } from './config.ts';

const config = loadRawArchiverConfig();
const logger = createRootLogger({ service: 'raw-archiver', level: config.LOG_LEVEL });
const registry = createMetricsRegistry('raw-archiver');
const topic = renamed(mentionsRawTopic, `${config.SL_TOPIC_NAMESPACE}${mentionsRawTopic.name}`);
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
  policy: { maxRecords: config.ARCHIVE_FLUSH_RECORDS, maxBytes: config.ARCHIVE_FLUSH_BYTES, maxAgeMs: config.ARCHIVE_FLUSH_INTERVAL_MS },
});
const runner = await runStorageSink(
  { kafka, topic, groupId: config.SL_GROUP_ID, stage: 'raw-archiver', producer, sink, logger, registry, tickMs: Math.min(1_000, config.ARCHIVE_FLUSH_INTERVAL_MS) },
  binding,
);

const ops = await startOpsServer({ port: config.SL_OPS_PORT, registry, health: () => runner.health() });
logger.info({ topic: topic.name, store: store.describe(), opsPort: ops.port }, 'raw archiver running');

installShutdown(logger, [() => runner.stop(), () => producer.disconnect(), () => store.close(), () => ops.close()]);
