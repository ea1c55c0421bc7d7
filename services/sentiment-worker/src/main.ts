// sentiment-worker: wiring only. mentions.enriched -> mentions.scored in Kafka transactions,
// brands (for competitor names) followed live from brands.config.
import {
  brandsConfigTopic,
  createKafkaClient,
  encodeRecord,
  ensureTopics,
  mentionsEnrichedTopic,
  mentionsScoredTopic,
  renamed,
  runTransactionalStage,
  watchLatestByKey,
} from '@sl/kafka';
import { createMetricsRegistry, createRootLogger, installShutdown, logFatalErrors, startOpsServer } from '@sl/observability';
import { scoreMention } from '@sl/sentiment';
import { loadSentimentWorkerConfig } from './config.ts';

const config = loadSentimentWorkerConfig();
const logger = createRootLogger({ service: 'sentiment-worker', level: config.LOG_LEVEL });
logFatalErrors(logger);
const registry = createMetricsRegistry('sentiment-worker');
const ns = config.SL_TOPIC_NAMESPACE;
const input = renamed(mentionsEnrichedTopic, `${ns}${mentionsEnrichedTopic.name}`);
const output = renamed(mentionsScoredTopic, `${ns}${mentionsScoredTopic.name}`);
const brandsTopic = renamed(brandsConfigTopic, `${ns}${brandsConfigTopic.name}`);

const kafka = createKafkaClient({ brokers: config.KAFKA_BROKERS, clientId: 'sentiment-worker', logger, metrics: registry });
await ensureTopics(kafka, [input, output, brandsTopic]);
const brands = await watchLatestByKey(kafka, brandsTopic, { logger });

const stage = await runTransactionalStage({
  kafka,
  groupId: config.SL_GROUP_ID,
  input,
  stage: 'sentiment-worker',
  logger,
  metrics: registry,
  transactionalIdPrefix: config.SL_TRANSACTIONAL_ID_PREFIX,
  sessionTimeoutMs: config.SL_SESSION_TIMEOUT_MS,
  heartbeatIntervalMs: Math.min(3_000, Math.floor(config.SL_SESSION_TIMEOUT_MS / 5)),
  // Spam and duplicates are scored too and keep their flags: counting stages decide what to skip.
  transform: (batch) => ({
    outputs: [
      {
        topic: output.name,
        messages: batch.records.map((record) => {
          const scored = scoreMention(record.value, brands.values);
          return encodeRecord(output, { key: scored.brandId, value: scored });
        }),
      },
    ],
  }),
});

const ops = await startOpsServer({ port: config.SL_OPS_PORT, registry, health: () => ({ status: 'ok', checks: {} }) });
logger.info({ input: input.name, output: output.name, opsPort: ops.port }, 'sentiment worker running');
installShutdown(logger, [() => stage.stop(), () => brands.stop(), () => ops.close()]);
