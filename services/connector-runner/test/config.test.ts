import { ConfigError } from '@sl/observability';
import { describe, expect, it } from 'vitest';
import { loadConnectorRunnerConfig } from '../src/config.ts';

describe('connector runner config', () => {
  it('has defaults for everything', () => {
    const config = loadConnectorRunnerConfig({});
    expect(config).toMatchObject({ KAFKA_BROKERS: ['127.0.0.1:19092'], SL_CONNECTORS_FILE: 'connectors.yaml', SL_OPS_PORT: 9470, SL_TOPIC_NAMESPACE: '' });
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('names the bad variable', () => {
    expect(() => loadConnectorRunnerConfig({ SL_OPS_PORT: 'eighty' })).toThrow(ConfigError);
    expect(() => loadConnectorRunnerConfig({ SL_OPS_PORT: 'eighty' })).toThrow(/SL_OPS_PORT/);
  });
});
