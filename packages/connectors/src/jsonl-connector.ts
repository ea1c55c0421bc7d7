// Backfill from JSONL files: one mention (the ingest JSON shape, docs/ingest.md) per line, from a
// file or every *.jsonl / *.ndjson file of a folder in name order. The position is a file and a
// byte offset just past the last line sent, so a stopped backfill resumes mid-file without
// re-reading, and a file that grows is picked up where it ended. Progress is reported in bytes.
// Files are taken in name order: a new file whose name sorts before the checkpoint's is not read
// (name backfill files by date).
import { open, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { type ConnectorContext, ConnectorError, defineConnector, malformed, type SourceBatch } from '@sl/connector-sdk';
import { z } from 'zod';

const configSchema = z.object({
  /** A .jsonl file, or a folder of them. */
  path: z.string().min(1),
  /** Lines per batch. @default 500 */
  batchSize: z.number().int().positive().default(500),
  /** Fills `source` on lines that have none. */
  source: z.string().optional(),
});

const checkpointSchema = z.object({
  /** File name relative to `path` ('' when `path` is a file). */
  file: z.string(),
  /** Bytes of that file already sent. */
  offset: z.number().int().min(0),
});

export type JsonlConfig = z.output<typeof configSchema>;
export type JsonlCheckpoint = z.output<typeof checkpointSchema>;

const CHUNK_BYTES = 64 * 1024;

export const jsonlConnector = defineConnector<JsonlConfig, JsonlCheckpoint>({
  name: 'jsonl',
  description: 'Backfill from JSONL files (a file or a folder), resumable at file + byte offset',
  configSchema,
  checkpointSchema,
  async *read(ctx: ConnectorContext<JsonlConfig, JsonlCheckpoint>): AsyncGenerator<SourceBatch<JsonlCheckpoint>> {
    const files = await listFiles(ctx.config.path);
    const total = files.reduce((sum, f) => sum + f.size, 0);
    const position = ctx.checkpoint;
    let doneBefore = 0; // bytes of the files already finished, for progress
    for (const file of files) {
      if (position && file.name < position.file) {
        doneBefore += file.size;
        continue;
      }
      const start = position && file.name === position.file ? position.offset : 0;
      let batch: unknown[] = [];
      let offset = start;
      for await (const line of readLines(file.fullPath, start, ctx.signal)) {
        offset = line.end;
        const item = parseLine(line.text, line.number, ctx.config.source, file.name);
        if (item !== undefined) batch.push(item);
        if (batch.length >= ctx.config.batchSize) {
          ctx.progress({ done: doneBefore + offset, total, unit: 'bytes', detail: file.name || path.basename(file.fullPath) });
          yield { items: batch, checkpoint: { file: file.name, offset } };
          batch = [];
        }
      }
      if (batch.length > 0 || offset > start) {
        ctx.progress({ done: doneBefore + offset, total, unit: 'bytes', detail: file.name || path.basename(file.fullPath) });
        yield { items: batch, checkpoint: { file: file.name, offset } };
      }
      doneBefore += file.size;
    }
  },
});

interface SourceFile {
  name: string;
  fullPath: string;
  size: number;
}

async function listFiles(root: string): Promise<SourceFile[]> {
  let info: Awaited<ReturnType<typeof stat>>;
  try {
    info = await stat(root);
  } catch (cause) {
    throw new ConnectorError('SOURCE_IO', `cannot read ${root}: ${(cause as Error).message}`, { cause });
  }
  if (info.isFile()) return [{ name: '', fullPath: root, size: info.size }];
  const names = (await readdir(root)).filter((n) => /\.(jsonl|ndjson)$/.test(n)).sort();
  return Promise.all(names.map(async (name) => ({ name, fullPath: path.join(root, name), size: (await stat(path.join(root, name))).size })));
}

interface Line {
  text: string;
  /** 1-based line number counted from `start` (a resumed read counts from its offset). */
  number: number;
  /** Byte offset just past the line's newline. */
  end: number;
}

/** Lines from a byte offset, with exact byte positions (a line's bytes, not its characters). */
export async function* readLines(file: string, start: number, signal?: AbortSignal): AsyncGenerator<Line> {
  const handle = await open(file, 'r');
  try {
    let pending = Buffer.alloc(0);
    let position = start; // file offset of pending[0]
    let number = 0;
    const chunk = Buffer.alloc(CHUNK_BYTES);
    while (!signal?.aborted) {
      const { bytesRead } = await handle.read(chunk, 0, CHUNK_BYTES, position + pending.length);
      if (bytesRead === 0) break;
      pending = Buffer.concat([pending, chunk.subarray(0, bytesRead)]);
      let newline = pending.indexOf(0x0a);
      while (newline !== -1) {
        number += 1;
        yield { text: pending.subarray(0, newline).toString('utf8'), number, end: position + newline + 1 };
        position += newline + 1;
        pending = pending.subarray(newline + 1);
        newline = pending.indexOf(0x0a);
      }
    }
    // A last line without a newline is still a line: backfill files often end that way.
    if (pending.length > 0 && !signal?.aborted) yield { text: pending.toString('utf8'), number: number + 1, end: position + pending.length };
  } finally {
    await handle.close();
  }
}

function parseLine(text: string, number: number, source: string | undefined, file: string): unknown {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  try {
    const value = JSON.parse(trimmed) as unknown;
    if (source !== undefined && typeof value === 'object' && value !== null && !Array.isArray(value) && !('source' in value)) {
      return { ...value, source };
    }
    return value;
  } catch (cause) {
    return malformed(`${file || 'file'} line ${number}: not JSON (${(cause as Error).message})`, trimmed);
  }
}
