// What of a partition's history the enricher's dedupe state has not seen. The state lives in
// memory and is updated by every record enriched here; a record read again with the same origin
// (an aborted attempt, a seek back) changes nothing while its id is still held. So while a member
// keeps a partition, a batch needs replaying only of records it never read: those another member
// processed meanwhile (a seek forward), bounded to the last `limit` before the batch. A partition
// this member lost is forgotten: taken over again, it replays the last `limit` records, as every
// takeover does (the member's other partitions may have pushed its ids out of the bounded index
// meanwhile). Re-reading the last `limit` records after every failed attempt or seek as well (as
// before) starved the enricher when a chaos run killed workers every few seconds on a loaded
// machine: each replayed up to 20,000 records.
export interface HistoryRange {
  from: bigint;
  to: bigint;
}

export class PartitionHistory {
  private readonly limit: bigint;
  /** Per partition, the offset after the last record enriched here. */
  private readonly seenUpTo = new Map<number, bigint>();

  constructor(limit: number) {
    this.limit = BigInt(limit);
  }

  /** The records to replay before a batch that starts at `first`; undefined when there are none. */
  gapBefore(partition: number, first: bigint): HistoryRange | undefined {
    if (this.limit === 0n) return undefined;
    const seen = this.seenUpTo.get(partition);
    if (seen !== undefined && first <= seen) return undefined;
    const floor = first > this.limit ? first - this.limit : 0n;
    const from = seen !== undefined && seen > floor ? seen : floor;
    return from < first ? { from, to: first } : undefined;
  }

  /** Partitions this member no longer owns are forgotten: a takeover replays the full limit. */
  keepOnly(owned: readonly number[]): void {
    for (const partition of [...this.seenUpTo.keys()]) if (!owned.includes(partition)) this.seenUpTo.delete(partition);
  }

  /** Records up to `next` (exclusive) were enriched here, or are this member's to enrich. */
  saw(partition: number, next: bigint): void {
    const seen = this.seenUpTo.get(partition);
    if (seen === undefined || next > seen) this.seenUpTo.set(partition, next);
  }
}
