// An alert that could not reach a webhook becomes one DeadLetter record on its topic's dead-letter
// topic (`<ns>alerts.<brand>.dlq`): the alert, the reason and its code as every stage writes them,
// plus which webhook it was for, so a re-drive can target it. A brand mismatch is one record for
// the whole alert, with no webhook.
import type { DeliveryError } from '@sl/alerting';
import { type Alert, alertContract } from '@sl/contracts';
import { type ConsumedRecord, deadLetterMessage, type EncodedMessage } from '@sl/kafka';

export const STAGE = 'alert-dispatcher';

export const alertDeadLetterHeaders = {
  webhookId: 'dlq.webhook.id',
  alertId: 'dlq.alert.id',
  attempts: 'dlq.delivery.attempts',
  httpStatus: 'dlq.http.status',
} as const;

export function alertDeadLetter(
  record: ConsumedRecord<Alert>,
  error: DeliveryError,
  delivery: { webhookId?: string; attempts?: number } = {},
  now: number = Date.now(),
): EncodedMessage {
  // The runner hands the handler decoded records; encoding the alert again gives the same record
  // under the current schema version.
  const failed = {
    topic: record.topic,
    partition: record.partition,
    offset: record.offset,
    key: record.key,
    value: alertContract.encode(record.value),
    headers: record.headers,
  };
  const message = deadLetterMessage(failed, error, STAGE, now);
  const headers: Record<string, string> = { ...message.headers, [alertDeadLetterHeaders.alertId]: record.value.id };
  if (delivery.webhookId !== undefined) headers[alertDeadLetterHeaders.webhookId] = delivery.webhookId;
  if (delivery.attempts !== undefined) headers[alertDeadLetterHeaders.attempts] = String(delivery.attempts);
  if (error.status !== undefined) headers[alertDeadLetterHeaders.httpStatus] = String(error.status);
  return { ...message, headers };
}
