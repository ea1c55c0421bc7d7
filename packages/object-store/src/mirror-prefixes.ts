// Copies a store's objects under some prefixes into a local folder, skipping what the folder
// already holds: how `sl query` and the dashboard read an S3 bucket with DuckDB, whose own S3
// support is an extension it would download at run time. Objects are immutable under their
// deterministic names, so a file of the same size is the same object.
import fs from 'node:fs';
import path from 'node:path';
import type { ObjectStore } from './object-store.ts';

export interface MirrorReport {
  listed: number;
  copied: number;
  bytes: number;
}

export async function mirrorPrefixes(
  store: ObjectStore,
  dir: string,
  prefixes: readonly string[],
  onProgress?: (report: MirrorReport) => void,
): Promise<MirrorReport> {
  const report: MirrorReport = { listed: 0, copied: 0, bytes: 0 };
  for (const prefix of prefixes) {
    for await (const object of store.list(prefix)) {
      report.listed += 1;
      const target = path.join(dir, object.key);
      const existing = fs.statSync(target, { throwIfNoEntry: false });
      if (existing?.size === object.size) continue;
      fs.mkdirSync(path.dirname(target), { recursive: true });
      // Written aside, then renamed: a reader never sees half a Parquet file.
      const temp = `${target}.partial`;
      fs.writeFileSync(temp, await store.get(object.key));
      fs.renameSync(temp, target);
      report.copied += 1;
      report.bytes += object.size;
      if (report.copied % 50 === 0) onProgress?.(report);
    }
  }
  return report;
}
