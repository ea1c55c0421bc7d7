// Control records: the few records on a data topic that are not data. Today one kind, a watermark
// tick: "every mention ingested at or before `ingestWatermark` is already on this partition, at a
// lower offset". A stage that keeps event-time state writes them into its own input partition so
// that a replay after a crash meets the same ticks between the same records and rebuilds the same
// state. They carry a header, not a schema: every reader sets them aside before decoding, so the
// topic's contract stays the data's. A tick may also say how many held mentions it releases at
// most (`maxJudged`): a backfill released by one tick would otherwise be judged, and its outputs
// committed, in one transaction however large it is; the bound is in the record, not in the
// reader's configuration, so a replay cuts the release where the live run did.
import type { EncodedMessage } from './typed-producer.ts';

export const CONTROL_HEADER = 'sl-control';
const WATERMARK_KIND = 'watermark';

export interface ControlRecord {
  partition: number;
  offset: string;
  kind: typeof WATERMARK_KIND;
  /** Epoch ms: mentions ingested at or before it are at lower offsets of this partition. */
  ingestWatermark: number;
  /** The most held mentions this tick releases; the rest wait for the next tick. Absent: no bound (ticks written before the bound). */
  maxJudged?: number;
}

export class InvalidControlRecordError extends Error {
  readonly code = 'INVALID_CONTROL_RECORD';
  readonly retriable = false;
}

/** True when a message's headers mark it as a control record. */
export function isControlMessage(headers: Record<string, string | Buffer | (string | Buffer)[] | undefined> | undefined): boolean {
  return headers?.[CONTROL_HEADER] !== undefined;
}

export function watermarkTickMessage(ingestWatermark: number, maxJudged?: number): EncodedMessage {
  return {
    key: '~watermark',
    value: Buffer.from(JSON.stringify(maxJudged === undefined ? { ingestWatermark } : { ingestWatermark, maxJudged })),
    headers: { [CONTROL_HEADER]: WATERMARK_KIND },
  };
}

/** Reads a control message; throws InvalidControlRecordError for a kind or body it does not know. */
export function parseControlMessage(partition: number, offset: string, kind: string, value: Buffer | null): ControlRecord {
  if (kind !== WATERMARK_KIND) throw new InvalidControlRecordError(`control record at offset ${offset} has unknown kind '${kind}'`);
  let body: unknown;
  try {
    body = JSON.parse(value?.toString('utf8') ?? 'null');
  } catch {
    throw new InvalidControlRecordError(`watermark tick at offset ${offset} is not JSON`);
  }
  const { ingestWatermark, maxJudged } = (body ?? {}) as { ingestWatermark?: unknown; maxJudged?: unknown };
  if (typeof ingestWatermark !== 'number' || !Number.isFinite(ingestWatermark)) {
    throw new InvalidControlRecordError(`watermark tick at offset ${offset} has no numeric ingestWatermark`);
  }
  if (maxJudged === undefined) return { partition, offset, kind: WATERMARK_KIND, ingestWatermark };
  if (typeof maxJudged !== 'number' || !Number.isSafeInteger(maxJudged) || maxJudged < 1) {
    throw new InvalidControlRecordError(`watermark tick at offset ${offset} has a maxJudged that is not a positive integer`);
  }
  return { partition, offset, kind: WATERMARK_KIND, ingestWatermark, maxJudged };
}

/** Records and control records of one batch, merged back into offset order. */
export function inOffsetOrder<R extends { offset: string }>(records: readonly R[], controls: readonly ControlRecord[]): Array<{ record: R } | { control: ControlRecord }> {
  const merged: Array<{ offset: bigint; item: { record: R } | { control: ControlRecord } }> = [
    ...records.map((record) => ({ offset: BigInt(record.offset), item: { record } })),
    ...controls.map((control) => ({ offset: BigInt(control.offset), item: { control } })),
  ];
  merged.sort((a, b) => (a.offset < b.offset ? -1 : a.offset > b.offset ? 1 : 0));
  return merged.map((m) => m.item);
}
