// The S3 store against the faults S3 itself produces, made by the testkit's fault proxy in front
// of the real S3 server: every fault is an OBJECT_STORE_UNAVAILABLE error the caller may retry,
// the SDK's own retries absorb a fault that passes, and a stalled answer is given up on by the
// client's socket timeout.
import { S3_FAULT_KINDS, type S3FaultProxy, startS3FaultProxy } from '@sl/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createS3ObjectStore, isObjectStoreError, type ObjectStore } from '../src/index.ts';
import { deleteEverything, listAll } from './object-store-conformance.ts';
import { startTestS3Server, type TestS3Server, uniqueRunPrefix } from './s3-test-server.ts';

let server: TestS3Server;
let proxy: S3FaultProxy;
const stores: ObjectStore[] = [];
// One store straight to the server per prefix a test used, to delete what it wrote.
const written = new Map<string, ObjectStore>();

beforeAll(async () => {
  server = await startTestS3Server();
  // Longer than any client timeout below: a stall ends by the client giving up.
  proxy = await startS3FaultProxy({ target: server.endpoint, stallMs: 120_000 });
}, 120_000);
afterAll(async () => {
  for (const store of written.values()) await deleteEverything(store);
  for (const store of stores) await store.close();
  await proxy?.close();
  await server?.stop();
}, 60_000);

const through = (prefix: string, options: { maxAttempts?: number; socketTimeoutMs?: number } = {}) => {
  const store = createS3ObjectStore({ ...server, endpoint: proxy.endpoint, prefix, ...options });
  stores.push(store);
  return store;
};
const direct = (prefix: string) => {
  const existing = written.get(prefix);
  if (existing) return existing;
  const store = createS3ObjectStore({ ...server, prefix });
  stores.push(store);
  written.set(prefix, store);
  return store;
};

async function failure(call: () => Promise<unknown>): Promise<{ code: string; retriable: boolean }> {
  try {
    await call();
  } catch (error) {
    if (!isObjectStoreError(error)) throw error;
    return { code: error.code, retriable: error.retriable };
  }
  throw new Error('expected the call to fail');
}

describe('the S3 store behind the fault proxy', () => {
  it('passes every call through untouched when no fault is set', async () => {
    const prefix = uniqueRunPrefix('proxy-pass');
    direct(prefix);
    const store = through(prefix);
    const body = Buffer.from(Array.from({ length: 70_000 }, (_, i) => i % 251));
    await store.put('a/one.bin', body);
    await store.put('a/two.bin', Buffer.from('two'));
    expect(Buffer.compare(await store.get('a/one.bin'), body)).toBe(0);
    expect((await listAll(store, 'a/')).map((o) => [o.key, o.size])).toEqual([
      ['a/one.bin', 70_000],
      ['a/two.bin', 3],
    ]);
    expect(await store.head('a/two.bin')).toMatchObject({ size: 3 });
    await store.delete('a/one.bin');
    expect(await store.head('a/one.bin')).toBeUndefined();
    await store.delete('a/two.bin');
  });

  for (const kind of S3_FAULT_KINDS) {
    it(`reports ${kind} as a retriable OBJECT_STORE_UNAVAILABLE, on writes and reads alike`, async () => {
      const prefix = uniqueRunPrefix(`proxy-${kind}`);
      await direct(prefix).put('k.txt', Buffer.from('kept'));
      // One attempt, so the fault the proxy injects is the answer the caller sees.
      const store = through(prefix, { maxAttempts: 1, socketTimeoutMs: 1_000 });
      const before = proxy.counts();
      proxy.setFaults({ kinds: [kind] });
      try {
        expect(await failure(() => store.put('p.txt', Buffer.from('new')))).toEqual({ code: 'OBJECT_STORE_UNAVAILABLE', retriable: true });
        expect(await failure(() => store.get('k.txt'))).toEqual({ code: 'OBJECT_STORE_UNAVAILABLE', retriable: true });
        expect(await failure(() => listAll(store, ''))).toEqual({ code: 'OBJECT_STORE_UNAVAILABLE', retriable: true });
      } finally {
        proxy.setFaults(undefined);
      }
      expect(proxy.counts().injected[kind] - before.injected[kind]).toBe(3);
      // The store itself never saw the fault: what was there is still there.
      expect((await through(prefix).get('k.txt')).toString()).toBe('kept');
    });
  }

  it('lets a stalled write land in the store though its answer never came, and a retried put succeeds', async () => {
    const prefix = uniqueRunPrefix('proxy-stall-lands');
    direct(prefix);
    const store = through(prefix, { maxAttempts: 1, socketTimeoutMs: 1_000 });
    const before = proxy.counts();
    proxy.setFaults({ kinds: ['stall'] });
    try {
      expect(await failure(() => store.put('landed.txt', Buffer.from('written')))).toEqual({ code: 'OBJECT_STORE_UNAVAILABLE', retriable: true });
    } finally {
      proxy.setFaults(undefined);
    }
    // The client has hung up; the store still takes the write (waited for: it may be slow).
    const deadline = Date.now() + 60_000;
    while (!(await direct(prefix).head('landed.txt'))) {
      if (Date.now() > deadline) throw new Error(`the stalled put never landed: ${JSON.stringify(proxy.counts())}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(proxy.counts().injected.stall - before.injected.stall).toBe(1);
    expect((await direct(prefix).get('landed.txt')).toString()).toBe('written');
    // Writing the same bytes again under the same name, as a sink's retry does, is harmless.
    const patient = through(prefix);
    await patient.put('landed.txt', Buffer.from('written'));
    expect((await patient.get('landed.txt')).toString()).toBe('written');
  });

  it('absorbs faults on every other request with the SDK retries', async () => {
    const prefix = uniqueRunPrefix('proxy-flaky');
    direct(prefix);
    const store = through(prefix, { maxAttempts: 3 });
    const before = proxy.counts();
    proxy.setFaults({ kinds: ['reset', 'internal-error', 'slow-down'], every: 2 });
    try {
      for (let i = 0; i < 6; i += 1) await store.put(`f-${i}.txt`, Buffer.from(`body ${i}`));
      // One at a time: the proxy fails every other request in arrival order.
      const got: string[] = [];
      for (let i = 0; i < 6; i += 1) got.push((await store.get(`f-${i}.txt`)).toString());
      expect(got).toEqual(Array.from({ length: 6 }, (_, i) => `body ${i}`));
    } finally {
      proxy.setFaults(undefined);
    }
    const after = proxy.counts();
    // Twelve calls, each failed once then passed: 24 requests, the faults in turn.
    expect({
      reset: after.injected.reset - before.injected.reset,
      'internal-error': after.injected['internal-error'] - before.injected['internal-error'],
      'slow-down': after.injected['slow-down'] - before.injected['slow-down'],
      forwarded: after.forwarded - before.forwarded,
    }).toEqual({ reset: 4, 'internal-error': 4, 'slow-down': 4, forwarded: 12 });
  });
});
