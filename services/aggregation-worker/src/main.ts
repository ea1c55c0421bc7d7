// aggregation-worker: wiring only. Consumes mentions.scored and writes additive rollups and the
// conversation archive through the object store; offsets are committed by the sink after each
// flush's files are durable, under names built from partition and offsets. A second sink, in its
// own consumer group, consumes mentions.corrections (the amplification engine's event-time
// verdicts where they differ from the enricher's) and writes correction rows into the same rollup
// folders plus the correction archive.
import path from 'node:path';
import { commitThrough, createPartitionedSink, runStorageSink } from '@sl/archive';
import {
  brandsConfigTopic,
  createIdempotentProducer,
  createKafkaClient,
  ensureTopics,
  mentionsCorrectionsTopic,
  mentionsScoredTopic,
  renamed,
  watchLatestByKey,
} from '@sl/kafka';
import { createObjectStoreFromEnv } from '@sl/object-store';
import { combineHealth, createMetricsRegistry, createRootLogger, installShutdown, startOpsServer } from '@sl/observability';
import { correctionsLayout, rollupsLayout } from '@sl/rollups';
import { loadAggregationWorkerConfig } from './config.ts';

const config = loadAggregationWorkerConfig();
const logger = createRootLogger({ service: 'aggregation-worker', level: config.LOG_LEVEL });
const registry = createMetricsRegistry('aggregation-worker');
const ns = config.SL_TOPIC_NAMESPACE;
const topic = renamed(mentionsScoredTopic, `${ns}${mentionsScoredTopic.name}`);
const brandsTopic = renamed(brandsConfigTopic, `${ns}${brandsConfigTopic.name}`);
const correctionsTopic = renamed(mentionsCorrectionsTopic, `${ns}${mentionsCorrectionsTopic.name}`);
const store = createObjectStoreFromEnv(process.env, { defaultLocalRoot: path.join(config.SL_DATA_DIR, 'objects') });

const kafka = createKafkaClient({ brokers: config.KAFKA_BROKERS, clientId: 'aggregation-worker', logger, metrics: registry });
await ensureTopics(kafka, [topic, brandsTopic, correctionsTopic]);
const producer = await createIdempotentProducer(kafka, { logger });
const brands = await watchLatestByKey(kafka, brandsTopic, { logger });

const binding = commitThrough();
const sink = createPartitionedSink({
  name: 'rollups',
  topic: topic.name,
  store,
  layout: rollupsLayout({
    // An unknown (or retired) brand keeps the default threshold of the brands file.
    spamThresholdOf: (brandId) => brands.values.get(brandId)?.spamThreshold ?? 0.7,
    lateAfterMs: config.ROLLUP_LATE_AFTER_MS,
  }),
  commit: binding.commit,
  logger,
  intentPrefix: '_sink-state/aggregation/v1',
  registry,
  policy: { maxRecords: config.ROLLUP_FLUSH_RECORDS, maxBytes: config.ROLLUP_FLUSH_BYTES, maxAgeMs: config.ROLLUP_FLUSH_INTERVAL_MS },
});
const runner = await runStorageSink(
  {
    kafka,
    topic,
    groupId: config.SL_GROUP_ID,
    stage: 'aggregation-worker',
    producer,
    sink,
    logger,
    registry,
    tickMs: Math.min(1_000, config.ROLLUP_FLUSH_INTERVAL_MS),
    sessionTimeoutMs: config.SL_SESSION_TIMEOUT_MS,
  },
  binding,
);

// Corrections: the same exactly-once sink, its own group (its offsets are its own topic's) and
// its own claims, so the two inputs never wait for each other.
const correctionsBinding = commitThrough();
const correctionsSink = createPartitionedSink({
  name: 'rollup-corrections',
  topic: correctionsTopic.name,
  store,
  layout: correctionsLayout({ lateAfterMs: config.ROLLUP_LATE_AFTER_MS }),
  commit: correctionsBinding.commit,
  logger,
  intentPrefix: '_sink-state/aggregation-corrections/v1',
  registry,
  policy: { maxRecords: config.ROLLUP_FLUSH_RECORDS, maxBytes: config.ROLLUP_FLUSH_BYTES, maxAgeMs: config.ROLLUP_FLUSH_INTERVAL_MS },
});
const correctionsRunner = await runStorageSink(
  {
    kafka,
    topic: correctionsTopic,
    groupId: `${config.SL_GROUP_ID}-corrections`,
    stage: 'aggregation-worker-corrections',
    producer,
    sink: correctionsSink,
    logger,
    registry,
    tickMs: Math.min(1_000, config.ROLLUP_FLUSH_INTERVAL_MS),
    sessionTimeoutMs: config.SL_SESSION_TIMEOUT_MS,
  },
  correctionsBinding,
);

const ops = await startOpsServer({
  port: config.SL_OPS_PORT,
  registry,
  health: () => combineHealth(runner.health(), { corrections: correctionsRunner.health() }),
});
logger.info({ topic: topic.name, corrections: correctionsTopic.name, store: store.describe(), opsPort: ops.port }, 'aggregation worker running');

installShutdown(logger, [() => runner.stop(), () => correctionsRunner.stop(), () => brands.stop(), () => producer.disconnect(), () => store.close(), () => ops.close()]);
