// The object store as a local folder: the embedded default, and what tests use when no S3 is
// wanted. Keys map one-to-one onto paths under the root, so the folder can be read directly by
// DuckDB with the same Hive layout analysts see on S3.
import type { Dirent } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createFileAtomic, writeFileAtomic } from './atomic-write-file.ts';
import { fromFsError } from './fs-error-mapping.ts';
import { assertValidKey, assertValidPrefix, TEMP_FILE_PREFIX } from './object-key.ts';
import type { ListedObject, ObjectHead, ObjectStore } from './object-store.ts';
import { ObjectStoreError } from './object-store-error.ts';

export interface LocalObjectStoreOptions {
  /** Folder holding the objects; created on the first put. */
  root: string;
}

// Local file systems cannot hold both `a` (a file) and `a/b` (under a folder `a`), which S3
// allows; nothing in the project's layout does that, and put() reports it if it happens.
export function createLocalObjectStore(options: LocalObjectStoreOptions): ObjectStore {
  const root = path.resolve(options.root);
  const fileOf = (key: string): string => {
    assertValidKey(key);
    return path.join(root, ...key.split('/'));
  };

  return {
    async put(key, body) {
      const file = fileOf(key);
      try {
        await writeFileAtomic(file, body);
      } catch (error) {
        throw fromFsError(error, key, 'put');
      }
    },

    async putIfAbsent(key, body) {
      const file = fileOf(key);
      try {
        return await createFileAtomic(file, body);
      } catch (error) {
        throw fromFsError(error, key, 'put');
      }
    },

    async get(key) {
      const file = fileOf(key);
      try {
        return await fs.readFile(file);
      } catch (error) {
        if (isMissing(error)) throw new ObjectStoreError('OBJECT_NOT_FOUND', `no object ${key} in ${root}`, { key, cause: error });
        throw fromFsError(error, key, 'get');
      }
    },

    async head(key) {
      const file = fileOf(key);
      try {
        const stat = await fs.stat(file);
        return stat.isFile() ? ({ size: stat.size } satisfies ObjectHead) : undefined;
      } catch (error) {
        if (isMissing(error)) return undefined;
        throw fromFsError(error, key, 'head');
      }
    },

    list: (prefix) => listUnder(root, prefix),

    async delete(key) {
      const file = fileOf(key);
      try {
        await fs.unlink(file);
      } catch (error) {
        if (isMissing(error)) return;
        throw fromFsError(error, key, 'delete');
      }
      // Emptied folders are left in place: removing them would race with a concurrent put()
      // that has just created the folder and is about to write into it.
    },

    async close() {},

    describe: () => pathToFileURL(root).href,
  };
}

async function* listUnder(root: string, prefix: string): AsyncIterable<ListedObject> {
  assertValidPrefix(prefix);
  // Only the folder the prefix's complete segments name can hold matches.
  const base = prefix.includes('/') ? prefix.slice(0, prefix.lastIndexOf('/')) : '';
  const start = path.join(root, ...base.split('/').filter(Boolean));
  let entries: Dirent[];
  try {
    entries = await fs.readdir(start, { recursive: true, withFileTypes: true });
  } catch (error) {
    if (isMissing(error)) return;
    throw fromFsError(error, prefix, 'list');
  }
  const keys: string[] = [];
  for (const entry of entries) {
    // Symlinks are not objects: following them could leave the root.
    if (!entry.isFile() || entry.name.startsWith(TEMP_FILE_PREFIX)) continue;
    const key = path.relative(root, path.join(entry.parentPath, entry.name)).split(path.sep).join('/');
    if (key.startsWith(prefix)) keys.push(key);
  }
  // Same order as S3 (UTF-8 bytes), which a folder walk does not give: `a-b` sorts before `a/b`.
  keys.sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
  for (const key of keys) {
    try {
      const stat = await fs.stat(path.join(root, key));
      yield { key, size: stat.size };
    } catch (error) {
      // Deleted since the folder was read: S3 listings are not snapshots either.
      if (!isMissing(error)) throw fromFsError(error, key, 'list');
    }
  }
}

/** The key names nothing, or names a folder (a prefix of other keys), which is not an object. */
function isMissing(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR';
}
