// Durable, all-or-nothing file writes: the bytes go to a temporary file in the target's folder,
// are fsynced, then renamed over the target, and the folder is fsynced so the rename itself
// survives a power cut. A crash at any point leaves either the old file or the new one under
// the final name, never a prefix of the new one.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { TEMP_FILE_PREFIX } from './object-key.ts';

/** Writes and fsyncs a new temporary file beside `file` (same folder: rename and link stay atomic). */
async function writeTempBeside(file: string, data: Uint8Array): Promise<string> {
  const temp = path.join(path.dirname(file), `${TEMP_FILE_PREFIX}${randomBytes(8).toString('hex')}`);
  const handle = await fs.open(temp, 'wx', 0o644);
  try {
    await handle.writeFile(data);
    await handle.sync();
  } catch (error) {
    await handle.close();
    await fs.rm(temp, { force: true });
    throw error;
  }
  await handle.close();
  return temp;
}

export async function writeFileAtomic(file: string, data: Uint8Array): Promise<void> {
  const dir = path.dirname(file);
  await makeDirDurable(dir);
  let temp: string | undefined;
  try {
    temp = await writeTempBeside(file, data);
    await fs.rename(temp, file);
  } catch (error) {
    if (temp) await fs.rm(temp, { force: true });
    throw error;
  }
  await fsyncDir(dir);
}

/** mkdir -p, then fsync the parent of every folder it created, so the new entries are durable too. */
async function makeDirDurable(dir: string): Promise<void> {
  const firstCreated = await fs.mkdir(dir, { recursive: true });
  if (firstCreated === undefined) return;
  const created: string[] = [];
  for (let current = dir; ; current = path.dirname(current)) {
    created.push(current);
    if (current === firstCreated || current === path.dirname(current)) break;
  }
  for (const folder of created.reverse()) await fsyncDir(path.dirname(folder));
}

async function fsyncDir(dir: string): Promise<void> {
  const handle = await fs.open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Like writeFileAtomic, but only when `file` does not exist yet: the finished temporary file is
 * hard-linked to the final name, which fails with EEXIST if another writer got there first.
 * Resolves false in that case, leaving the existing file untouched.
 */
export async function createFileAtomic(file: string, data: Uint8Array): Promise<boolean> {
  const dir = path.dirname(file);
  await makeDirDurable(dir);
  const temp = await writeTempBeside(file, data);
  try {
    try {
      await fs.link(temp, file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
      throw error;
    }
  } finally {
    await fs.rm(temp, { force: true });
  }
  await fsyncDir(dir);
  return true;
}
