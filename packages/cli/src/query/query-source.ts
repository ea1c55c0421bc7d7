// Where `sl query` reads the Parquet files from: the local object-store folder, or an S3 bucket
// mirrored into a local cache first — DuckDB's own S3 support is an extension it would download
// at run time, and nothing but the data itself may be downloaded.
import { type MirrorReport, mirrorPrefixes, type ObjectStore } from '@sl/object-store';

/** The analysts' prefixes (DESIGN.md's object layout). */
export const ANALYST_PREFIXES = ['rollups/v1/', 'conversations/v1/', 'raw/v1/', 'alerts/v1/'] as const;

export type { MirrorReport };

/** Copies the objects under the analysts' prefixes that the cache lacks (or holds at another size). */
export function mirrorToCache(store: ObjectStore, cacheDir: string, onProgress?: (report: MirrorReport) => void): Promise<MirrorReport> {
  return mirrorPrefixes(store, cacheDir, ANALYST_PREFIXES, onProgress);
}
