// A partition's state on the wire (STATE_FORMAT 5): gzip over a 4-byte length, the state as JSON
// with its two packed memories left out, then those as binary sections, brand by brand in the
// JSON's order: the waiting mentions' blocks (pending-mentions.ts: a sealed block's deflated bytes
// as they are, the open block's records each a 4-byte length and its bytes) and the copy index's
// prints (little-endian uint32s). JSON because the rest is plain data whose layout belongs
// to this package; the sections because as JSON a backfill of 200,000 waiting mentions was a
// 200 MB string and 5 s of the worker's time. gzip because author tables compress about 5:1, at
// level 1 (the snapshot is taken inside the worker's transaction, so its time is added to the
// alerts of that batch; on a 200,000-mention brand level 1 took 43 ms against level 6's 110 ms,
// for 3 % more bytes), one member per MiB, so no copy of the whole state is made before it is
// compressed (gunzip reads the members as one stream). The members come out as they fill
// (`encodeStatePieces`): the worker's snapshot stores each as a chunk record
// (packages/kafka, snapshot-chunks.ts) and never joins them.
//
// Format 4 (everything JSON: the waiting mentions as objects, prints as base64) is still read.
import { gunzipSync, gzipSync } from 'node:zlib';
import type { ScoredMention } from '@sl/contracts';
import { type BrandState, type PartitionState, STATE_FORMAT } from './brand-state.ts';
import type { CopyIndex } from './copy-index.ts';
import { addPending, newPendingMentions, type PendingBlock, type PendingMentions } from './pending-mentions.ts';

/** The state as format 4 wrote it: the same but for these two memories. */
const FORMAT_4 = 4;
type BrandState4 = Omit<BrandState, 'pending' | 'copyIndex'> & {
  pending: ScoredMention[];
  copyIndex: { ids: string[]; groups: string[]; prints: string[]; head: number; dropped: number };
};

/** What the JSON holds of the packed memories; their bytes follow it. */
interface PendingHead {
  at: number[];
  ids: string[];
  /** Each one's block (an index into `blocks`) and its place there. */
  blockOf: number[];
  slots: number[];
  /** Per block, in the order the bytes follow: a sealed block's deflated length, or an open one's record count. */
  blocks: Array<{ packed: number } | { open: number }>;
}
interface CopyIndexHead {
  ids: string[];
  groups: string[];
  /** Each live entry's print length in words. */
  lengths: number[];
  dropped: number;
}
type BrandStateHead = Omit<BrandState, 'pending' | 'copyIndex'> & { pending: PendingHead; copyIndex: CopyIndexHead };

/** Bytes per gzip member, and so at most per piece of an encoded state (a chunk record of it). */
export const MEMBER_BYTES = 1 << 20;

/** Words of the copy index's prints written between two looks for finished members. */
const PRINT_WORDS_PER_DRAIN = 1 << 16;

/** Bytes written in pieces of at most `memberBytes`, each gzipped as it fills and taken by `drain`. */
class GzipMembers {
  private members: Buffer[] = [];
  private readonly memberBytes: number;
  private readonly chunk: Buffer;
  private at = 0;
  private level = 1;

  constructor(memberBytes: number) {
    this.memberBytes = memberBytes;
    this.chunk = Buffer.allocUnsafe(memberBytes);
  }

  /** The members finished since the last call; the writer keeps none of them. */
  drain(): Buffer[] {
    const done = this.members;
    this.members = [];
    return done;
  }

  /** From here on, members compressed at this level. */
  compression(level: number): void {
    this.flush();
    this.level = level;
  }

  private room(bytes: number): void {
    if (this.at + bytes > this.memberBytes) this.flush();
  }

  flush(): void {
    if (this.at > 0) this.members.push(gzipSync(this.chunk.subarray(0, this.at), { level: this.level }));
    this.at = 0;
  }

  /** Any length: a member boundary may fall inside (gunzip reads the members as one stream). */
  bytes(bytes: Buffer): void {
    let from = 0;
    while (from < bytes.length) {
      if (this.at === this.memberBytes) this.flush();
      const copied = bytes.copy(this.chunk, this.at, from, Math.min(bytes.length, from + this.memberBytes - this.at));
      this.at += copied;
      from += copied;
    }
  }

  uint32(value: number): void {
    this.room(4);
    this.chunk.writeUInt32LE(value, this.at);
    this.at += 4;
  }

  latin1(record: string): void {
    if (record.length > this.memberBytes - this.at) {
      this.bytes(Buffer.from(record, 'latin1'));
      return;
    }
    this.at += this.chunk.write(record, this.at, 'latin1');
  }
}

/** The whole encoded state in one Buffer (the pieces of `encodeStatePieces` joined). */
export function encodeState(state: PartitionState): Buffer {
  return Buffer.concat([...encodeStatePieces(state)]);
}

/**
 * The encoded state as a sequence of pieces, each whole gzip members of at most `memberBytes`
 * before compression, produced as they are consumed: a writer that stores each piece as it comes
 * (a snapshot's chunk records) never holds the whole state's bytes twice. Joined in order they are
 * what `encodeState` returns; `decodeState` takes them joined or as the list.
 */
export function* encodeStatePieces(state: PartitionState, memberBytes = MEMBER_BYTES): Generator<Buffer> {
  const brands: Record<string, BrandStateHead> = {};
  for (const [brandId, st] of Object.entries(state.brands)) {
    const { pending, copyIndex, ...rest } = st;
    const index = copyIndex;
    const lengths: number[] = [];
    for (let at = index.head; at < index.ids.length; at++)
      lengths.push((at + 1 < index.ids.length ? (index.starts[at + 1] as number) : index.used) - (index.starts[at] as number));
    const blockOf: number[] = [];
    const numbers = new Map<PendingBlock, number>();
    for (const block of pending.blocks) {
      let n = numbers.get(block);
      if (n === undefined) {
        n = numbers.size;
        numbers.set(block, n);
      }
      blockOf.push(n);
    }
    const blocks = [...numbers.keys()].map((b) => (b.open === null ? { packed: (b.packed as string).length } : { open: b.open.length }));
    brands[brandId] = {
      ...rest,
      pending: { at: pending.at, ids: pending.ids, blockOf, slots: pending.slots, blocks },
      copyIndex: { ids: index.ids.slice(index.head), groups: index.groups.slice(index.head), lengths, dropped: index.dropped + index.head },
    };
  }
  const json = Buffer.from(JSON.stringify({ format: state.format, ingestWatermark: state.ingestWatermark, brands }), 'utf8');
  const out = new GzipMembers(memberBytes);
  out.uint32(json.length);
  out.bytes(json);
  // The waiting mentions' blocks are deflated already, and hashes do not compress: both stored,
  // not deflated again (deflating them took most of a snapshot's time).
  out.compression(0);
  yield* out.drain();
  for (const st of Object.values(state.brands)) {
    const written = new Set<PendingBlock>();
    for (const block of st.pending.blocks) {
      if (written.has(block)) continue;
      written.add(block);
      if (block.open === null) out.latin1(block.packed as string);
      else
        for (const record of block.open) {
          out.uint32(record.length);
          out.latin1(record);
        }
      yield* out.drain();
    }
    const index = st.copyIndex;
    const from = index.head < index.ids.length ? (index.starts[index.head] as number) : index.used;
    for (let w = from; w < index.used; w++) {
      out.uint32(index.words[w] as number);
      if ((w - from) % PRINT_WORDS_PER_DRAIN === 0) yield* out.drain();
    }
    yield* out.drain();
  }
  out.flush();
  yield* out.drain();
}

/** A state's bytes inflated: one Buffer, or the pieces it was written in (each whole gzip members). */
function inflate(bytes: Buffer | readonly Buffer[]): Buffer {
  if (Buffer.isBuffer(bytes)) return gunzipSync(bytes);
  return Buffer.concat(bytes.map((piece) => gunzipSync(piece)));
}

/** The state, or undefined when it was written in a layout this version does not know. */
export function decodeState(bytes: Buffer | readonly Buffer[], format: number): PartitionState | undefined {
  if (format === FORMAT_4) return fromFormat4(JSON.parse(inflate(bytes).toString('utf8')));
  if (format !== STATE_FORMAT) return undefined;
  const body = inflate(bytes);
  const jsonBytes = body.readUInt32LE(0);
  const head = JSON.parse(body.toString('utf8', 4, 4 + jsonBytes)) as {
    format: number;
    ingestWatermark: number | null;
    brands: Record<string, BrandStateHead>;
  };
  if (head.format !== STATE_FORMAT) return undefined;
  let at = 4 + jsonBytes;
  const brands: Record<string, BrandState> = {};
  for (const [brandId, st] of Object.entries(head.brands)) {
    const blocks: PendingBlock[] = [];
    let filling: PendingBlock | undefined;
    for (const head of st.pending.blocks) {
      if ('packed' in head) {
        blocks.push({ open: null, packed: body.toString('latin1', at, at + head.packed) });
        at += head.packed;
        continue;
      }
      const open: string[] = [];
      for (let r = 0; r < head.open; r++) {
        const length = body.readUInt32LE(at);
        open.push(body.toString('latin1', at + 4, at + 4 + length));
        at += 4 + length;
      }
      filling = { open, packed: null };
      blocks.push(filling);
    }
    const pending: PendingMentions = {
      at: st.pending.at,
      ids: st.pending.ids,
      blocks: st.pending.blockOf.map((n) => blocks[n] as PendingBlock),
      slots: st.pending.slots,
      filling: filling ?? newPendingMentions().filling,
    };
    const { lengths, ids, groups, dropped } = st.copyIndex;
    let used = 0;
    for (const length of lengths) used += length;
    const index: CopyIndex = { ids, groups, starts: [], words: new Uint32Array(Math.max(1_024, used)), used, head: 0, dropped };
    let word = 0;
    for (const length of lengths) {
      index.starts.push(word);
      word += length;
    }
    for (let w = 0; w < used; w++, at += 4) index.words[w] = body.readUInt32LE(at);
    brands[brandId] = { ...st, pending, copyIndex: index };
  }
  if (at !== body.length) throw new Error(`amplification state: ${body.length - at} bytes after the last section`);
  return { format: STATE_FORMAT, ingestWatermark: head.ingestWatermark, brands };
}

/** A format 4 state in today's layout: the waiting mentions encoded, the base64 prints packed. */
function fromFormat4(old: {
  format: number;
  ingestWatermark: number | null;
  brands: Record<string, BrandState4>;
}): PartitionState | undefined {
  if (old.format !== FORMAT_4) return undefined;
  const brands: Record<string, BrandState> = {};
  for (const [brandId, st] of Object.entries(old.brands)) {
    const pending = newPendingMentions();
    for (const mention of st.pending) addPending(pending, mention);
    const old4 = st.copyIndex;
    const prints = old4.prints.slice(old4.head).map((print) => Buffer.from(print, 'base64'));
    let used = 0;
    for (const print of prints) used += print.length / 4;
    const index: CopyIndex = {
      ids: old4.ids.slice(old4.head),
      groups: old4.groups.slice(old4.head),
      starts: [],
      words: new Uint32Array(Math.max(1_024, used)),
      used,
      head: 0,
      dropped: old4.dropped + old4.head,
    };
    let word = 0;
    for (const print of prints) {
      index.starts.push(word);
      for (let i = 0; i < print.length; i += 4) index.words[word++] = print.readUInt32LE(i);
    }
    brands[brandId] = { ...st, pending, copyIndex: index };
  }
  return { format: STATE_FORMAT, ingestWatermark: old.ingestWatermark, brands };
}
