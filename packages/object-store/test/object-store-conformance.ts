// The behaviour every ObjectStore adapter must show, run against each adapter's real backend
// (a local folder, a real S3-compatible server). A new adapter is done when this suite passes.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isObjectStoreError, type ObjectStore } from '../src/index.ts';

export interface ConformanceTarget {
  /** A store with nothing in it yet: its own folder, or its own key prefix in a shared bucket. */
  store: ObjectStore;
  /** Removes what the suite wrote and releases the store. */
  cleanup(): Promise<void>;
  /**
   * Whether concurrent putIfAbsent calls on one key are atomic on this backend (AWS S3, MinIO and
   * the local folder: yes; S3Mock 4.9: honours If-None-Match one request at a time only).
   * @default true
   */
  atomicConditionalCreate?: boolean;
}

const MiB = 1024 * 1024;

export async function listAll(store: ObjectStore, prefix: string): Promise<Array<{ key: string; size: number }>> {
  const listed: Array<{ key: string; size: number }> = [];
  for await (const object of store.list(prefix)) listed.push(object);
  return listed;
}

/** Runs `task` over `items`, at most `limit` at once. */
async function inBatches<T>(items: T[], limit: number, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < items.length) await task(items[next++] as T);
    }),
  );
}

async function expectCode(promise: Promise<unknown>, code: string): Promise<void> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(isObjectStoreError(error), `expected an ObjectStoreError, got ${String(error)}`).toBe(true);
  expect((error as { code: string }).code).toBe(code);
}

export function describeObjectStoreConformance(name: string, open: () => Promise<ConformanceTarget>): void {
  describe(`ObjectStore conformance: ${name}`, () => {
    let target: ConformanceTarget;
    let store: ObjectStore;

    beforeAll(async () => {
      target = await open();
      store = target.store;
    }, 120_000);

    afterAll(async () => {
      await target?.cleanup();
    }, 120_000);

    it('returns exactly the bytes it was given, and reports their size', async () => {
      const body = Buffer.from(Array.from({ length: 256 * 4 }, (_, i) => i % 256));
      await store.put('bytes/all-values.bin', body, { contentType: 'application/octet-stream' });
      expect((await store.get('bytes/all-values.bin')).equals(body)).toBe(true);
      expect(await store.head('bytes/all-values.bin')).toMatchObject({ size: body.length });
    });

    it('keeps an empty object', async () => {
      await store.put('bytes/empty', new Uint8Array(0));
      expect((await store.get('bytes/empty')).length).toBe(0);
      expect(await store.head('bytes/empty')).toMatchObject({ size: 0 });
    });

    it('replaces an object whole on overwrite', async () => {
      await store.put('overwrite/obj', Buffer.from('a much longer first version'));
      await store.put('overwrite/obj', Buffer.from('short'));
      expect((await store.get('overwrite/obj')).toString()).toBe('short');
      expect(await store.head('overwrite/obj')).toMatchObject({ size: 5 });
    });

    it('creates with putIfAbsent only once: the first writer wins, later ones leave it untouched', async () => {
      expect(await store.putIfAbsent('claims/from-100.json', Buffer.from('first'))).toBe(true);
      expect(await store.putIfAbsent('claims/from-100.json', Buffer.from('second'))).toBe(false);
      expect((await store.get('claims/from-100.json')).toString()).toBe('first');
      if (target.atomicConditionalCreate === false) return;
      // Ten writers at once: exactly one creates it.
      const results = await Promise.all(Array.from({ length: 10 }, (_, i) => store.putIfAbsent('claims/race.json', Buffer.from(`writer ${i}`))));
      expect(results.filter(Boolean)).toHaveLength(1);
      const winner = results.indexOf(true);
      expect((await store.get('claims/race.json')).toString()).toBe(`writer ${winner}`);
      expect((await listAll(store, 'claims/')).map((o) => o.key)).toEqual(['claims/from-100.json', 'claims/race.json']);
      expect(await store.putIfAbsent('claims/race.json', Buffer.from('late'))).toBe(false);
    });

    it('reports a missing object as OBJECT_NOT_FOUND, not retriable, and head as undefined', async () => {
      const error = await store.get('missing/nothing-here').catch((reason: unknown) => reason);
      expect(isObjectStoreError(error)).toBe(true);
      expect(error).toMatchObject({ code: 'OBJECT_NOT_FOUND', retriable: false, key: 'missing/nothing-here' });
      expect(await store.head('missing/nothing-here')).toBeUndefined();
    });

    it('treats a key that is only a prefix of other keys as missing', async () => {
      await store.put('folder-like/inner/object', Buffer.from('x'));
      await expectCode(store.get('folder-like/inner'), 'OBJECT_NOT_FOUND');
      expect(await store.head('folder-like/inner')).toBeUndefined();
    });

    it('round-trips Hive-style keys and lists them by prefix, in key order', async () => {
      const keys = [
        'raw/v1/source=rss/date=2026-11-24/part-0-0-9.parquet',
        'raw/v1/source=rss/date=2026-11-24/part-1-10-19.parquet',
        'raw/v1/source=rss/date=2026-11-25/part-0-10-12.parquet',
        'raw/v1/source=reddit/date=2026-11-24/part-0-0-3.parquet',
        'raw/v1/source=hn/date=2026-11-24/part-2-5-5.parquet',
      ];
      for (const key of keys) await store.put(key, Buffer.from(key));
      for (const key of keys) expect((await store.get(key)).toString()).toBe(key);

      const rss = await listAll(store, 'raw/v1/source=rss/');
      expect(rss.map((object) => object.key)).toEqual(keys.slice(0, 3));
      expect(rss.map((object) => object.size)).toEqual(keys.slice(0, 3).map((key) => Buffer.byteLength(key)));
      // A prefix is a string prefix, not a folder: it may end mid-segment.
      expect((await listAll(store, 'raw/v1/source=r')).map((object) => object.key)).toEqual([
        'raw/v1/source=reddit/date=2026-11-24/part-0-0-3.parquet',
        ...keys.slice(0, 3),
      ]);
      expect(await listAll(store, 'raw/v1/source=none/')).toEqual([]);
    });

    it('lists in byte order of whole keys, not folder by folder', async () => {
      await store.put('order/a/b', Buffer.from('1'));
      await store.put('order/a-c', Buffer.from('2'));
      await store.put('order/a0', Buffer.from('3'));
      // '-' (0x2d) < '/' (0x2f) < '0' (0x30)
      expect((await listAll(store, 'order/')).map((object) => object.key)).toEqual(['order/a-c', 'order/a/b', 'order/a0']);
    });

    it('lists every key when there are more than one page (S3 pages hold 1000)', async () => {
      const keys = Array.from({ length: 1005 }, (_, i) => `many/date=2026-11-24/part-${String(i).padStart(4, '0')}.json`);
      await inBatches(keys, 32, (key) => store.put(key, Buffer.from(`{"i":"${key}"}`)));
      const listed = await listAll(store, 'many/');
      expect(listed.length).toBe(1005);
      expect(listed.map((object) => object.key)).toEqual(keys);
      expect(listed.every((object, i) => object.size === Buffer.byteLength(`{"i":"${keys[i]}"}`))).toBe(true);
    }, 120_000);

    it('stores a body larger than the multipart threshold byte for byte', async () => {
      const body = randomBytes(17 * MiB + 123);
      await store.put('large/seventeen-mib.bin', body);
      const read = await store.get('large/seventeen-mib.bin');
      expect(read.length).toBe(body.length);
      expect(read.equals(body)).toBe(true);
      expect(await store.head('large/seventeen-mib.bin')).toMatchObject({ size: body.length });
    }, 120_000);

    it('deletes an object, and deleting a missing one succeeds', async () => {
      await store.put('delete/one', Buffer.from('1'));
      await store.put('delete/two', Buffer.from('2'));
      await store.delete('delete/one');
      await expectCode(store.get('delete/one'), 'OBJECT_NOT_FOUND');
      expect((await listAll(store, 'delete/')).map((object) => object.key)).toEqual(['delete/two']);
      await store.delete('delete/one');
      await store.delete('delete/never-was');
    });

    it('refuses keys that are not relative /-separated paths', async () => {
      for (const key of ['', '/absolute', 'a//b', 'trailing/', '../escape', 'a/./b', 'a/../b', 'back\\slash']) {
        await expectCode(store.put(key, Buffer.from('x')), 'INVALID_OBJECT_KEY');
        await expectCode(store.get(key), 'INVALID_OBJECT_KEY');
      }
    });

    it('describes where it stores', () => {
      expect(store.describe()).toMatch(/^(s3|file):\/\//);
    });
  });
}

/** Deletes every object a store lists; for suites that share a bucket under their own prefix. */
export async function deleteEverything(store: ObjectStore): Promise<void> {
  const keys: string[] = [];
  for await (const object of store.list('')) keys.push(object.key);
  await inBatches(keys, 32, (key) => store.delete(key));
}
