import { describe, expect, it } from 'vitest';
import { parseBrokers, planInfra } from '../src/infra-plan.ts';

describe('planInfra', () => {
  it('uses the environment for both when KAFKA_BROKERS and S3_ENDPOINT are set, whatever Docker says', () => {
    const env = { KAFKA_BROKERS: 'k:9092', S3_ENDPOINT: 'http://s3:9000', S3_BUCKET: 'b' };
    expect(planInfra(env, true)).toMatchObject({ kafka: 'environment', s3: 'environment' });
    expect(planInfra(env, false)).toMatchObject({ kafka: 'environment', s3: 'environment' });
  });

  it('uses testcontainers for what the environment lacks when Docker answers', () => {
    expect(planInfra({ KAFKA_BROKERS: 'k:9092' }, true)).toMatchObject({ kafka: 'environment', s3: 'testcontainers' });
    expect(planInfra({}, true)).toEqual({ kafka: 'testcontainers', s3: 'testcontainers', reason: 'kafka from testcontainers, s3 from testcontainers (a Docker engine answers)' });
  });

  it('falls back to the local launchers when no Docker engine answers', () => {
    expect(planInfra({}, false)).toEqual({ kafka: 'local', s3: 'local', reason: 'kafka from local, s3 from local (no Docker engine answers)' });
    expect(planInfra({ S3_ENDPOINT: 'http://s3:9000', S3_BUCKET: 'b' }, false)).toMatchObject({ kafka: 'local', s3: 'environment' });
  });

  it('honours SL_TEST_INFRA=local even when Docker answers', () => {
    expect(planInfra({ SL_TEST_INFRA: 'local' }, true)).toMatchObject({ kafka: 'local', s3: 'local' });
  });

  it('rejects a forced testcontainers run without Docker, an unknown mode, and an endpoint without a bucket', () => {
    expect(() => planInfra({ SL_TEST_INFRA: 'testcontainers' }, false)).toThrow('no Docker engine answers');
    expect(() => planInfra({ SL_TEST_INFRA: 'podman' }, true)).toThrow('SL_TEST_INFRA must be "local" or "testcontainers", got "podman"');
    expect(() => planInfra({ S3_ENDPOINT: 'http://s3:9000' }, false)).toThrow('S3_BUCKET is not');
  });
});

describe('parseBrokers', () => {
  it('splits and trims a comma-separated list', () => {
    expect(parseBrokers(' a:9092, b:9093 ,')).toEqual(['a:9092', 'b:9093']);
  });
  it('says which entry is malformed', () => {
    expect(() => parseBrokers('a:9092,b')).toThrow('KAFKA_BROKERS entry "b" is not host:port');
    expect(() => parseBrokers(' , ')).toThrow('KAFKA_BROKERS has no broker addresses');
  });
});
