// raw-archiver: wiring only. Consumes mentions.raw and writes the raw archive through the
// object store; offsets are committed by the sink after each upload is durable.
import path from 'node:path';
import { createRawArchiveSink } from '@sl/archive';
import { createIdempotentProducer, createKafkaClient, ensureTopics, mentionsRawTopic, renamed, runConsumer } from '@sl/kafka';
import { createObjectStoreFromEnv } from '@sl/object-store';
import { createMetricsRegistry, createRootLogger, installShutdown, startOpsServer } from '@sl/observability';
import { loadRawArchiverConfig } from './config.ts';

const config = loadRawArchiverConfig();
const logger = createRootLogger({ service: 'raw-archiver', level: config.LOG_LEVEL });
const registry = createMetricsRegistry('raw-archiver');
const topic = renamed(mentionsRawTopic, `${config.SL_TOPIC_NAMESPACE}${mentionsRawTopic.name}`);
const store = createObjectStoreFromEnv(process.env, { defaultLocalRoot: path.join(config.SL_DATA_DIR, 'objects') });

const kafka = createKafkaClient({ brokers: config.KAFKA_BROKERS, clientId: 'raw-archiver', logger });
await ensureTopics(kafka, [topic]);
const producer = await createIdempotentProducer(kafka);

// The sink commits through the consumer, which exists only once the runner starts; the runner
// hands it batches only after that, so the late binding is safe.
let commit: (partition: number, nextOffset: string) => Promise<void> = async () => {
  throw new Error('consumer not started');
};
const sink = createRawArchiveSink({
  topic: topic.name,
  store,
  logger,
  registry,
  commit: (partition, nextOffset) => commit(partition, nextOffset),
  policy: { maxRecords: config.ARCHIVE_FLUSH_RECORDS, maxBytes: config.ARCHIVE_FLUSH_BYTES, maxAgeMs: config.ARCHIVE_FLUSH_INTERVAL_MS },
});
let lastError: string | undefined;
const consumer = await runConsumer({
  kafka,
  groupId: config.SL_GROUP_ID,
  topic,
  stage: 'raw-archiver',
  logger,
  producer,
  metrics: registry,
  commitMode: 'manual',
  handleBatch: (batch) => sink.handleBatch(batch),
  onAssignment: (partitions) => sink.onAssignment(partitions),
});
commit = (partition, nextOffset) => consumer.commit(partition, nextOffset);

const timer = setInterval(() => {
  sink.flushDue().then(
    () => {
      lastError = undefined;
    },
    (error: unknown) => {
      lastError = String(error);
      logger.warn({ err: error }, 'timed flush failed; it is retried on the next tick');
    },
  );
}, Math.min(1_000, config.ARCHIVE_FLUSH_INTERVAL_MS));

const ops = await startOpsServer({
  port: config.SL_OPS_PORT,
  registry,
  health: () => ({
    status: lastError ? 'degraded' : 'ok',
    checks: { objectStore: { ok: !lastError, detail: lastError ?? store.describe() }, buffered: { ok: true, detail: String(sink.buffered) } },
  }),
});
logger.info({ topic: topic.name, store: store.describe(), opsPort: ops.port }, 'raw archiver running');

installShutdown(logger, [
  async () => clearInterval(timer),
  // Leave the group first so no new batch arrives, then make what is buffered durable and commit it.
  async () => {
    await sink.flushAll().catch((error: unknown) => logger.warn({ err: error }, 'final flush failed; the records are re-read on restart'));
  },
  () => consumer.stop(),
  () => producer.disconnect(),
  () => store.close(),
  () => ops.close(),
]);
