// amplification-worker: wiring only. mentions.scored -> alerts.<brand> + authors.influence in Kafka
// transactions; per-partition engine state survives restarts and takeovers through snapshots in
// amplification.snapshots plus a silent replay (see @sl/kafka partition-state-store).
import { type AmplificationEngine, createAmplificationEngine, decodeState, encodeState, STATE_FORMAT } from '@sl/amplification';
import { type AuthorInfluence, authorInfluenceKey, type ScoredMention } from '@sl/contracts';
import {
  alertsTopic,
  amplificationSnapshotsTopic,
  authorsInfluenceTopic,
  brandsConfigTopic,
  createKafkaClient,
  createPartitionStateStore,
  type EncodedMessage,
  encodeRecord,
  ensureTopics,
  mentionsScoredTopic,
  renamed,
  runTransactionalStage,
  type StageOutput,
  watchLatestByKey,
} from '@sl/kafka';
import { Counter, createMetricsRegistry, createRootLogger, Gauge, Histogram, installShutdown, startOpsServer } from '@sl/observability';
import { loadAmplificationWorkerConfig } from './config.ts';

const config = loadAmplificationWorkerConfig();
const logger = createRootLogger({ service: 'amplification-worker', level: config.LOG_LEVEL });
const registry = createMetricsRegistry('amplification-worker');
const ns = config.SL_TOPIC_NAMESPACE;
const input = renamed(mentionsScoredTopic, `${ns}${mentionsScoredTopic.name}`);
const influenceTopic = renamed(authorsInfluenceTopic, `${ns}${authorsInfluenceTopic.name}`);
const snapshotsTopic = renamed(amplificationSnapshotsTopic, `${ns}${amplificationSnapshotsTopic.name}`);
const brandsTopic = renamed(brandsConfigTopic, `${ns}${brandsConfigTopic.name}`);
const alertTopicOf = (brandId: string) => renamed(alertsTopic(brandId), `${ns}${alertsTopic(brandId).name}`);

const alertsRaised = new Counter({ name: 'sl_alerts_raised_total', help: 'Alerts written, by brand and kind.', labelNames: ['brand', 'kind'], registers: [registry] });
const alertDelay = new Histogram({
  name: 'sl_alert_delay_seconds',
  help: 'From the triggering mention entering the pipeline (ingestedAt) to its alert being written.',
  buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 15, 60],
  registers: [registry],
});
const brandsHeld = new Gauge({ name: 'sl_amplification_brands', help: 'Brands with state in this worker.', registers: [registry] });

const kafka = createKafkaClient({ brokers: config.KAFKA_BROKERS, clientId: 'amplification-worker', logger });
await ensureTopics(kafka, [input, influenceTopic, snapshotsTopic, brandsTopic]);

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
    void ensureAlertTopics([...values.values()].filter((b) => !b.deleted).map((b) => b.id)).catch((err: unknown) => logger.warn({ err }, 'could not create alert topics yet'));
  },
});
await ensureAlertTopics([...brands.values.values()].filter((b) => !b.deleted).map((b) => b.id));

const engines = createPartitionStateStore<ScoredMention, AmplificationEngine>({
  kafka,
  input,
  snapshots: snapshotsTopic,
  logger,
  metrics: registry,
  snapshotIntervalMs: config.SL_SNAPSHOT_INTERVAL_MS,
  create: (restored) => {
    const state = restored ? decodeState(restored.bytes, restored.format) : undefined;
    return createAmplificationEngine(state, { maxAuthorsPerBrand: config.SL_MAX_AUTHORS_PER_BRAND });
  },
  // Replayed records rebuild state only: their alerts and scores were committed the first time.
  replay: (engine, record) => {
    engine.process(record.value, brands.values.get(record.value.brandId), 0);
  },
  serialize: (engine) => ({ format: STATE_FORMAT, bytes: encodeState(engine.snapshot()) }),
});

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
  onPartitionReset: (partition) => engines.reset(partition),
  transform: async (batch) => {
    const first = batch.records[0];
    if (!first) return { outputs: [] };
    const engine = await engines.get(batch.partition, first.offset);
    const alerts = new Map<string, EncodedMessage[]>();
    const influence = new Map<string, AuthorInfluence>();
    const delays: number[] = [];
    const now = Date.now();
    for (const record of batch.records) {
      const mention = record.value;
      const out = engine.process(mention, brands.values.get(mention.brandId), now);
      if (out.influence) influence.set(authorInfluenceKey(out.influence), out.influence);
      for (const alert of out.alerts) {
        const list = alerts.get(alert.brandId) ?? [];
        list.push(encodeRecord(alertTopicOf(alert.brandId), { key: alert.id, value: alert }));
        alerts.set(alert.brandId, list);
        alertsRaised.inc({ brand: alert.brandId, kind: alert.kind });
        delays.push((now - mention.ingestedAt) / 1000);
      }
    }
    await ensureAlertTopics(alerts.keys());
    const outputs: StageOutput[] = [...alerts].map(([brandId, messages]) => ({ topic: alertTopicOf(brandId).name, messages }));
    outputs.push({ topic: influenceTopic.name, messages: [...influence].map(([key, value]) => encodeRecord(influenceTopic, { key, value })) });
    const snapshot = engines.snapshotIfDue(batch.partition, batch.nextOffset);
    if (snapshot) outputs.push(snapshot);
    for (const delay of delays) alertDelay.observe(delay);
    brandsHeld.set(engine.brandCount());
    return { outputs };
  },
});

const ops = await startOpsServer({
  port: config.SL_OPS_PORT,
  registry,
  health: () => ({ status: 'ok', checks: { brands: { ok: brands.values.size > 0, detail: `${brands.values.size} brands` } } }),
});
logger.info({ input: input.name, influence: influenceTopic.name, opsPort: ops.port }, 'amplification worker running');
installShutdown(logger, [() => stage.stop(), () => brands.stop(), () => ops.close()]);
