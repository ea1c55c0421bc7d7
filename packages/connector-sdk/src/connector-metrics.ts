// Prometheus metrics for connectors, fed by ConnectorEvents. One set per registry, labelled by
// connector instance, so every instance in a runner shares the same series names.
import { Counter, Gauge, type Registry } from '@sl/observability';
import type { ConnectorEventListener } from './connector-events.ts';

export function createConnectorMetrics(registry: Registry): ConnectorEventListener {
  const mentions = new Counter({
    name: 'sl_connector_mentions_total',
    help: 'Items read by connectors: accepted into mentions.raw or rejected to the dead-letter topic',
    labelNames: ['connector', 'outcome'] as const,
    registers: [registry],
  });
  const batches = new Counter({ name: 'sl_connector_batches_total', help: 'Batches delivered and checkpointed', labelNames: ['connector'] as const, registers: [registry] });
  const responses = new Counter({
    name: 'sl_connector_http_responses_total',
    help: 'HTTP responses received by connectors, by status',
    labelNames: ['connector', 'status'] as const,
    registers: [registry],
  });
  const retries = new Counter({
    name: 'sl_connector_http_retries_total',
    help: 'HTTP requests retried (rate-limited = 429, server-error = 5xx, network)',
    labelNames: ['connector', 'reason'] as const,
    registers: [registry],
  });
  const runs = new Counter({ name: 'sl_connector_runs_total', help: 'Connector runs by outcome', labelNames: ['connector', 'outcome'] as const, registers: [registry] });
  const progress = new Gauge({ name: 'sl_connector_progress', help: 'Backfill progress: work done, in the unit named', labelNames: ['connector', 'unit'] as const, registers: [registry] });
  const lastCompleted = new Gauge({
    name: 'sl_connector_last_completed_seconds',
    help: 'When a run of the connector last completed, epoch seconds',
    labelNames: ['connector'] as const,
    registers: [registry],
  });

  return (event) => {
    switch (event.type) {
      case 'http.response':
        responses.inc({ connector: event.connector, status: String(event.status) });
        break;
      case 'http.retry':
        retries.inc({ connector: event.connector, reason: event.reason });
        break;
      case 'batch.delivered':
        batches.inc({ connector: event.connector });
        mentions.inc({ connector: event.connector, outcome: 'accepted' }, event.accepted);
        mentions.inc({ connector: event.connector, outcome: 'rejected' }, event.rejected);
        break;
      case 'progress':
        progress.set({ connector: event.connector, unit: event.unit }, event.done);
        break;
      case 'run.finished':
        runs.inc({ connector: event.connector, outcome: event.outcome });
        if (event.outcome === 'completed') lastCompleted.set({ connector: event.connector }, Math.floor(Date.now() / 1000));
        break;
      case 'checkpoint.saved':
        break;
    }
  };
}
