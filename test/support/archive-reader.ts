// Reads the raw archive back the way an analyst would: DuckDB over the Parquet files with Hive
// partitioning. Objects are first copied from the store into a temporary folder, because
// DuckDB's S3 support is an extension it would download at run time.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import type { ObjectStore } from '@sl/object-store';

export async function copyPrefix(store: ObjectStore, prefix: string): Promise<{ dir: string; keys: string[] }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sl-archive-'));
  const keys: string[] = [];
  for await (const object of store.list(prefix)) {
    keys.push(object.key);
    const target = path.join(dir, object.key);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, await store.get(object.key));
  }
  return { dir, keys };
}

export async function queryParquet(sql: string): Promise<Record<string, unknown>[]> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    const reader = await connection.runAndReadAll(sql);
    return reader.getRowObjectsJson() as Record<string, unknown>[];
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}
