// Where `sl query` reads the Parquet files from: the local object-store folder, or an S3 bucket
// mirrored into a local cache first — DuckDB's own S3 support is an extension it would download
// at run time, and nothing but the data itself may be downloaded.
import fs from 'node:fs';
import path from 'node:path';
import type { ObjectStore } from '@sl/object-store';

/** The analysts' prefixes (DESIGN.md's object layout). */
export const ANALYST_PREFIXES = ['rollups/v1/', 'conversations/v1/', 'raw/v1/'] as const;

export interface MirrorReport {
  listed: number;
  copied: number;
  bytes: number;
}

/**
 * Copies the objects under the analysts' prefixes that the cache lacks (or holds at another
 * size). Objects are immutable under their deterministic names, so size is enough to skip one.
 */
export async function mirrorToCache(store: ObjectStore, cacheDir: string, onProgress?: (report: MirrorReport) => void): Promise<MirrorReport> {
  const report: MirrorReport = { listed: 0, copied: 0, bytes: 0 };
  for (const prefix of ANALYST_PREFIXES) {
    for await (const object of store.list(prefix)) {
      report.listed += 1;
      const target = path.join(cacheDir, object.key);
      const existing = fs.statSync(target, { throwIfNoEntry: false });
      if (existing?.size === object.size) continue;
      fs.mkdirSync(path.dirname(target), { recursive: true });
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

/** True when the folder holds at least one Parquet file below `prefix`. */
export function hasParquet(root: string, prefix: string): boolean {
  const dir = path.join(root, prefix);
  if (!fs.existsSync(dir)) return false;
  return fs.readdirSync(dir, { recursive: true }).some((f) => String(f).endsWith('.parquet'));
}
