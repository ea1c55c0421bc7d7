import { describe, expect, it } from 'vitest';
import { loadAlertDispatcherConfig } from '../src/config.ts';

describe('alert-dispatcher config', () => {
  it('has defaults for every field', () => {
    expect(loadAlertDispatcherConfig({})).toEqual({
      KAFKA_BROKERS: ['127.0.0.1:19092'],
      SL_TOPIC_NAMESPACE: '',
      SL_GROUP_ID: 'alert-dispatcher',
      SL_OPS_PORT: 9106,
      SL_ALERTS_FROM: 'earliest',
      SL_SESSION_TIMEOUT_MS: 30_000,
      SL_DELIVERY_CONCURRENCY: 4,
      SL_WEBHOOK_MAX_ATTEMPTS: 6,
      SL_WEBHOOK_TIMEOUT_MS: 10_000,
      SL_WEBHOOK_BACKOFF_MS: 500,
      SL_WEBHOOK_MAX_BACKOFF_MS: 30_000,
      SL_WEBHOOK_MAX_RETRY_AFTER_MS: 60_000,
      LOG_LEVEL: 'info',
    });
  });

  it('rejects values that make no sense, naming the field', () => {
    expect(() => loadAlertDispatcherConfig({ SL_WEBHOOK_MAX_ATTEMPTS: '0' })).toThrow(/SL_WEBHOOK_MAX_ATTEMPTS: /);
    expect(() => loadAlertDispatcherConfig({ SL_ALERTS_FROM: 'yesterday' })).toThrow(/SL_ALERTS_FROM: /);
    expect(() => loadAlertDispatcherConfig({ SL_WEBHOOK_BACKOFF_MS: '5000', SL_WEBHOOK_MAX_BACKOFF_MS: '100' })).toThrow(
      'invalid configuration: SL_WEBHOOK_MAX_BACKOFF_MS: must be at least SL_WEBHOOK_BACKOFF_MS',
    );
  });
});
