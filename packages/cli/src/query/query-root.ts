// Which folder `sl query` and `sl correct` read the views from: --data DIR, else the local object
// store ($SL_DATA_DIR/objects), or, with S3_BUCKET set, the bucket's view prefixes mirrored into
// $SL_DATA_DIR/query-cache/<bucket> first.
import path from 'node:path';
import { createObjectStoreFromEnv } from '@sl/object-store';
import type { CliContext } from '../cli-context.ts';
import { mirrorToCache } from './query-source.ts';

export interface QueryRoot {
  root: string;
  /** The bucket the folder is a copy of, for messages; undefined for a local folder. */
  copiedFrom: string | undefined;
}

export async function resolveQueryRoot(ctx: CliContext, dataFlag: unknown, command: string): Promise<QueryRoot> {
  const env = ctx.env;
  const dataDir = env.SL_DATA_DIR ?? path.resolve('.sl');
  const local = typeof dataFlag === 'string' ? path.resolve(dataFlag) : path.join(dataDir, 'objects');
  if (dataFlag !== undefined || !env.S3_BUCKET) return { root: local, copiedFrom: undefined };
  const store = createObjectStoreFromEnv(env, { defaultLocalRoot: local });
  const root = path.join(dataDir, 'query-cache', env.S3_BUCKET);
  const copiedFrom = store.describe();
  try {
    const report = await mirrorToCache(store, root, (r) => ctx.err(`sl ${command}: copied ${r.copied} new files (${(r.bytes / 1e6).toFixed(1)} MB) ...`));
    if (report.copied > 0) ctx.err(`sl ${command}: ${report.copied} new files copied from ${copiedFrom} (${report.listed} listed)`);
  } finally {
    await store.close();
  }
  return { root, copiedFrom };
}
