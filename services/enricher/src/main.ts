// enricher: wiring only. mentions.raw -> mentions.enriched in Kafka transactions, brand rules
// followed live from brands.config.
import type { Brand, RawMention } from '@sl/contracts';
import { createEnricher } from '@sl/enrichment';
import {
  brandsConfigTopic,
  createKafkaClient,
  encodeRecord,
  ensureTopics,
  mentionsEnrichedTopic,
  mentionsRawTopic,
  type PartitionBatch,
  readPartitionRange,
  renamed,
  runTransactionalStage,
  watchLatestByKey,
} from '@sl/kafka';
import { Counter, createMetricsRegistry, createRootLogger, Gauge, installShutdown, logFatalErrors, startOpsServer } from '@sl/observability';
import { PartitionHistory } from './history-gap.ts';
import { loadEnricherConfig } from './config.ts';

const config = loadEnricherConfig();
const logger = createRootLogger({ service: 'enricher', level: config.LOG_LEVEL });
logFatalErrors(logger);
const registry = createMetricsRegistry('enricher');
const ns = config.SL_TOPIC_NAMESPACE;
const input = renamed(mentionsRawTopic, `${ns}${mentionsRawTopic.name}`);
const output = renamed(mentionsEnrichedTopic, `${ns}${mentionsEnrichedTopic.name}`);
const brandsTopic = renamed(brandsConfigTopic, `${ns}${brandsConfigTopic.name}`);

const kafka = createKafkaClient({ brokers: config.KAFKA_BROKERS, clientId: 'enricher', logger, metrics: registry });
await ensureTopics(kafka, [input, output, brandsTopic]);

const enricher = createEnricher({ brands: [], options: { threadWaitingCapacity: config.SL_THREAD_WAITING_CAPACITY } });
const activeBrands = new Gauge({ name: 'sl_enricher_active_brands', help: 'Brands the enricher matches now.', registers: [registry] });
const applyBrands = (values: ReadonlyMap<string, Brand>) => {
  const update = enricher.setBrands([...values.values()]);
  activeBrands.set(update.active.length);
  for (const { brandId, error } of update.rejected) logger.error({ brandId, err: error }, 'brand query does not parse; brand left out');
  return update;
};
const waitingReplies = new Gauge({
  name: 'sl_enricher_waiting_replies',
  help: 'Replies kept until their parent is read, to join its threads.',
  registers: [registry],
});
const forgottenReplies = new Counter({
  name: 'sl_enricher_forgotten_replies_total',
  help: 'Replies forgotten while waiting for their parent (SL_THREAD_WAITING_CAPACITY reached): they join no thread if the parent comes later.',
  registers: [registry],
});
const stateSize = new Gauge({
  name: 'sl_enricher_state_entries',
  help: 'Entries in each bounded memory of the enricher (near_duplicates, recent_ids, thread_posts, waiting_replies); each is capped by configuration.',
  labelNames: ['memory'],
  registers: [registry],
});
const stateEvicted = new Counter({
  name: 'sl_enricher_state_evicted_total',
  help: 'Entries a full memory forgot to stay within its capacity: a copy of a forgotten text, a re-send of a forgotten id or a reply to a forgotten post is then judged as new.',
  labelNames: ['memory'],
  registers: [registry],
});
const evictedSoFar = new Map<string, number>();
let forgottenSoFar = 0;
/** Thread bookkeeping after each batch: what waits, and what was forgotten (counted and logged). */
const reportThreads = () => {
  for (const [memory, { size, evicted }] of Object.entries(enricher.stateStats)) {
    const name = memory.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
    stateSize.set({ memory: name }, size);
    const before = evictedSoFar.get(name) ?? 0;
    if (evicted > before) stateEvicted.inc({ memory: name }, evicted - before);
    evictedSoFar.set(name, evicted);
  }
  const { waitingReplies: waiting, forgottenReplies: forgotten } = enricher.threadStats;
  waitingReplies.set(waiting);
  if (forgotten > forgottenSoFar) {
    forgottenReplies.inc(forgotten - forgottenSoFar);
    logger.warn({ forgotten: forgotten - forgottenSoFar, waiting }, 'replies forgotten while waiting for their parent');
    forgottenSoFar = forgotten;
  }
};
const brands = await watchLatestByKey(kafka, brandsTopic, {
  logger,
  onChange: (values, changedKey) => {
    const update = applyBrands(values);
    logger.info({ changed: changedKey, active: update.active.length }, 'brands changed');
  },
});
applyBrands(brands.values);

// The dedupe index lives in memory: before a batch, a member reads the part of the partition's
// recent history it has not enriched itself (all of the last SL_DEDUPE_WARMUP_RECORDS on a
// takeover; after a seek forward, what another member processed) into the index, with the
// records' own origins, so nothing in it counts as a re-send (history-gap.ts).
const history = new PartitionHistory(config.SL_DEDUPE_WARMUP_RECORDS);
const warmUp = async (partition: number, from: bigint, to: bigint) => {
  const started = Date.now();
  const { read } = await readPartitionRange(kafka, input, partition, { from: from.toString(), to: to.toString() }, (record) => {
    enricher.enrich(record.value, `${record.partition}:${record.offset}`);
  });
  history.saw(partition, to);
  logger.info(
    { partition, from: from.toString(), to: to.toString(), read, ms: Date.now() - started },
    'dedupe index warmed from the partition history',
  );
};

const stage = await runTransactionalStage({
  kafka,
  groupId: config.SL_GROUP_ID,
  input,
  stage: 'enricher',
  logger,
  metrics: registry,
  transactionalIdPrefix: config.SL_TRANSACTIONAL_ID_PREFIX,
  sessionTimeoutMs: config.SL_SESSION_TIMEOUT_MS,
  heartbeatIntervalMs: Math.min(3_000, Math.floor(config.SL_SESSION_TIMEOUT_MS / 5)),
  onAssignment: (partitions) => history.keepOnly(partitions),
  transform: async (batch) => {
    const first = batch.records[0];
    const gap = first ? history.gapBefore(batch.partition, BigInt(first.offset)) : undefined;
    if (gap) await warmUp(batch.partition, gap.from, gap.to);
    try {
      const result = transformBatch(batch);
      reportThreads();
      return result;
    } finally {
      // Also when the batch fails: the stage then handles its records one at a time here, and a
      // record that fails alone must not make the next one replay history.
      history.saw(batch.partition, BigInt(batch.nextOffset));
    }
  },
});

function transformBatch(batch: PartitionBatch<RawMention>) {
  return {
    outputs: [
      {
        topic: output.name,
        messages: batch.records.flatMap((record) =>
          enricher
            .enrich(record.value, `${record.partition}:${record.offset}`)
            .map((mention) => encodeRecord(output, { key: mention.brandId, value: mention })),
        ),
      },
    ],
  };
}

const ops = await startOpsServer({
  port: config.SL_OPS_PORT,
  registry,
  health: () => ({ status: 'ok', checks: { brands: { ok: brands.values.size > 0, detail: `${brands.values.size} brands` } } }),
});
logger.info({ input: input.name, output: output.name, brands: brands.values.size, opsPort: ops.port }, 'enricher running');

installShutdown(logger, [() => stage.stop(), () => brands.stop(), () => ops.close()]);
