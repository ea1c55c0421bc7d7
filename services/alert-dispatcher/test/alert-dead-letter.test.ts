import { DeliveryError } from '@sl/alerting';
import { type Alert, alertContract, deadLetterContract } from '@sl/contracts';
import type { ConsumedRecord } from '@sl/kafka';
import { describe, expect, it } from 'vitest';
import { alertDeadLetter } from '../src/alert-dead-letter.ts';

const alert: Alert = {
  id: 'acme:viral_post:mastodon:1',
  brandId: 'acme',
  kind: 'viral_post',
  severity: 'warning',
  windowStart: 1_764_000_000_000,
  windowEnd: 1_764_000_000_000,
  observed: 12,
  expected: 4,
  mentionIds: ['mastodon:1'],
  sampleTexts: [],
  explanation: 'spreading',
  createdAt: 1_764_000_001_000,
  author: 'mastodon:alice',
  url: 'https://m.example/1',
  sentiment: 0.2,
  influence: null,
  historical: false,
};
const record: ConsumedRecord<Alert> = {
  topic: 'ns.alerts.acme',
  partition: 0,
  offset: '41',
  key: Buffer.from(alert.id),
  value: alert,
  headers: { traceparent: '00-abc-def-01' },
  timestamp: 1_764_000_001_500,
};
const now = Date.UTC(2025, 10, 24, 12, 0, 0);

describe('alertDeadLetter', () => {
  it('is a DeadLetter of the alert with the reason and code, and names the webhook in headers', () => {
    const error = new DeliveryError('WEBHOOK_HTTP_5XX', 'webhook "ops": HTTP 503 after 6 attempts', { status: 503 });
    const message = alertDeadLetter(record, error, { webhookId: 'ops', attempts: 6 }, now);
    expect(message.key).toEqual(Buffer.from(alert.id));
    const letter = deadLetterContract.decode(message.value);
    expect({ ...letter, value: alertContract.decode(letter.value) }).toEqual({
      originalTopic: 'ns.alerts.acme',
      partition: 0,
      offset: '41',
      key: Buffer.from(alert.id),
      value: alert,
      headers: { traceparent: '00-abc-def-01' },
      error: 'webhook "ops": HTTP 503 after 6 attempts',
      errorCode: 'WEBHOOK_HTTP_5XX',
      stage: 'alert-dispatcher',
      failedAt: now,
    });
    expect(message.headers).toEqual({
      'dlq.error': 'webhook "ops": HTTP 503 after 6 attempts',
      'dlq.error.code': 'WEBHOOK_HTTP_5XX',
      'dlq.stage': 'alert-dispatcher',
      'dlq.original.topic': 'ns.alerts.acme',
      'dlq.original.partition': '0',
      'dlq.original.offset': '41',
      'dlq.failed.at': '2025-11-24T12:00:00.000Z',
      'dlq.alert.id': alert.id,
      'dlq.webhook.id': 'ops',
      'dlq.delivery.attempts': '6',
      'dlq.http.status': '503',
    });
  });

  it('has no webhook headers for a refusal of the whole alert', () => {
    const message = alertDeadLetter(record, new DeliveryError('BRAND_MISMATCH', 'brand mismatch: …'), {}, now);
    expect(
      Object.keys(message.headers ?? {}).filter(
        (h) => !h.startsWith('dlq.error') && !h.startsWith('dlq.original') && h !== 'dlq.stage' && h !== 'dlq.failed.at',
      ),
    ).toEqual(['dlq.alert.id']);
    expect(deadLetterContract.decode(message.value).errorCode).toBe('BRAND_MISMATCH');
  });
});
