import { describe, expect, it } from 'vitest';
import { isObjectStoreError, parseObjectStoreConfig } from '../src/index.ts';

const defaults = { defaultLocalRoot: '/data/objects' };

function configError(env: Record<string, string>): Error {
  try {
    parseObjectStoreConfig(env, defaults);
  } catch (error) {
    expect(isObjectStoreError(error)).toBe(true);
    expect(error).toMatchObject({ code: 'OBJECT_STORE_MISCONFIGURED', retriable: false });
    return error as Error;
  }
  throw new Error('expected the configuration to be refused');
}

describe('parseObjectStoreConfig', () => {
  it('uses the local folder when no bucket is named (empty values count as unset)', () => {
    expect(parseObjectStoreConfig({}, defaults)).toEqual({ kind: 'local', root: '/data/objects' });
    expect(parseObjectStoreConfig({ S3_BUCKET: '', S3_ENDPOINT: '' }, defaults)).toEqual({ kind: 'local', root: '/data/objects' });
  });

  it('uses S3 when a bucket is named, path-style by default, and freezes the result', () => {
    const config = parseObjectStoreConfig(
      {
        S3_ENDPOINT: 'http://127.0.0.1:9000',
        S3_BUCKET: 'listening',
        S3_REGION: 'eu-west-1',
        AWS_ACCESS_KEY_ID: 'id',
        AWS_SECRET_ACCESS_KEY: 'secret',
      },
      defaults,
    );
    expect(config).toEqual({
      kind: 's3',
      endpoint: 'http://127.0.0.1:9000',
      bucket: 'listening',
      region: 'eu-west-1',
      prefix: '',
      forcePathStyle: true,
      accessKeyId: 'id',
      secretAccessKey: 'secret',
      socketTimeoutMs: 60_000,
    });
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('falls back to AWS_REGION, then us-east-1, and reads S3_FORCE_PATH_STYLE as a boolean', () => {
    expect(parseObjectStoreConfig({ S3_BUCKET: 'b', AWS_REGION: 'ap-south-1' }, defaults)).toMatchObject({ region: 'ap-south-1' });
    expect(parseObjectStoreConfig({ S3_BUCKET: 'b', S3_FORCE_PATH_STYLE: 'false' }, defaults)).toMatchObject({
      region: 'us-east-1',
      forcePathStyle: false,
      endpoint: undefined,
    });
  });

  it('names the offending variable when the configuration is invalid', () => {
    expect(configError({ S3_ENDPOINT: 'http://127.0.0.1:9000' }).message).toContain('S3_BUCKET');
    expect(configError({ S3_ENDPOINT: 'not a url', S3_BUCKET: 'b' }).message).toContain('S3_ENDPOINT');
    expect(configError({ S3_BUCKET: 'b', AWS_ACCESS_KEY_ID: 'id' }).message).toContain('AWS_SECRET_ACCESS_KEY');
    expect(configError({ S3_BUCKET: 'b', S3_FORCE_PATH_STYLE: 'maybe' }).message).toContain('S3_FORCE_PATH_STYLE');
    expect(configError({ S3_BUCKET: 'b', S3_SOCKET_TIMEOUT_MS: 'soon' }).message).toContain('S3_SOCKET_TIMEOUT_MS');
    expect(configError({ S3_BUCKET: 'b', S3_SOCKET_TIMEOUT_MS: '5' }).message).toContain('S3_SOCKET_TIMEOUT_MS');
  });
});
