// aggregation-worker: wiring only. Consumes mentions.scored and writes additive rollups and the
// conversation archive through the object store; offsets are committed by the sink after each
// flush's files are durable, under names built from partition and offsets. A second sink, in its
// own consumer group, consumes mentions.corrections (the amplification engine's event-time
// verdicts where they differ from the enricher's) and writes correction rows into the same rollup
// folders plus the correction archive.
import path from 'node:path';
import { commitThrough, createPartitionedSink, runStorageSink, type SinkLayout } from '@sl/archive';
import {
  brandsConfigTopic,
  createIdempotentProducer,
  createKafkaClient,
  ensureTopics,
  mentionsCorrectionsTopic,
  mentionsScoredTopic,
  readPartitionRange,
  renamed,
  type TopicDefinition,
  watchLatestByKey,
} from '@sl/kafka';
import { createObjectStoreFromEnv } from '@sl/object-store';
import { combineHealth, Counter, createMetricsRegistry, createRootLogger, installShutdown, logFatalErrors, startOpsServer } from '@sl/observability';
import { correctionsLayout, createCorrectionChain, normalHandle, rollupsLayout } from '@sl/rollups';
import { reportCorrectionChain } from './chain-report.ts';
import { loadAggregationWorkerConfig } from './config.ts';

const config = loadAggregationWorkerConfig();
const logger = createRootLogger({ service: 'aggregation-worker', level: config.LOG_LEVEL });
logFatalErrors(logger);
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

const chainedCorrections = new Counter({
  name: 'sl_corrections_chained_total',
  help: 'Verdict corrections rolled up other than as sent: a team correction made from a stale archive (rewritten), an engine one after the team’s (superseded).',
  labelNames: ['change'],
  registers: [registry],
});
const unknownCorrections = new Counter({
  name: 'sl_corrections_not_rolled_up_total',
  help: 'Verdict corrections archived but not rolled up: a kind or sentiment label this version does not know.',
  registers: [registry],
});

/** One exactly-once storage sink: its own consumer group, claims and flush policy. */
async function startSink<T>(
  input: TopicDefinition<T>,
  groupId: string,
  name: string,
  intentPrefix: string,
  layout: SinkLayout<T>,
  maxTotalBytes: number,
  beforeFirstBatch?: (partition: number, firstOffset: string) => Promise<void>,
) {
  const binding = commitThrough();
  const sink = createPartitionedSink({
    name,
    topic: input.name,
    store,
    layout,
    commit: binding.commit,
    logger,
    intentPrefix,
    registry,
    policy: {
      maxRecords: config.ROLLUP_FLUSH_RECORDS,
      maxBytes: config.ROLLUP_FLUSH_BYTES,
      maxTotalBytes,
      maxAgeMs: config.ROLLUP_FLUSH_INTERVAL_MS,
    },
  });
  const options = {
    kafka,
    topic: input,
    groupId,
    stage: name === 'rollups' ? 'aggregation-worker' : `aggregation-worker-${name}`,
    producer,
    sink,
    logger,
    registry,
  };
  return runStorageSink(
    {
      ...options,
      tickMs: Math.min(1_000, config.ROLLUP_FLUSH_INTERVAL_MS),
      sessionTimeoutMs: config.SL_SESSION_TIMEOUT_MS,
      ...(beforeFirstBatch ? { beforeFirstBatch } : {}),
    },
    binding,
  );
}

const foldedAuthors = new Counter({
  name: 'sl_author_days_folded_authors_total',
  help: 'Authors a flush folded into the "others" row of author_days (over ROLLUP_MAX_AUTHORS_PER_DAY for one brand and day).',
  labelNames: ['brand'],
  registers: [registry],
});

const runner = await startSink(
  topic,
  config.SL_GROUP_ID,
  'rollups',
  '_sink-state/aggregation/v1',
  rollupsLayout({
    // An unknown (or retired) brand keeps the default threshold of the brands file.
    spamThresholdOf: (brandId) => brands.values.get(brandId)?.spamThreshold ?? 0.7,
    lateAfterMs: config.ROLLUP_LATE_AFTER_MS,
    maxAuthorsPerDay: config.ROLLUP_MAX_AUTHORS_PER_DAY,
    // The brand's own accounts as the brands file lists them now (like the spam threshold).
    handlesOf: (brandId) => (brands.values.get(brandId)?.handles ?? []).map(normalHandle),
    onAuthorsFolded: (folded) => {
      foldedAuthors.inc({ brand: folded.brandId }, folded.authors);
      logger.warn(
        {
          brand: folded.brandId,
          date: new Date(folded.day).toISOString().slice(0, 10),
          authors: folded.authors,
          mentions: folded.mentions,
          cap: config.ROLLUP_MAX_AUTHORS_PER_DAY,
        },
        'a flush held more authors of one brand and day than ROLLUP_MAX_AUTHORS_PER_DAY: the rest are in the day\'s "others" row of author_days',
      );
    },
  }),
  config.ROLLUP_FLUSH_TOTAL_BYTES,
);
// The engine's and the team's corrections of one mention, chained in the order written. The chain
// lives in memory, so a member that takes a partition (at start, or after a rebalance) first reads
// the partition's recent corrections into it, up to where it resumes: a correction whose
// predecessors were rolled up before a restart is still chained onto them.
const chain = createCorrectionChain({ maxMentions: config.ROLLUP_CORRECTION_CHAIN_MENTIONS });
const rebuildChain = async (partition: number, firstOffset: string): Promise<void> => {
  const to = BigInt(firstOffset);
  const replay = BigInt(config.ROLLUP_CORRECTION_CHAIN_REPLAY_RECORDS);
  const from = to > replay ? to - replay : 0n;
  const started = Date.now();
  const { read, undecodable } = await readPartitionRange(
    kafka,
    correctionsTopic,
    partition,
    { from: from.toString(), to: firstOffset },
    (record) => {
      chain.resolve(record.partition, record.offset, record.value);
    },
  );
  logger.info(
    { partition, from: from.toString(), to: firstOffset, read, undecodable, mentions: chain.size(), ms: Date.now() - started },
    'correction chain rebuilt from the partition history',
  );
};

// Corrections: the same exactly-once sink, its own group (its offsets are its own topic's) and
// its own claims, so the two inputs never wait for each other.
const correctionsRunner = await startSink(
  correctionsTopic,
  `${config.SL_GROUP_ID}-corrections`,
  'corrections',
  '_sink-state/aggregation-corrections/v1',
  correctionsLayout({
    lateAfterMs: config.ROLLUP_LATE_AFTER_MS,
    chain,
    onChained: (sent, resolved) => {
      chainedCorrections.inc({ change: resolved.change });
      logger.info(
        {
          id: sent.id,
          mentionId: sent.mentionId,
          by: sent.by,
          change: resolved.change,
          sent: [sent.fromKind, sent.toKind],
          rolledUp: [resolved.correction.fromKind, resolved.correction.toKind],
        },
        'correction chained onto the one before it',
      );
    },
    onUnknown: (c) => {
      unknownCorrections.inc();
      logger.warn(
        { id: c.id, fromKind: c.fromKind, toKind: c.toKind, fromSentiment: c.fromSentiment, toSentiment: c.toSentiment },
        'a correction with a kind or label this version does not know: archived, not rolled up',
      );
    },
  }),
  config.ROLLUP_CORRECTIONS_FLUSH_TOTAL_BYTES,
  rebuildChain,
);
const stopChainReport = reportCorrectionChain(chain, { logger, registry, cap: config.ROLLUP_CORRECTION_CHAIN_MENTIONS });

const ops = await startOpsServer({
  port: config.SL_OPS_PORT,
  registry,
  health: () => combineHealth(runner.health(), { corrections: correctionsRunner.health() }),
});
logger.info(
  { topic: topic.name, corrections: correctionsTopic.name, store: store.describe(), opsPort: ops.port },
  'aggregation worker running',
);

installShutdown(logger, [
  () => runner.stop(),
  () => correctionsRunner.stop(),
  async () => stopChainReport(),
  () => brands.stop(),
  () => producer.disconnect(),
  () => store.close(),
  () => ops.close(),
]);
