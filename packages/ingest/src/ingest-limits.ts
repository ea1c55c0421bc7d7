// Request limits of the ingest endpoint, with their defaults and units in one place.
export interface IngestLimits {
  /** Largest request body accepted. @default 10 MiB */
  maxBodyBytes: number;
  /** Most mentions in one request. @default 10_000 */
  maxItems: number;
}

export const defaultIngestLimits: IngestLimits = Object.freeze({ maxBodyBytes: 10 * 1024 * 1024, maxItems: 10_000 });
