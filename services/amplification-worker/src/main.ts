// amplification-worker: wiring only. mentions.scored -> alerts.<brand> + authors.influence +
// mentions.corrections (event-time verdicts that differ from the enricher's) in Kafka
// transactions; per-partition engine state survives restarts and takeovers through snapshots in
// amplification.snapshots plus a silent replay (see @sl/kafka partition-state-store). The engine
// judges in event time: a watermark ticker measures how far ingestion has gone through the
// upstream stages and writes that, as a control record, into the input partitions whose engines
// have something waiting, so the ticks are replayed in their place after a crash. A tick releases
// at most SL_RELEASE_MAX_MENTIONS held mentions; the rest is released by a continuation tick the
// worker writes into the partition in the same transaction (judge-batch.ts).
import {
  type AmplificationEngine,
  advanceInSlices,
  type BatchItem,
  createAmplificationEngine,
  decodeState,
  encodeStatePieces,
  type EngineLimits,
  type EngineOutput,
  judgeBatch,
  STATE_FORMAT,
} from '@sl/amplification';
import { type Alert, type AuthorInfluence, authorInfluenceKey, type VerdictCorrection } from '@sl/contracts';
import {
  alertsTopic,
  amplificationSnapshotsTopic,
  authorsInfluenceTopic,
  brandsConfigTopic,
  createIdempotentProducer,
  createIngestWatermark,
  createKafkaClient,
  createPartitionStateStore,
  type EncodedMessage,
  encodeRecord,
  ensureTopics,
  inOffsetOrder,
  mentionsCorrectionsTopic,
  mentionsScoredTopic,
  renamed,
  runTransactionalStage,
  tickWatermarks,
  type StageOutput,
  watchLatestByKey,
  watermarkTickMessage,
} from '@sl/kafka';
import { Counter, createMetricsRegistry, createRootLogger, Gauge, Histogram, installShutdown, logFatalErrors, startOpsServer } from '@sl/observability';
import { loadAmplificationWorkerConfig } from './config.ts';
import { createLatenessReport } from './lateness-report.ts';
import { createStateReport } from './state-report.ts';

const config = loadAmplificationWorkerConfig();
const logger = createRootLogger({ service: 'amplification-worker', level: config.LOG_LEVEL });
logFatalErrors(logger);
const registry = createMetricsRegistry('amplification-worker');
const ns = config.SL_TOPIC_NAMESPACE;
const input = renamed(mentionsScoredTopic, `${ns}${mentionsScoredTopic.name}`);
const influenceTopic = renamed(authorsInfluenceTopic, `${ns}${authorsInfluenceTopic.name}`);
const snapshotsTopic = renamed(amplificationSnapshotsTopic, `${ns}${amplificationSnapshotsTopic.name}`);
const brandsTopic = renamed(brandsConfigTopic, `${ns}${brandsConfigTopic.name}`);
const correctionsTopic = renamed(mentionsCorrectionsTopic, `${ns}${mentionsCorrectionsTopic.name}`);
const alertTopicOf = (brandId: string) => renamed(alertsTopic(brandId), `${ns}${alertsTopic(brandId).name}`);

const alertsRaised = new Counter({
  name: 'sl_alerts_raised_total',
  help: 'Alerts written, by brand and kind.',
  labelNames: ['brand', 'kind'],
  registers: [registry],
});
const alertDelay = new Histogram({
  name: 'sl_alert_delay_seconds',
  help: 'From the event an alert is about (a per-mention kind: its mention published; a window kind: the window end) to the alert being written; live alerts only.',
  labelNames: ['scope'],
  buckets: [0.25, 0.5, 1, 2, 5, 15, 30, 60, 300, 900],
  registers: [registry],
});
const brandsHeld = new Gauge({ name: 'sl_amplification_brands', help: 'Brands with state in this worker.', registers: [registry] });
const watermarkLag = new Gauge({
  name: 'sl_ingest_watermark_lag_seconds',
  help: 'Wall clock minus the ingest watermark: how far behind ingestion the alerts can be.',
  registers: [registry],
});
const correctionsWritten = new Counter({
  name: 'sl_verdict_corrections_total',
  help: 'Mentions whose event-time verdict differed from the enricher’s, by brand, from and to kind (written to mentions.corrections).',
  labelNames: ['brand', 'from', 'to'],
  registers: [registry],
});
const ticksWritten = new Counter({
  name: 'sl_watermark_ticks_total',
  help: 'Watermark ticks written into input partitions.',
  registers: [registry],
});

const continuationTicks = new Counter({
  name: 'sl_watermark_continuation_ticks_total',
  help: 'Ticks written with a transaction to go on with a release its tick’s bound stopped (SL_RELEASE_MAX_MENTIONS).',
  registers: [registry],
});

const kafka = createKafkaClient({ brokers: config.KAFKA_BROKERS, clientId: 'amplification-worker', logger, metrics: registry });
await ensureTopics(kafka, [input, influenceTopic, snapshotsTopic, brandsTopic, correctionsTopic]);

// Alert topics are created when a brand is applied; a brand published some other way gets its
// topic here, before the first alert needs it.
const alertTopicsReady = new Set<string>();
const ensureAlertTopics = async (brandIds: Iterable<string>) => {
  const missing = [...brandIds].filter((id) => !alertTopicsReady.has(id));
  if (missing.length === 0) return;
  await ensureTopics(kafka, missing.map(alertTopicOf));
  for (const id of missing) alertTopicsReady.add(id);
};
const brands = await watchLatestByKey(kafka, brandsTopic, {
  logger,
  onChange: (values) => {
    void ensureAlertTopics([...values.values()].filter((b) => !b.deleted).map((b) => b.id)).catch((err: unknown) =>
      logger.warn({ err }, 'could not create alert topics yet'),
    );
  },
});
await ensureAlertTopics([...brands.values.values()].filter((b) => !b.deleted).map((b) => b.id));
const brandOf = (brandId: string) => brands.values.get(brandId);

const limits: Partial<EngineLimits> = {
  maxAuthorsPerBrand: config.SL_MAX_AUTHORS_PER_BRAND,
  maxCopyGroupsPerBrand: config.SL_MAX_COPY_TEXTS_PER_BRAND,
  maxPostsPerBrand: config.SL_MAX_POSTS_PER_BRAND,
  maxOpenQuestions: config.SL_MAX_OPEN_QUESTIONS,
  maxWindowAuthors: config.SL_MAX_WINDOW_AUTHORS,
  maxPendingPerBrand: config.SL_MAX_PENDING_PER_BRAND,
  latenessHorizonMs: config.SL_LATENESS_HORIZON_MS,
  liveDelayMs: config.SL_LIVE_DELAY_MS,
  backfillHoldMs: config.SL_BACKFILL_HOLD_MS,
};
const engines = createPartitionStateStore({
  kafka,
  input,
  snapshots: snapshotsTopic,
  logger,
  metrics: registry,
  snapshotIntervalMs: config.SL_SNAPSHOT_INTERVAL_MS,
  create: (restored): AmplificationEngine =>
    createAmplificationEngine(restored ? decodeState(restored.pieces, restored.format) : undefined, limits),
  // Replayed records and ticks rebuild state only: their alerts and scores were committed the first
  // time. A tick may release a backfill: judged in slices, so the group's heartbeats go on.
  replay: (engine, record) => {
    engine.process(record.value, brandOf(record.value.brandId), 0);
  },
  replayControl: async (engine, control) => {
    await advanceInSlices(engine, control.ingestWatermark, brandOf, 0, () => undefined, {
      ...(control.maxJudged !== undefined ? { maxJudged: control.maxJudged } : {}),
    });
  },
  // Lazily, piece by piece: each becomes a chunk record as it is made (packages/kafka snapshot-chunks.ts).
  serialize: (engine) => ({ format: STATE_FORMAT, pieces: encodeStatePieces(engine.snapshot(), config.SL_SNAPSHOT_CHUNK_BYTES) }),
});
const lateness = createLatenessReport({ logger, registry });
const stateReport = createStateReport({ logger, registry });

const stage = await runTransactionalStage({
  kafka,
  groupId: config.SL_GROUP_ID,
  input,
  stage: 'amplification-worker',
  logger,
  metrics: registry,
  transactionalIdPrefix: config.SL_TRANSACTIONAL_ID_PREFIX,
  sessionTimeoutMs: config.SL_SESSION_TIMEOUT_MS,
  heartbeatIntervalMs: Math.min(3_000, Math.floor(config.SL_SESSION_TIMEOUT_MS / 5)),
  onPartitionReset: (partition) => {
    engines.reset(partition);
    stateReport.forget(partition);
  },
  transform: async (batch) => {
    const items: BatchItem[] = inOffsetOrder(batch.records, batch.controls ?? []).map((item) =>
      'record' in item ? { offset: item.record.offset, mention: item.record.value } : { offset: item.control.offset, tick: item.control },
    );
    // The state as of the batch's first entry, a tick or a mention: restored to a later one, the
    // replay would apply the batch's leading ticks silently and their releases would raise nothing.
    const first = items[0];
    if (!first) return { outputs: [] };
    const engine = await engines.get(batch.partition, first.offset);
    const now = Date.now();
    const alerts: Alert[] = [];
    const influence = new Map<string, AuthorInfluence>();
    const corrections: VerdictCorrection[] = [];
    const take = (out: EngineOutput) => {
      alerts.push(...out.alerts);
      corrections.push(...out.corrections);
      for (const record of out.influence) influence.set(authorInfluenceKey(record), record);
    };
    const judged = await judgeBatch(engine, items, { brandOf, createdAt: now, maxJudgedPerBatch: config.SL_RELEASE_MAX_MENTIONS, take });
    const committedTo = judged.consumedTo ?? batch.nextOffset;
    const byBrand = new Map<string, EncodedMessage[]>();
    for (const alert of alerts) {
      const list = byBrand.get(alert.brandId) ?? [];
      list.push(encodeRecord(alertTopicOf(alert.brandId), { key: alert.id, value: alert }));
      byBrand.set(alert.brandId, list);
    }
    await ensureAlertTopics(byBrand.keys());
    const outputs: StageOutput[] = [...byBrand].map(([brandId, messages]) => ({ topic: alertTopicOf(brandId).name, messages }));
    outputs.push({
      topic: influenceTopic.name,
      messages: [...influence].map(([key, value]) => encodeRecord(influenceTopic, { key, value })),
    });
    if (corrections.length > 0)
      outputs.push({
        topic: correctionsTopic.name,
        messages: corrections.map((value) => encodeRecord(correctionsTopic, { key: value.brandId, value })),
      });
    // The rest of a release its tick's bound held back: released by the next batches, each its own transaction.
    if (judged.owed !== null) {
      outputs.push({
        topic: input.name,
        messages: [{ ...watermarkTickMessage(judged.owed, config.SL_RELEASE_MAX_MENTIONS), partition: batch.partition }],
      });
      continuationTicks.inc();
    }
    const snapshot = engines.snapshotIfDue(batch.partition, committedTo);
    if (snapshot) outputs.push(snapshot);
    for (const c of corrections) correctionsWritten.inc({ brand: c.brandId, from: c.fromKind, to: c.toKind });
    for (const alert of alerts) {
      alertsRaised.inc({ brand: alert.brandId, kind: alert.kind });
      if (alert.historical) continue;
      const perMention = alert.windowStart === alert.windowEnd || alert.kind === 'viral_post' || alert.kind === 'amplification_opportunity';
      alertDelay.observe({ scope: perMention ? 'mention' : 'window' }, (now - (perMention ? alert.windowStart : alert.windowEnd)) / 1000);
    }
    brandsHeld.set(engine.brandCount());
    lateness.observe(batch.partition, engine.lateness());
    stateReport.observe(batch.partition, engine.evictions(), () => engine.sizes());
    return { outputs, ...(judged.consumedTo !== undefined ? { consumedTo: judged.consumedTo } : {}) };
  },
});

const tickProducer = await createIdempotentProducer(kafka, { logger });
const WATERMARK_LAG_LOG_MS = 5_000;
let lastHoldUpLog = 0;
const watermark = createIngestWatermark({
  kafka,
  stages: config.SL_WATERMARK_UPSTREAM.map((s) => ({ ...s, topic: `${ns}${s.topic}` })),
  produceGraceMs: config.SL_PRODUCE_GRACE_MS,
});
const ticker = tickWatermarks({
  intervalMs: config.SL_WATERMARK_INTERVAL_MS,
  maxJudged: config.SL_RELEASE_MAX_MENTIONS,
  logger,
  measure: () => watermark.poll(),
  // An owned partition whose state is not loaded yet still gets a tick: its batch loads it.
  partitions: () => stage.owned().map((partition) => ({ partition, engine: engines.peek(partition) })),
  write: async (ticks) => {
    await tickProducer.sendEncoded(input.name, ticks);
    ticksWritten.inc(ticks.length);
  },
  onWatermark: (at) => {
    const lag = Date.now() - at;
    watermarkLag.set(lag / 1000);
    // Alerts wait for the watermark: when it trails by seconds, say which stage and partitions hold it.
    if (lag > WATERMARK_LAG_LOG_MS && Date.now() - lastHoldUpLog > WATERMARK_LAG_LOG_MS) {
      lastHoldUpLog = Date.now();
      logger.warn({ lagMs: lag, heldBy: watermark.holdUp() }, 'ingest watermark trails the wall clock');
    }
  },
});

const ops = await startOpsServer({
  port: config.SL_OPS_PORT,
  registry,
  health: () => ({
    status: 'ok',
    checks: {
      brands: { ok: brands.values.size > 0, detail: `${brands.values.size} brands` },
      watermark: {
        ok: ticker.lastWatermark() !== null,
        detail:
          ticker.lastWatermark() === null ? 'not measured yet' : `ingest watermark ${new Date(ticker.lastWatermark() ?? 0).toISOString()}`,
      },
    },
  }),
});
logger.info(
  { input: input.name, influence: influenceTopic.name, opsPort: ops.port, upstream: config.SL_WATERMARK_UPSTREAM },
  'amplification worker running',
);
installShutdown(logger, [
  () => ticker.stop(),
  () => stage.stop(),
  () => tickProducer.disconnect(),
  () => watermark.close(),
  () => brands.stop(),
  () => ops.close(),
]);
