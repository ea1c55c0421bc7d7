// Request limits of the ingest endpoint, with their defaults and units in one place.
export interface IngestLimits {
  /** Largest request body accepted. @default 10 MiB */
  maxBodyBytes: number;
  /**
   * After answering 413 to a body over maxBodyBytes, most bytes of the rest of it read and thrown
   * away before the connection closes, so a client still writing can read the answer instead of
   * a broken pipe (see discard-body.ts). @default 10 MiB
   */
  maxDiscardBytes: number;
  /** ... and longest time spent reading them. @default 10_000 ms */
  maxDiscardMs: number;
  /** Most mentions in one request. @default 10_000 */
  maxItems: number;
  /** Mentions per second one token (or one webhook source) may send, refilled continuously. @default 20_000 */
  ratePerSecond: number;
  /** Most mentions one token may send at once after a quiet spell (the bucket's size); at least maxItems. @default 40_000 */
  burst: number;
}

export const defaultIngestLimits: IngestLimits = Object.freeze({
  maxBodyBytes: 10 * 1024 * 1024,
  maxDiscardBytes: 10 * 1024 * 1024,
  maxDiscardMs: 10_000,
  maxItems: 10_000,
  ratePerSecond: 20_000,
  burst: 40_000,
});

/** How far ahead of the gateway's clock a publishedAt may be: sources' clocks and time zones err. */
export const PUBLISHED_AT_TOLERANCE_MS = 24 * 60 * 60 * 1000;
