// Where each partition of a topic ends, as written and as readable: the ingest watermark compares
// a stage's committed offsets with the log's high watermark, which includes what a transaction
// just wrote before its markers are (the readable end, the LSO, would leave that out).

export interface LogEnds {
  partition: number;
  /** Offset after the last record written (the high watermark). */
  high: bigint;
  /**
   * Offset of the first record not readable read_committed (the LSO): high, or an open transaction's
   * start. Read after `high`, so never older than it; above it when a transaction finished between
   * the two reads.
   */
  stable: bigint;
  /** First offset still in the log. */
  low: bigint;
}

export interface LogEndReader {
  ends(topic: string): Promise<LogEnds[]>;
  close(): Promise<void>;
}
