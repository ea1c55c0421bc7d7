// connector-runner: wiring only. Reads the env and the connectors file, connects to Kafka, polls
// every instance into mentions.raw with checkpoints in connectors.checkpoints, serves /healthz and
// /metrics, and on SIGTERM lets each instance finish its batch (delivered and checkpointed).
import { readFileSync } from 'node:fs';
import { connectorCheckpointsTopic, createConnectorMetrics, createKafkaCheckpointStore, createKafkaMentionSink, fanOut, logConnectorEvents } from '@sl/connector-sdk';
import { parseConnectorsFile, runInstances } from '@sl/connectors';
import { createIdempotentProducer, createKafkaClient, ensureTopics, mentionsRawTopic, renamed } from '@sl/kafka';
import { createMetricsRegistry, createRootLogger, installShutdown, logFatalErrors, startOpsServer } from '@sl/observability';
import { loadConnectorRunnerConfig } from './config.ts';

const config = loadConnectorRunnerConfig();
const logger = createRootLogger({ service: 'connector-runner', level: config.LOG_LEVEL });
logFatalErrors(logger);
const instances = parseConnectorsFile(readFileSync(config.SL_CONNECTORS_FILE, 'utf8'), config.SL_CONNECTORS_FILE);
const registry = createMetricsRegistry('connector-runner');
const rawTopic = renamed(mentionsRawTopic, `${config.SL_TOPIC_NAMESPACE}${mentionsRawTopic.name}`);
const checkpointTopic = renamed(connectorCheckpointsTopic, `${config.SL_TOPIC_NAMESPACE}${connectorCheckpointsTopic.name}`);

const kafka = createKafkaClient({ brokers: config.KAFKA_BROKERS, clientId: 'connector-runner', logger, metrics: registry });
await ensureTopics(kafka, [rawTopic]);
await ensureTopics(kafka, [checkpointTopic], { withDeadLetters: false });
const producer = await createIdempotentProducer(kafka, { logger });

const stop = new AbortController();
const running = runInstances({
  instances,
  sink: createKafkaMentionSink({ producer, topic: rawTopic }),
  checkpoints: createKafkaCheckpointStore({ kafka, producer, topic: checkpointTopic }),
  logger,
  signal: stop.signal,
  onEvent: fanOut(createConnectorMetrics(registry), logConnectorEvents(logger)),
});

const ops = await startOpsServer({
  port: config.SL_OPS_PORT,
  host: config.SL_OPS_HOST,
  registry,
  health: () => {
    // Degraded, not down, when a source fails: the others still flow and a restart would not help.
    const checks = Object.fromEntries(
      Object.entries(running.status()).map(([name, s]) => [name, { ok: s.consecutiveFailures === 0, ...(s.lastError ? { detail: s.lastError } : {}) }]),
    );
    const ok = Object.values(checks).every((c) => c.ok);
    return { status: ok ? 'ok' : 'degraded', checks };
  },
});
logger.info({ instances: instances.filter((i) => i.enabled).map((i) => i.name), topic: rawTopic.name, opsPort: ops.port }, 'connector runner started');

installShutdown(logger, [
  async () => {
    stop.abort();
    await running.done;
  },
  () => producer.disconnect(),
  () => ops.close(),
]);
