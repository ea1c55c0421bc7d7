// What of a partition's history the enricher's dedupe state has not seen. The state lives in
// memory and is updated by every record enriched here; a record read again with the same origin
// (an aborted attempt, a seek back) changes nothing. So before a batch only the records this
// member never read need replaying: those another member processed while it held the partition,
// bounded to the last `limit` before the batch. Re-reading the last `limit` records after every
// failed attempt, seek or rebalance (as before) starved the enricher when a chaos run killed
// workers every few seconds on a loaded machine: each takeover replayed up to 20,000 records.
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

  /** Records up to `next` (exclusive) were enriched here. */
  saw(partition: number, next: bigint): void {
    const seen = this.seenUpTo.get(partition);
    if (seen === undefined || next > seen) this.seenUpTo.set(partition, next);
  }
}
