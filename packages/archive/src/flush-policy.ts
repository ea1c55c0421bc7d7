// When a sink turns its buffer into files: enough records, enough bytes, or old enough.
// Files neither tiny (thousands of objects per hour hurt every query) nor huge (memory).
export interface FlushPolicy {
  /** @default 50_000 records */
  maxRecords: number;
  /** Estimated bytes of buffered records. @default 32 MiB */
  maxBytes: number;
  /** Age of the oldest buffered record. @default 60_000 ms */
  maxAgeMs: number;
}

export const defaultFlushPolicy: FlushPolicy = Object.freeze({ maxRecords: 50_000, maxBytes: 32 * 1024 * 1024, maxAgeMs: 60_000 });
