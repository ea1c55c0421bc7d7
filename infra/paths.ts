// Where the project keeps what it fetches (cache) and what it writes while running (data).
// Both live under the repository unless the environment says otherwise, so a fresh clone
// needs no set-up outside its own folder.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot: string = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Downloaded jars and other fetched tools; git-ignored, reused across runs. */
export const cacheDir: string = process.env.SL_CACHE_DIR ?? path.join(repoRoot, '.cache');

/** Broker logs, object-store files and service state; git-ignored. */
export const dataDir: string = process.env.SL_DATA_DIR ?? path.join(repoRoot, '.sl');
