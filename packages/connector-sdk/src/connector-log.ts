// Log lines from ConnectorEvents: retries at warn (someone may need to raise a rate limit),
// progress at info at most every few seconds, run summaries at info.
import type { Logger } from '@sl/observability';
import type { ConnectorEventListener } from './connector-events.ts';

export function logConnectorEvents(logger: Logger, options: { progressEveryMs?: number; now?: () => number } = {}): ConnectorEventListener {
  const every = options.progressEveryMs ?? 5_000;
  const now = options.now ?? Date.now;
  const lastProgress = new Map<string, number>();
  return (event) => {
    switch (event.type) {
      case 'http.retry':
        logger.warn({ connector: event.connector, reason: event.reason, status: event.status, delayMs: event.delayMs, attempt: event.attempt }, 'source request retried');
        break;
      case 'progress': {
        const last = lastProgress.get(event.connector) ?? 0;
        const finished = event.total !== undefined && event.done >= event.total;
        if (finished || now() - last >= every) {
          lastProgress.set(event.connector, now());
          logger.info({ connector: event.connector, done: event.done, total: event.total, unit: event.unit }, 'connector progress');
        }
        break;
      }
      case 'run.finished':
        logger.info(
          { connector: event.connector, outcome: event.outcome, batches: event.batches, accepted: event.accepted, rejected: event.rejected },
          'connector run finished',
        );
        break;
      default:
        break;
    }
  };
}
