// One brand topic's batches: each alert is dispatched to the brand's webhooks (several alerts at
// once), and whatever could not be delivered is written to the dead-letter topic before the
// handler returns — the runner commits the batch only then (at-least-once; receivers dedupe on
// X-SL-Alert-Id). A delivery cut short by shutdown fails the batch instead, so nothing of it is
// committed and the next owner delivers it again. A historical alert (raised long after its
// window, e.g. by a backfill) whose brand does not page history is sent nowhere and committed
// like the rest: it stays on the topic. Those are counted, and logged once per batch.
import { type DeliveryOptions, dispatchAlert } from '@sl/alerting';
import type { Alert, Brand } from '@sl/contracts';
import { deadLetterTopicName, type EncodedMessage, type PartitionBatch, type TypedProducer } from '@sl/kafka';
import type { Logger } from '@sl/observability';
import { alertDeadLetter } from './alert-dead-letter.ts';
import type { DispatchMetrics } from './dispatch-metrics.ts';
import { createHistoryTally } from './history-tally.ts';

export interface AlertBatchHandlerOptions {
  brandId: string;
  namespace: string;
  /** The brand's live configuration (brands.config); undefined once it is gone. */
  brandFor: (brandId: string) => Brand | undefined;
  secretFor: (envName: string) => string | undefined;
  producer: TypedProducer;
  delivery: Partial<DeliveryOptions>;
  concurrency: number;
  metrics: DispatchMetrics;
  logger: Logger;
}

export function alertBatchHandler(options: AlertBatchHandlerOptions): (batch: PartitionBatch<Alert>) => Promise<void> {
  const { brandId, metrics } = options;
  const log = options.logger.child({ component: 'alert-batch', brand: brandId });
  return async (batch) => {
    const dlq = deadLetterTopicName(batch.topic);
    const history = createHistoryTally();
    await forEachConcurrently(batch.records, options.concurrency, async (record) => {
      const alert = record.value;
      const result = await dispatchAlert({
        alert,
        origin: { topic: record.topic, namespace: options.namespace, brandId },
        brand: options.brandFor(brandId),
        secretFor: options.secretFor,
        delivery: {
          ...options.delivery,
          onAttempt: (report) => metrics.attempts.inc({ brand: brandId, webhook: report.webhookId, result: report.code ?? 'ok' }),
        },
      });
      const letters: EncodedMessage[] = [];
      if (result.kind === 'refused') {
        metrics.refused.inc({ brand: brandId });
        log.error(
          { alertId: alert.id, alertBrand: alert.brandId, topic: record.topic, offset: record.offset, code: result.error.code },
          'alert refused: brand mismatch',
        );
        letters.push(alertDeadLetter(record, result.error));
      } else if (result.kind === 'history-not-paged') {
        history.add(alert, result.withheld.length);
        log.debug(
          { alertId: alert.id, kind: alert.kind, windowEnd: alert.windowEnd, createdAt: alert.createdAt, webhooks: result.withheld.map((s) => s.id) },
          'historical alert not paged',
        );
      } else {
        for (const { subscription, outcome } of result.deliveries) {
          const fields = { alertId: alert.id, webhook: subscription.id, attempts: outcome.attempts };
          if (outcome.delivered) {
            metrics.deliveries.inc({ brand: brandId, webhook: subscription.id, outcome: 'delivered' });
            metrics.deliverySeconds.observe({ outcome: 'delivered' }, outcome.durationMs / 1_000);
            log.info({ ...fields, status: outcome.status }, 'alert delivered');
            continue;
          }
          if (outcome.error.code === 'WEBHOOK_ABORTED') throw outcome.error;
          metrics.deliveries.inc({ brand: brandId, webhook: subscription.id, outcome: outcome.error.code });
          metrics.deliverySeconds.observe({ outcome: 'failed' }, outcome.durationMs / 1_000);
          log.warn(
            { ...fields, status: outcome.status, code: outcome.error.code, err: outcome.error },
            'alert not delivered; dead-lettering it for this webhook',
          );
          letters.push(alertDeadLetter(record, outcome.error, { webhookId: subscription.id, attempts: outcome.attempts }));
        }
      }
      if (letters.length > 0) await options.producer.sendEncoded(dlq, letters);
    });
    // Counted once the batch is through, so a batch redone after a failure is not counted twice.
    const held = history.summary();
    if (held) {
      for (const [kind, count] of Object.entries(held.byKind)) metrics.historyNotPaged.inc({ brand: brandId, kind }, count);
      log.info(
        { topic: batch.topic, partition: batch.partition, nextOffset: batch.nextOffset, ...held },
        'historical alerts recorded on the topic, not paged (pageHistory is false)',
      );
    }
  };
}

/**
 * Runs `work` on every item, at most `limit` at once; after a failure starts no more (the batch
 * will be redone, and each alert started now would be delivered twice), waits for the running
 * ones, then throws the first failure.
 */
async function forEachConcurrently<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const failures: unknown[] = [];
  const lane = async () => {
    while (next < items.length && failures.length === 0) {
      const item = items[next] as T;
      next += 1;
      try {
        await work(item);
      } catch (error) {
        failures.push(error);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  if (failures.length > 0) throw failures[0];
}
