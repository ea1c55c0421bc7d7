// When a sink turns its buffer into files: enough records, enough bytes, or old enough.
// Files neither tiny (thousands of objects per hour hurt every query) nor huge (memory).
export interface FlushPolicy {
  /** @default 50_000 records */
  maxRecords: number;
  /** Estimated bytes of one partition's buffered records. @default 32 MiB */
  maxBytes: number;
  /**
   * Estimated bytes buffered over all the sink's partitions: past it, the largest buffers are
   * flushed until the sink is back under it, so a member holding many partitions holds no more
   * than one budget. @default 32 MiB
   */
  maxTotalBytes: number;
  /** Age of the oldest buffered record. @default 60_000 ms */
  maxAgeMs: number;
}

export const defaultFlushPolicy: FlushPolicy = Object.freeze({
  maxRecords: 50_000,
  maxBytes: 32 * 1024 * 1024,
  maxTotalBytes: 32 * 1024 * 1024,
  maxAgeMs: 60_000,
});
