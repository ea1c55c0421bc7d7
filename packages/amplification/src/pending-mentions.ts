// A brand's mentions waiting for its watermark, kept as encoded records and decoded one at a time
// when judged. A backfill waits whole (the pipeline bench: 204,300 at once), and as objects a
// waiting mention cost about 1.07 KB of heap (its strings, nested objects and arrays). Here each is
// a single-object Avro ScoredMention (the contract's own encoding, so a record kept across a
// schema change still reads), about 420 bytes, and every BLOCK_RECORDS of them in arrival order are
// deflated together (raw deflate, level 1) into a one-byte string: about 0.36 of their size on the
// bench's mentions, where one record alone hardly compresses. Judging reads them back mostly in
// arrival order (a backfill comes roughly in event-time order), so the last few blocks inflated
// are kept (inflated, 64 of them about 0.9 MB); a shuffled backfill inflates a block per mention at
// worst. Beside each record, what
// ordering needs without decoding: its event time and its id.
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { type ScoredMention, scoredMentionContract } from '@sl/contracts';
import { observedAt } from './event-time.ts';

/** Records deflated together: more compress better (0.41 of their size at 16, 0.36 at 32, 0.32 at 64) but cost more to read one. */
const BLOCK_RECORDS = 32;

/** Some waiting mentions' records: open (the newest, still filling) or sealed and deflated. */
export interface PendingBlock {
  /** The records, each its bytes as a one-byte string, while the block fills; null once sealed. */
  open: string[] | null;
  /** Once sealed: each record as a 4-byte little-endian length and its bytes, deflated, one byte a character. */
  packed: string | null;
}

export interface PendingMentions {
  /** Each one's event time (observedAt), in list order. */
  at: number[];
  /** Each one's id, in list order: ties in event time are judged by id. */
  ids: string[];
  /** The block holding each one's record, and its place there. */
  blocks: PendingBlock[];
  slots: number[];
  /** The block new records go to. */
  filling: PendingBlock;
}

export function newPendingMentions(): PendingMentions {
  return { at: [], ids: [], blocks: [], slots: [], filling: { open: [], packed: null } };
}

export function pendingCount(pending: PendingMentions): number {
  return pending.at.length;
}

/** The record of a waiting mention: what `decodePending` gives back, field for field. */
export function encodePending(mention: ScoredMention): string {
  return scoredMentionContract.encode(mention).toString('latin1');
}

export function decodePending(record: string): ScoredMention {
  return scoredMentionContract.decode(Buffer.from(record, 'latin1'));
}

export function addPending(pending: PendingMentions, mention: ScoredMention): void {
  appendPending(pending, observedAt(mention), mention.id, encodePending(mention));
}

/** Adds a record as `encodePending` made it, with its event time and id. */
function appendPending(pending: PendingMentions, at: number, id: string, record: string): void {
  // One at or before the front's watermark belongs among its ready ones: the next release sorts
  // again. A later one (live traffic during a sliced release) goes after them: the front stands.
  const front = readyFronts.get(pending);
  if (front !== undefined && at <= front.upTo) readyFronts.delete(pending);
  let block = pending.filling;
  let open = block.open as string[];
  if (open.length === BLOCK_RECORDS) {
    seal(block);
    block = { open: [], packed: null };
    open = block.open as string[];
    pending.filling = block;
  }
  pending.at.push(at);
  pending.ids.push(id);
  pending.blocks.push(block);
  pending.slots.push(open.length);
  open.push(record);
}

function seal(block: PendingBlock): void {
  const open = block.open as string[];
  let bytes = 0;
  for (const record of open) bytes += 4 + record.length;
  const joined = Buffer.allocUnsafe(bytes);
  let at = 0;
  for (const record of open) {
    joined.writeUInt32LE(record.length, at);
    at += 4 + joined.write(record, at + 4, 'latin1');
  }
  block.packed = deflateRawSync(joined, { level: 1 }).toString('latin1');
  block.open = null;
}

/** Sealed blocks inflated lately, newest first, with where each record starts. */
const inflated: Array<{ block: PendingBlock; bytes: Buffer; starts: number[] }> = [];
/**
 * A brand's mentions come from several upstream partitions, each in order but not with each
 * other, so judge order moves between blocks of a few eras at once: 4 kept made most reads in the
 * pipeline bench inflate a block (zlib 15 % of the worker's time).
 */
const INFLATED_KEPT = 64;

/** The record of the mention at `position`, as `encodePending` made it. */
export function pendingRecord(pending: PendingMentions, position: number): string {
  const block = pending.blocks[position] as PendingBlock;
  const slot = pending.slots[position] as number;
  if (block.open !== null) return block.open[slot] as string;
  return sealedRecord(block, slot).toString('latin1');
}

/** A sealed block's record: a view of its inflated bytes, to decode at once, not to keep. */
function sealedRecord(block: PendingBlock, slot: number): Buffer {
  let hit = inflated.find((entry) => entry.block === block);
  if (hit === undefined) {
    const bytes = inflateRawSync(Buffer.from(block.packed as string, 'latin1'));
    const starts: number[] = [];
    for (let at = 0; at < bytes.length; at += 4 + bytes.readUInt32LE(at)) starts.push(at);
    hit = { block, bytes, starts };
    inflated.unshift(hit);
    if (inflated.length > INFLATED_KEPT) inflated.pop();
  }
  const start = hit.starts[slot] as number;
  return hit.bytes.subarray(start + 4, start + 4 + hit.bytes.readUInt32LE(start));
}

/** The mention at `position`, decoded; a sealed one straight from its inflated block, not through a string and a copy. */
export function pendingMention(pending: PendingMentions, position: number): ScoredMention {
  const block = pending.blocks[position] as PendingBlock;
  const slot = pending.slots[position] as number;
  if (block.open !== null) return decodePending(block.open[slot] as string);
  return scoredMentionContract.decode(sealedRecord(block, slot));
}

/** Event-time order, ties by id, then by what a re-fetch changes, so equal keys never depend on arrival. */
export function judgeOrder(a: ScoredMention, b: ScoredMention): number {
  const ta = observedAt(a);
  const tb = observedAt(b);
  if (ta !== tb) return ta - tb;
  if (a.id !== b.id) return a.id < b.id ? -1 : 1;
  const ea = a.engagement.likes + a.engagement.shares + a.engagement.replies;
  const eb = b.engagement.likes + b.engagement.shares + b.engagement.replies;
  if (ea !== eb) return ea - eb;
  return a.text < b.text ? -1 : a.text > b.text ? 1 : 0;
}

/**
 * Positions of the waiting mentions at or before `upTo`, in judge order (`judgeOrder`), and of the
 * others in list order. Only mentions tied in time and id (a post fetched twice) are decoded to
 * be ordered. A list whose front is already in judge order (what a sliced release leaves) sorts
 * in linear time.
 */
export function splitPending(pending: PendingMentions, upTo: number): { ready: number[]; waiting: number[] } {
  const { at, ids } = pending;
  const ready: number[] = [];
  const waiting: number[] = [];
  for (let i = 0; i < at.length; i++) ((at[i] as number) <= upTo ? ready : waiting).push(i);
  ready.sort((a, b) => {
    const ta = at[a] as number;
    const tb = at[b] as number;
    if (ta !== tb) return ta - tb;
    const ia = ids[a] as string;
    const ib = ids[b] as string;
    if (ia !== ib) return ia < ib ? -1 : 1;
    return judgeOrder(pendingMention(pending, a), pendingMention(pending, b));
  });
  return { ready, waiting };
}

/**
 * Lists whose first `count` entries are all of those at or before `upTo`, in judge order: what a
 * release cut short by its budget leaves (amplification-engine.ts). The next slice of the same
 * release takes its mentions from the front instead of splitting and sorting the whole list again:
 * that made seven arrays of the list's length per slice, so a backfill of 150,000 released in slices
 * of 500 allocated gigabytes and cost the worker about 40 µs of CPU per mention. Not state: a
 * restored or changed list is split again.
 */
const readyFronts = new WeakMap<PendingMentions, { upTo: number; count: number }>();

/** Records that the first `count` entries are all of those at or before `upTo`, in judge order. */
export function markReadyFront(pending: PendingMentions, upTo: number, count: number): void {
  if (count > 0) readyFronts.set(pending, { upTo, count });
  else readyFronts.delete(pending);
}

/** How many entries at the front are all of those at or before `upTo`, in judge order, if known. */
export function readyFront(pending: PendingMentions, upTo: number): number | undefined {
  const front = readyFronts.get(pending);
  return front !== undefined && front.upTo === upTo ? front.count : undefined;
}

/** Drops the first `count` entries in place (judged); a known ready front shrinks by as many. */
export function dropFront(pending: PendingMentions, count: number): void {
  if (count <= 0) return;
  const front = readyFronts.get(pending);
  pending.at.splice(0, count);
  pending.ids.splice(0, count);
  pending.blocks.splice(0, count);
  pending.slots.splice(0, count);
  if (front !== undefined) markReadyFront(pending, front.upTo, front.count - count);
}

/** The waiting list made of the entries at these positions, in this order. */
export function keepPending(pending: PendingMentions, positions: readonly number[]): PendingMentions {
  const kept: PendingMentions = { at: [], ids: [], blocks: [], slots: [], filling: pending.filling };
  for (const i of positions) {
    kept.at.push(pending.at[i] as number);
    kept.ids.push(pending.ids[i] as string);
    kept.blocks.push(pending.blocks[i] as PendingBlock);
    kept.slots.push(pending.slots[i] as number);
  }
  return kept;
}
