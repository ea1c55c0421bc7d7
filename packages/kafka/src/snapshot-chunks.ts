// A partition's state snapshot as several records (chunks) of one transaction, so that the whole
// state is never one Buffer: one record of 25 MB existed about four times on its way out (the
// encoder's pieces, their concatenation, the Avro record, the client's request), and the process's
// resident memory kept the high-water mark. Now each piece the encoder hands over becomes its own
// Avro record at once, and the transaction sends them in bounded requests (request-chunks.ts).
//
// Keys: chunk i of n is under `<base>#<i>` for i < n - 1, and the LAST chunk under `<base>` itself
// (`<input topic>:<partition>`, the key a single-record snapshot has always had), so the record
// under the base key is both the newest snapshot's marker and its count (index + 1). Compaction
// keeps the newest record per key; every snapshot writes all of its chunks and its marker in one
// transaction, so the newest committed `<base>#<i>` for i below the marker's index belong to the
// marker's set. Each chunk names its set and index all the same, and a reader joins nothing that
// does not match (a torn or mixed set restores nothing: the state is rebuilt from the input).
// A transaction draws the records one request at a time (snapshotChunkStream), so a snapshot's
// bytes are never all alive at once either.
// Keys above a smaller snapshot's count would keep an older, larger snapshot's bytes: the writer
// overwrites them with empty chunks, so the topic (and a restore's read) holds one snapshot's worth.
import { randomBytes } from 'node:crypto';
import type { AmplificationSnapshot } from '@sl/contracts';
import { DEFAULT_REQUEST_BYTES } from './request-chunks.ts';
import type { TopicDefinition } from './topic.ts';
import { type EncodedMessage, encodeRecord } from './typed-producer.ts';

/**
 * State bytes per chunk, before compression (the stored sections hardly shrink): a chunk record
 * stays under one 512 KiB request (request-chunks.ts) with room for its headers. kafkajs copies a
 * record through several encoders, each sized to the next power of two: a chunk just over 1 MiB
 * (as the encoder's MiB members were) made 2 MiB zero-filled buffers at every step, twice the
 * garbage per byte that a chunk just under a power of two makes.
 */
export const SNAPSHOT_CHUNK_BYTES = DEFAULT_REQUEST_BYTES - 8 * 1024;

export const chunkKey = (base: string, index: number): string => `${base}#${index}`;

/** A chunk key's index, or undefined when `key` is not one of `base`'s chunk keys. */
function chunkIndexOf(key: string, base: string): number | undefined {
  if (!key.startsWith(`${base}#`)) return undefined;
  const text = key.slice(base.length + 1);
  return /^(0|[1-9][0-9]*)$/.test(text) ? Number(text) : undefined;
}

export interface SnapshotHead {
  inputTopic: string;
  partition: number;
  nextOffset: string;
  stateFormat: number;
  writtenAt: number;
}

export interface ChunkedSnapshot {
  messages: EncodedMessage[];
  /** Chunks holding state (the marker included). */
  chunks: number;
  /** Bytes of state written (the pieces' total). */
  bytes: number;
  /** The highest chunk key this snapshot left holding state bytes; -1 for none. */
  highestKey: number;
}

/** What a streamed snapshot came to, known once its marker is made. */
export interface SnapshotSummary extends Omit<ChunkedSnapshot, 'messages'> {
  /** Time spent making the records (the state's encoding included), not waiting between them, ms. */
  busyMs: number;
}

/**
 * The records of one snapshot, each made when it is drawn: each piece of `pieces` encoded as it
 * comes (the previous one is held back until the next shows whether it is the last), then empty
 * chunks over keys up to `highestKeyBefore` that a larger snapshot left holding bytes, then the
 * marker. A writer that sends each request before drawing the next holds about one request of the
 * snapshot at a time, not the whole state's bytes. `done` is told what was written when the
 * marker is made.
 */
export function* snapshotChunkStream(
  topic: TopicDefinition<AmplificationSnapshot>,
  base: string,
  head: SnapshotHead,
  pieces: Iterable<Buffer>,
  highestKeyBefore: number,
  done: (summary: SnapshotSummary) => void,
): Generator<EncodedMessage> {
  const set = randomBytes(8).toString('hex');
  const record = (key: string, state: Buffer, index: number) =>
    encodeRecord(topic, { key, value: { ...head, state, chunk: { set, index } } });
  let busyMs = 0;
  let resumed = performance.now();
  let held: Buffer | undefined;
  let index = 0;
  let bytes = 0;
  for (const piece of pieces) {
    bytes += piece.length;
    if (held !== undefined) {
      const chunk = record(chunkKey(base, index), held, index);
      index += 1;
      busyMs += performance.now() - resumed;
      yield chunk;
      resumed = performance.now();
    }
    held = piece;
  }
  const highestKey = index - 1;
  for (let stale = index; stale <= highestKeyBefore; stale++) yield record(chunkKey(base, stale), Buffer.alloc(0), stale);
  // The marker last: a reader that finds it finds its set whole (one transaction).
  const marker = record(base, held ?? Buffer.alloc(0), index);
  done({ chunks: index + 1, bytes, highestKey, busyMs: busyMs + performance.now() - resumed });
  yield marker;
}

/** The records of one snapshot (`snapshotChunkStream`), all made at once. */
export function snapshotChunks(
  topic: TopicDefinition<AmplificationSnapshot>,
  base: string,
  head: SnapshotHead,
  pieces: Iterable<Buffer>,
  highestKeyBefore: number,
): ChunkedSnapshot {
  let summary: SnapshotSummary | undefined;
  const messages = [
    ...snapshotChunkStream(topic, base, head, pieces, highestKeyBefore, (written) => {
      summary = written;
    }),
  ];
  if (!summary) throw new Error('unreachable: a drawn snapshot stream reports its summary');
  return { messages, chunks: summary.chunks, bytes: summary.bytes, highestKey: summary.highestKey };
}

export type FoundSnapshot =
  | { kind: 'none' }
  | { kind: 'found'; snapshot: AmplificationSnapshot; pieces: Buffer[]; chunks: number }
  /** A marker whose set is not whole under its keys: never restored. */
  | { kind: 'torn'; snapshot: AmplificationSnapshot; reason: string };

/**
 * The newest snapshot under `base` among a compacted topic's newest values: a single record
 * (written before chunks, chunk null) or a whole chunk set.
 */
export function findSnapshot(values: ReadonlyMap<string, AmplificationSnapshot>, base: string): FoundSnapshot {
  const marker = values.get(base);
  if (marker === undefined) return { kind: 'none' };
  if (marker.chunk === null) return { kind: 'found', snapshot: marker, pieces: [marker.state], chunks: 1 };
  const { set, index: last } = marker.chunk;
  const pieces: Buffer[] = [];
  for (let i = 0; i < last; i++) {
    const chunk = values.get(chunkKey(base, i));
    if (chunk === undefined) return { kind: 'torn', snapshot: marker, reason: `chunk ${i} of ${last + 1} missing` };
    if (chunk.chunk?.set !== set || chunk.chunk.index !== i)
      return { kind: 'torn', snapshot: marker, reason: `chunk ${i} of ${last + 1} belongs to set ${chunk.chunk?.set ?? 'none'}, not ${set}` };
    if (chunk.nextOffset !== marker.nextOffset || chunk.stateFormat !== marker.stateFormat)
      return { kind: 'torn', snapshot: marker, reason: `chunk ${i} of ${last + 1} names offset ${chunk.nextOffset}, format ${chunk.stateFormat}` };
    pieces.push(chunk.state);
  }
  pieces.push(marker.state);
  return { kind: 'found', snapshot: marker, pieces, chunks: last + 1 };
}

/** The highest of `base`'s chunk keys holding state bytes; -1 for none. */
export function highestChunkKey(values: ReadonlyMap<string, AmplificationSnapshot>, base: string): number {
  let highest = -1;
  for (const [key, value] of values) {
    const index = chunkIndexOf(key, base);
    if (index !== undefined && index > highest && value.state.length > 0) highest = index;
  }
  return highest;
}
