// A chunked snapshot is found whole, exactly as written, through what compaction keeps (the newest
// record per key); a set that is not whole is never joined; a single-record snapshot of the code
// before chunks is still found; a smaller snapshot after a larger one leaves no bytes of it behind.
import { randomBytes } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type { AmplificationSnapshot } from '@sl/contracts';
import { describe, expect, it } from 'vitest';
import { DEFAULT_REQUEST_BYTES } from '../src/request-chunks.ts';
import {
  chunkKey,
  findSnapshot,
  highestChunkKey,
  SNAPSHOT_CHUNK_BYTES,
  type SnapshotHead,
  type SnapshotSummary,
  snapshotChunkStream,
  snapshotChunks,
} from '../src/snapshot-chunks.ts';
import { amplificationSnapshotsTopic } from '../src/topic-catalog.ts';
import type { EncodedMessage } from '../src/typed-producer.ts';

const topic = amplificationSnapshotsTopic;
const base = 'mentions.scored:1';
const head = (nextOffset: string): SnapshotHead => ({
  inputTopic: 'mentions.scored',
  partition: 1,
  nextOffset,
  stateFormat: 5,
  writtenAt: 1_700_000_000_000,
});
const pieces = (count: number, tag: string) => Array.from({ length: count }, (_, i) => Buffer.from(`${tag}-piece-${i}`));

/** A compacted topic's newest value per key after these records, in order. */
function compacted(...batches: EncodedMessage[][]): Map<string, AmplificationSnapshot> {
  const values = new Map<string, AmplificationSnapshot>();
  for (const messages of batches) for (const m of messages) values.set(String(m.key), topic.value.decode(m.value));
  return values;
}

describe('snapshot chunks', () => {
  it('writes chunk i under <base>#i and the last chunk, the marker, under the base key, last', () => {
    const written = snapshotChunks(topic, base, head('120'), pieces(4, 'a'), -1);
    expect(written.messages.map((m) => m.key)).toEqual([`${base}#0`, `${base}#1`, `${base}#2`, base]);
    expect([written.chunks, written.bytes, written.highestKey]).toEqual([4, 4 * 'a-piece-0'.length, 2]);
    const decoded = written.messages.map((m) => topic.value.decode(m.value));
    const set = decoded[0]?.chunk?.set;
    expect(set).toMatch(/^[0-9a-f]{16}$/);
    expect(decoded.map((d) => d.chunk)).toEqual([0, 1, 2, 3].map((index) => ({ set, index })));
    expect(decoded.map((d) => [d.nextOffset, d.stateFormat, d.partition])).toEqual(Array(4).fill(['120', 5, 1]));
  });

  it('makes each record when it is drawn, drawing pieces one ahead, and reports what was written with the marker', () => {
    let pulled = 0;
    function* lazy() {
      for (let i = 0; i < 4; i++) {
        pulled += 1;
        yield Buffer.from(`lazy-piece-${i}`);
      }
    }
    const summaries: SnapshotSummary[] = [];
    const stream = snapshotChunkStream(topic, base, head('9'), lazy(), 5, (s) => summaries.push(s));
    expect(pulled).toBe(0);
    const first = stream.next();
    // Chunk 0 is made once piece 1 shows it is not the last.
    expect([pulled, first.done, first.value?.key]).toEqual([2, false, `${base}#0`]);
    expect(summaries).toEqual([]);
    const rest = [...stream].map((m) => m.key);
    // Pieces 1 and 2 as chunks, the stale keys 3 to 5 of a larger snapshot emptied, piece 3 as the marker.
    expect(rest).toEqual([`${base}#1`, `${base}#2`, `${base}#3`, `${base}#4`, `${base}#5`, base]);
    expect(summaries).toEqual([{ chunks: 4, bytes: 4 * 'lazy-piece-0'.length, highestKey: 2, busyMs: expect.any(Number) }]);
  });

  it('finds the pieces exactly, in order, and a one-piece snapshot as one chunk', () => {
    const found = findSnapshot(compacted(snapshotChunks(topic, base, head('120'), pieces(4, 'a'), -1).messages), base);
    expect(found.kind).toBe('found');
    if (found.kind !== 'found') return;
    expect(found.pieces).toEqual(pieces(4, 'a'));
    expect([found.chunks, found.snapshot.nextOffset]).toEqual([4, '120']);

    const one = snapshotChunks(topic, base, head('7'), pieces(1, 'b'), -1);
    expect(one.messages.map((m) => m.key)).toEqual([base]);
    const alone = findSnapshot(compacted(one.messages), base);
    expect(alone.kind === 'found' && [alone.pieces, alone.chunks]).toEqual([pieces(1, 'b'), 1]);
  });

  it('finds a single record written before chunks (chunk null) as the whole state', () => {
    const old: AmplificationSnapshot = { ...head('55'), state: Buffer.from('whole-state'), chunk: null };
    const values = compacted([{ key: base, value: topic.value.encode(old) }]);
    const found = findSnapshot(values, base);
    expect(found.kind === 'found' && [found.pieces, found.chunks, found.snapshot.nextOffset]).toEqual([
      [Buffer.from('whole-state')],
      1,
      '55',
    ]);
    expect(findSnapshot(values, 'mentions.scored:2')).toEqual({ kind: 'none' });
  });

  it('after a larger snapshot, a smaller one empties the keys it does not use and is found alone', () => {
    const large = snapshotChunks(topic, base, head('100'), pieces(6, 'large'), -1);
    expect(large.highestKey).toBe(4);
    const small = snapshotChunks(topic, base, head('200'), pieces(2, 'small'), large.highestKey);
    // #0 holds the new first chunk; #1..#4 are emptied; the marker (index 1) last.
    expect(small.messages.map((m) => m.key)).toEqual([`${base}#0`, `${base}#1`, `${base}#2`, `${base}#3`, `${base}#4`, base]);
    expect(small.highestKey).toBe(0);
    const values = compacted(large.messages, small.messages);
    const found = findSnapshot(values, base);
    expect(found.kind === 'found' && [found.pieces, found.snapshot.nextOffset]).toEqual([pieces(2, 'small'), '200']);
    expect([1, 2, 3, 4].map((i) => values.get(chunkKey(base, i))?.state.length)).toEqual([0, 0, 0, 0]);
    expect(highestChunkKey(values, base)).toBe(0);
  });

  it('never joins a set with a chunk of another snapshot, a missing chunk, or another offset', () => {
    const first = snapshotChunks(topic, base, head('100'), pieces(3, 'first'), -1);
    const second = snapshotChunks(topic, base, head('200'), pieces(3, 'second'), first.highestKey);
    const secondSet = topic.value.decode(second.messages[0]?.value as Buffer).chunk?.set;
    const firstSet = topic.value.decode(first.messages[0]?.value as Buffer).chunk?.set;

    // Chunk 1 of the newer set lost, the older set's chunk 1 kept: mixed.
    const mixed = compacted(
      first.messages,
      second.messages.filter((m) => m.key !== `${base}#1`),
    );
    expect(findSnapshot(mixed, base)).toEqual({
      kind: 'torn',
      snapshot: mixed.get(base),
      reason: `chunk 1 of 3 belongs to set ${firstSet}, not ${secondSet}`,
    });

    const missing = compacted(second.messages.filter((m) => m.key !== `${base}#0`));
    expect(findSnapshot(missing, base)).toMatchObject({ kind: 'torn', reason: 'chunk 0 of 3 missing' });

    // The same set name at another offset (cannot be written, but is not trusted either).
    const forged = compacted(second.messages);
    const chunk0 = forged.get(`${base}#0`) as AmplificationSnapshot;
    forged.set(`${base}#0`, { ...chunk0, nextOffset: '150' });
    expect(findSnapshot(forged, base)).toMatchObject({ kind: 'torn', reason: 'chunk 0 of 3 names offset 150, format 5' });
  });

  it('keeps a full chunk of stored (incompressible) bytes, with its key and headers, under one request', () => {
    const piece = gzipSync(randomBytes(SNAPSHOT_CHUNK_BYTES), { level: 0 });
    const [record] = snapshotChunks(topic, 'amplification-worker.mentions.scored:11', head('1'), [piece], -1).messages;
    if (record === undefined) throw new Error('no record');
    // kafkajs sizes each of its encoders to a power of two: 512 KiB here, not 1 MiB.
    expect(String(record.key).length + record.value.length + 1_024).toBeLessThan(DEFAULT_REQUEST_BYTES);
  });

  it('counts only its own partition chunk keys holding bytes', () => {
    const other = snapshotChunks(topic, 'mentions.scored:10', { ...head('1'), partition: 10 }, pieces(9, 'x'), -1);
    const mine = snapshotChunks(topic, base, head('1'), pieces(3, 'y'), -1);
    const values = compacted(other.messages, mine.messages);
    expect(highestChunkKey(values, base)).toBe(1);
    expect(highestChunkKey(values, 'mentions.scored:10')).toBe(7);
    expect(highestChunkKey(values, 'mentions.scored:3')).toBe(-1);
  });
});
