import { describe, expect, it } from 'vitest';
import { loadGatewayConfig } from '../src/config.ts';

describe('gateway config', () => {
  it('defaults to the embedded broker on loopback port 8080', () => {
    expect(loadGatewayConfig({})).toEqual({
      KAFKA_BROKERS: ['127.0.0.1:19092'],
      SL_TOPIC_NAMESPACE: '',
      SL_HTTP_HOST: '127.0.0.1',
      SL_HTTP_PORT: 8080,
      INGEST_MAX_BODY_BYTES: 10 * 1024 * 1024,
      INGEST_MAX_ITEMS: 10_000,
      INGEST_LINGER_MS: 2,
      INGEST_WEBHOOK_SECRETS: new Map(),
      INGEST_WEBHOOK_TOLERANCE_SECONDS: 300,
      LOG_LEVEL: 'info',
    });
  });

  it('splits the broker list and stops on a bad value with the field named', () => {
    expect(loadGatewayConfig({ KAFKA_BROKERS: 'a:1, b:2' }).KAFKA_BROKERS).toEqual(['a:1', 'b:2']);
    expect(() => loadGatewayConfig({ KAFKA_BROKERS: 'a' })).toThrow(/KAFKA_BROKERS\.0: expected host:port/);
    expect(() => loadGatewayConfig({ SL_HTTP_PORT: 'eighty' })).toThrow(/SL_HTTP_PORT: /);
    expect(() => loadGatewayConfig({ INGEST_MAX_ITEMS: '0' })).toThrow(/INGEST_MAX_ITEMS: /);
    expect(() => loadGatewayConfig({ INGEST_WEBHOOK_SECRETS: 'blog=short' })).toThrow(/INGEST_WEBHOOK_SECRETS: .*at least 16 characters/);
    expect(loadGatewayConfig({ INGEST_WEBHOOK_SECRETS: 'blog=0123456789abcdef' }).INGEST_WEBHOOK_SECRETS.get('blog')).toEqual(['0123456789abcdef']);
  });
});
