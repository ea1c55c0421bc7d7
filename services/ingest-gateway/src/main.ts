// ingest-gateway: wiring only. Reads config, connects to Kafka, serves POST /v1/mentions.
import type { AddressInfo } from 'node:net';
import { createIngestServer } from '@sl/ingest';
import { createBatchingSender, createIdempotentProducer, createKafkaClient, ensureTopics, mentionsRawTopic, renamed } from '@sl/kafka';
import { type ConfigError, createMetricsRegistry, createRootLogger, installShutdown, logFatalErrors } from '@sl/observability';
import { type GatewayConfig, loadGatewayConfig } from './config.ts';

let config: Readonly<GatewayConfig>;
try {
  config = loadGatewayConfig();
} catch (error) {
  if (!(error instanceof Error) || (error as Partial<ConfigError>).code !== 'INVALID_CONFIG') throw error;
  // One line a person can act on, not a stack trace; 78 is EX_CONFIG: restarting will not help.
  process.stderr.write(`ingest-gateway: ${error.message}\n`);
  process.exit(78);
}
const logger = createRootLogger({ service: 'ingest-gateway', level: config.LOG_LEVEL });
logFatalErrors(logger);
const registry = createMetricsRegistry('ingest-gateway');
const topic = renamed(mentionsRawTopic, `${config.SL_TOPIC_NAMESPACE}${mentionsRawTopic.name}`);

const kafka = createKafkaClient({ brokers: config.KAFKA_BROKERS, clientId: 'ingest-gateway', logger, metrics: registry });
await ensureTopics(kafka, [topic]);
const producer = await createIdempotentProducer(kafka, { logger });
let kafkaUp = true;
producer.onConnection((connected) => {
  kafkaUp = connected;
});
const sender = createBatchingSender({
  lingerMs: config.INGEST_LINGER_MS,
  // A failed send (a lost producer id included) is a 503: the client sends again.
  sendBatch: (topicMessages) => producer.sendBatch(topicMessages),
});

const server = createIngestServer({
  sender,
  logger,
  registry,
  topic,
  limits: {
    maxBodyBytes: config.INGEST_MAX_BODY_BYTES,
    maxItems: config.INGEST_MAX_ITEMS,
    ratePerSecond: config.INGEST_RATE_PER_SECOND,
    burst: config.INGEST_RATE_BURST,
  },
  tokens: config.ingestTokens,
  webhookSecrets: config.INGEST_WEBHOOK_SECRETS,
  webhookToleranceSeconds: config.INGEST_WEBHOOK_TOLERANCE_SECONDS,
  health: () => ({
    status: kafkaUp ? 'ok' : 'degraded',
    checks: { kafka: { ok: kafkaUp, detail: config.KAFKA_BROKERS.join(',') } },
  }),
});
server.keepAliveTimeout = 65_000;
await new Promise<void>((resolve) => server.listen(config.SL_HTTP_PORT, config.SL_HTTP_HOST, resolve));
const { port } = server.address() as AddressInfo;
logger.info(
  {
    url: `http://${config.SL_HTTP_HOST}:${port}/v1/mentions`,
    topic: topic.name,
    webhookSources: [...config.INGEST_WEBHOOK_SECRETS.keys()],
    // Token ids and scopes only; the tokens themselves are never kept, let alone logged.
    tokens: config.ingestTokens.map((t) => `${t.id}:${t.sources.join('|')}`),
  },
  'ingest gateway listening',
);

installShutdown(logger, [
  // Stop taking requests, let the ones in flight reach Kafka, then disconnect.
  () => new Promise<void>((resolve) => server.close(() => resolve())),
  () => sender.flush(),
  () => producer.disconnect(),
]);
