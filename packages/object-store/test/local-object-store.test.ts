import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalObjectStore, type ObjectStore } from '../src/index.ts';
import { describeObjectStoreConformance } from './object-store-conformance.ts';

async function freshRoot(): Promise<string> {
  return await fs.mkdtemp(path.join(os.tmpdir(), 'sl-object-store-'));
}

describeObjectStoreConformance('local directory', async () => {
  const root = await freshRoot();
  const store = createLocalObjectStore({ root });
  return {
    store,
    cleanup: () => fs.rm(root, { recursive: true, force: true }),
  };
});

describe('local directory store', () => {
  let root: string;
  let store: ObjectStore;
  beforeAll(async () => {
    root = await freshRoot();
    store = createLocalObjectStore({ root });
  });
  afterAll(() => fs.rm(root, { recursive: true, force: true }));

  it('keeps objects as plain files at their key path, with no temporary files left behind', async () => {
    await store.put('rollups/v1/grain=hour/brand=acme/date=2026-11-24/part-0-0-9.parquet', Buffer.from('PAR1'));
    const folder = path.join(root, 'rollups/v1/grain=hour/brand=acme/date=2026-11-24');
    expect(await fs.readdir(folder)).toEqual(['part-0-0-9.parquet']);
    expect(await fs.readFile(path.join(folder, 'part-0-0-9.parquet'), 'utf8')).toBe('PAR1');
  });

  it('does not list the temporary file of a write that crashed before its rename', async () => {
    await store.put('crash/kept.bin', Buffer.from('done'));
    await fs.writeFile(path.join(root, 'crash', '.sl-tmp-0123456789abcdef'), 'half a file');
    const keys: string[] = [];
    for await (const object of store.list('crash/')) keys.push(object.key);
    expect(keys).toEqual(['crash/kept.bin']);
  });

  it('lists nothing, without failing, before anything was written', async () => {
    const empty = createLocalObjectStore({ root: path.join(root, 'not-created-yet') });
    const keys: string[] = [];
    for await (const object of empty.list('')) keys.push(object.key);
    expect(keys).toEqual([]);
    expect(empty.describe()).toMatch(/^file:\/\/.*not-created-yet$/);
  });
});
