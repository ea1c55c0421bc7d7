// A brand's mentions waiting for its watermark, kept as encoded records and decoded one at a time
// when judged. A backfill waits whole (the pipeline bench: 204,300 at once), and as objects a
// waiting mention cost about 1.07 KB of heap (its strings, nested objects and arrays); as a
// single-object Avro ScoredMention (the contract's own encoding, so a record kept across a schema
// change still reads) held in a one-byte string it costs about its 420 bytes plus a string header.
// Beside each record, what ordering needs without decoding: its event time and its id.
import { type ScoredMention, scoredMentionContract } from '@sl/contracts';
import { observedAt } from './event-time.ts';

export interface PendingMentions {
  /** Each one's event time (observedAt), in list order. */
  at: number[];
  /** Each one's id, in list order: ties in event time are judged by id. */
  ids: string[];
  /** Each one's waiting record: its single-object Avro bytes, one byte a character (latin1). */
  records: string[];
}

export function newPendingMentions(): PendingMentions {
  return { at: [], ids: [], records: [] };
}

export function pendingCount(pending: PendingMentions): number {
  return pending.records.length;
}

/** The record of a waiting mention: what `decodePending` gives back, field for field. */
export function encodePending(mention: ScoredMention): string {
  return scoredMentionContract.encode(mention).toString('latin1');
}

export function decodePending(record: string): ScoredMention {
  return scoredMentionContract.decode(Buffer.from(record, 'latin1'));
}

export function addPending(pending: PendingMentions, mention: ScoredMention): void {
  pending.at.push(observedAt(mention));
  pending.ids.push(mention.id);
  pending.records.push(encodePending(mention));
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
  const { at, ids, records } = pending;
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
    return judgeOrder(decodePending(records[a] as string), decodePending(records[b] as string));
  });
  return { ready, waiting };
}

/** The waiting list made of the entries at these positions, in this order. */
export function keepPending(pending: PendingMentions, positions: readonly number[]): PendingMentions {
  const kept = newPendingMentions();
  for (const i of positions) {
    kept.at.push(pending.at[i] as number);
    kept.ids.push(pending.ids[i] as string);
    kept.records.push(pending.records[i] as string);
  }
  return kept;
}
