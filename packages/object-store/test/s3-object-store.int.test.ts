import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createObjectStoreFromEnv, createS3ObjectStore, isObjectStoreError } from '../src/index.ts';
import { deleteEverything, describeObjectStoreConformance } from './object-store-conformance.ts';
import { startTestS3Server, type TestS3Server, uniqueRunPrefix } from './s3-test-server.ts';

let server: TestS3Server;
beforeAll(async () => {
  server = await startTestS3Server();
}, 120_000);
afterAll(async () => {
  await server?.stop();
}, 60_000);

describeObjectStoreConformance('S3', async () => {
  const store = createS3ObjectStore({ ...server, prefix: uniqueRunPrefix('conformance') });
  return {
    store,
    // The local launcher's S3Mock checks If-None-Match, but not atomically against a concurrent
    // writer; a real endpoint named by S3_ENDPOINT (AWS, MinIO) is held to the race too.
    atomicConditionalCreate: Boolean(process.env.S3_ENDPOINT),
    async cleanup() {
      await deleteEverything(store);
      await store.close();
    },
  };
});

describe('S3 store', () => {
  it('is what createObjectStoreFromEnv builds when S3_BUCKET is set', async () => {
    const prefix = uniqueRunPrefix('from-env');
    const store = createObjectStoreFromEnv(
      {
        S3_ENDPOINT: server.endpoint,
        S3_BUCKET: server.bucket,
        S3_REGION: server.region,
        S3_PREFIX: prefix,
        AWS_ACCESS_KEY_ID: server.accessKeyId,
        AWS_SECRET_ACCESS_KEY: server.secretAccessKey,
      },
      { defaultLocalRoot: '/nonexistent' },
    );
    try {
      expect(store.describe()).toContain(`s3://${server.bucket}/${prefix}`);
      await store.put('hello.txt', Buffer.from('hello'), { contentType: 'text/plain' });
      expect((await store.get('hello.txt')).toString()).toBe('hello');
      await deleteEverything(store);
    } finally {
      await store.close();
    }
  });

  it('reports a bucket that does not exist as OBJECT_STORE_MISCONFIGURED', async () => {
    const store = createS3ObjectStore({ ...server, bucket: 'sl-no-such-bucket', maxAttempts: 1 });
    try {
      const error = await store.put('x', Buffer.from('x')).catch((reason: unknown) => reason);
      expect(isObjectStoreError(error)).toBe(true);
      expect(error).toMatchObject({ code: 'OBJECT_STORE_MISCONFIGURED', retriable: false });
    } finally {
      await store.close();
    }
  });

  it('reports a server that does not answer as OBJECT_STORE_UNAVAILABLE, retriable, with the cause', async () => {
    const store = createS3ObjectStore({ ...server, endpoint: `http://127.0.0.1:${await closedPort()}`, maxAttempts: 1 });
    try {
      for (const call of [() => store.put('x', Buffer.from('x')), () => store.get('x'), () => store.head('x')]) {
        const error = await call().catch((reason: unknown) => reason);
        expect(isObjectStoreError(error)).toBe(true);
        expect(error).toMatchObject({ code: 'OBJECT_STORE_UNAVAILABLE', retriable: true });
        expect((error as Error).cause).toBeDefined();
      }
    } finally {
      await store.close();
    }
  });
});

/** A port on 127.0.0.1 that nothing listens on (it was free a moment ago). */
async function closedPort(): Promise<number> {
  return await new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (address && typeof address === 'object' ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}
