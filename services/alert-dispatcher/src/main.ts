// alert-dispatcher: wiring only. alerts.<brand> -> that brand's webhooks (signed POSTs, JSON or
// Slack, retried), brands and their webhooks followed live from brands.config; an alert that
// cannot reach a webhook goes to alerts.<brand>.dlq. Offsets are committed once every webhook got
// the alert or its dead letter is written. Logic: @sl/alerting.
import type { Brand } from '@sl/contracts';
import { brandsConfigTopic, createIdempotentProducer, createKafkaClient, ensureTopics, renamed, watchLatestByKey } from '@sl/kafka';
import { createMetricsRegistry, createRootLogger, installShutdown, logFatalErrors, startOpsServer } from '@sl/observability';
import { alertBatchHandler } from './alert-batch-handler.ts';
import { createBrandConsumers } from './brand-consumers.ts';
import { loadAlertDispatcherConfig } from './config.ts';
import { createDispatchMetrics } from './dispatch-metrics.ts';

const config = loadAlertDispatcherConfig();
const logger = createRootLogger({ service: 'alert-dispatcher', level: config.LOG_LEVEL });
logFatalErrors(logger);
const registry = createMetricsRegistry('alert-dispatcher');
const metrics = createDispatchMetrics(registry);
const ns = config.SL_TOPIC_NAMESPACE;
const brandsTopic = renamed(brandsConfigTopic, `${ns}${brandsConfigTopic.name}`);

const kafka = createKafkaClient({ brokers: config.KAFKA_BROKERS, clientId: 'alert-dispatcher', logger, metrics: registry });
await ensureTopics(kafka, [brandsTopic]);
const producer = await createIdempotentProducer(kafka, { logger });

// Aborted at shutdown: deliveries in flight stop at once and their alerts stay uncommitted.
const stopping = new AbortController();
// Secrets stay in this process's environment; a subscription only names the variable.
const secretFor = (envName: string): string | undefined => process.env[envName];
const delivery = {
  maxAttempts: config.SL_WEBHOOK_MAX_ATTEMPTS,
  timeoutMs: config.SL_WEBHOOK_TIMEOUT_MS,
  initialBackoffMs: config.SL_WEBHOOK_BACKOFF_MS,
  maxBackoffMs: config.SL_WEBHOOK_MAX_BACKOFF_MS,
  maxRetryAfterMs: config.SL_WEBHOOK_MAX_RETRY_AFTER_MS,
  signal: stopping.signal,
};

// The live table itself once watchLatestByKey has it (its onChange runs before it returns).
let brandTable: ReadonlyMap<string, Brand> = new Map();
const consumers = createBrandConsumers({
  kafka,
  namespace: ns,
  groupIdPrefix: config.SL_GROUP_ID,
  producer,
  fromBeginning: config.SL_ALERTS_FROM === 'earliest',
  sessionTimeoutMs: config.SL_SESSION_TIMEOUT_MS,
  logger,
  registry,
  onChange: (running) => metrics.consumers.set(running),
  handlerFor: (brandId) =>
    alertBatchHandler({
      brandId,
      namespace: ns,
      brandFor: (id) => brandTable.get(id),
      secretFor,
      producer,
      delivery,
      concurrency: config.SL_DELIVERY_CONCURRENCY,
      metrics,
      logger,
    }),
});
const liveBrandIds = (values: ReadonlyMap<string, Brand>) =>
  [...values].filter(([key, brand]) => !brand.deleted && brand.id === key).map(([key]) => key);
const applyBrands = (values: ReadonlyMap<string, Brand>) => {
  brandTable = values;
  const live = liveBrandIds(values);
  metrics.brands.set(live.length);
  consumers.sync(live);
  return live;
};
const brands = await watchLatestByKey(kafka, brandsTopic, {
  logger,
  onChange: (values, changedKey) => {
    const live = applyBrands(values);
    logger.info({ changed: changedKey, brands: live.length }, 'brands changed');
  },
});
applyBrands(brands.values);
await consumers.settled();

const ops = await startOpsServer({
  port: config.SL_OPS_PORT,
  registry,
  health: () => {
    const wanted = consumers.wanted().length;
    const running = consumers.running().length;
    const checks = {
      brands: { ok: wanted > 0, detail: `${wanted} brands` },
      consumers: { ok: running === wanted, detail: `${running} of ${wanted} brand alert topics consumed` },
    };
    return { status: checks.brands.ok && checks.consumers.ok ? 'ok' : 'degraded', checks };
  },
});
logger.info(
  { brands: consumers.wanted().length, consumers: consumers.running().length, groupIdPrefix: config.SL_GROUP_ID, opsPort: ops.port },
  'alert dispatcher running',
);

installShutdown(logger, [
  async () => {
    stopping.abort();
    await consumers.stop();
  },
  () => brands.stop(),
  () => producer.disconnect(),
  () => ops.close(),
]);
