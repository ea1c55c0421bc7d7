// The read_committed filter kafkajs should have: drop the records of aborted transactions from a
// fetched partition. kafkajs 2.2.4 walks the broker's aborted-transaction list in the order given
// and starts at most one transaction per record, but the broker lists them in the order they
// ended (its transaction index), not by first offset. Two transactions aborted in reverse order
// of their start, as a broker restart does, then let the earlier one's records through: the
// chaos test saw 4,921 aborted enriched records scored as if committed. As the Java consumer
// does, the list is taken in first-offset order, and every transaction that has started by a
// record's offset is marked before the record is judged.

/** A record as kafkajs decodes it, reduced to what the filter reads. */
export interface FetchedRecord {
  offset: string;
  key: Buffer | null;
  isControlRecord?: boolean;
  batchContext: { producerId: string; inTransaction: boolean };
}

/** An entry of a fetch response's aborted-transaction list. */
export interface AbortedTransaction {
  producerId: string;
  firstOffset: string;
}

// A control record's key is a version (int16, 0) and a type (int16): 0 aborts, 1 commits.
const ABORT_KEY = Buffer.from([0, 0, 0, 0]);

const isAbortMarker = (record: FetchedRecord): boolean =>
  record.isControlRecord === true && record.key !== null && Buffer.from(record.key).equals(ABORT_KEY);

export function dropAbortedRecords<R extends FetchedRecord>({
  messages,
  abortedTransactions,
}: {
  messages: R[];
  abortedTransactions?: AbortedTransaction[] | null;
}): R[] {
  if (!abortedTransactions || abortedTransactions.length === 0) return messages;
  const pending = abortedTransactions
    .map((t) => ({ producerId: String(t.producerId), firstOffset: BigInt(t.firstOffset) }))
    .sort((a, b) => (a.firstOffset < b.firstOffset ? -1 : a.firstOffset > b.firstOffset ? 1 : 0));
  const aborting = new Set<string>();
  let next = 0;
  return messages.filter((record) => {
    const offset = BigInt(record.offset);
    for (let started = pending[next]; started !== undefined && started.firstOffset <= offset; started = pending[next]) {
      aborting.add(started.producerId);
      next += 1;
    }
    const producerId = String(record.batchContext.producerId);
    // The marker itself is a control record: kafkajs drops those after this filter.
    if (isAbortMarker(record)) {
      aborting.delete(producerId);
      return true;
    }
    return !(record.batchContext.inTransaction && aborting.has(producerId));
  });
}
