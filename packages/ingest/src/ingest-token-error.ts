// Errors in the ingest token configuration. They stop the gateway at start-up; the message names
// the entry (by position and id) and the problem, never the token itself.
export type IngestTokenErrorCode =
  /** SL_INGEST_TOKENS or the tokens file says something invalid. */
  | 'INVALID_INGEST_TOKENS'
  /** The tokens file could not be read; `cause` has the system error. */
  | 'INGEST_TOKENS_FILE_UNREADABLE';

const ingestTokenErrorBrand = Symbol.for('@sl/ingest.IngestTokenError');

export class IngestTokenError extends Error {
  readonly code: IngestTokenErrorCode;
  readonly retriable = false as const;
  readonly [ingestTokenErrorBrand] = true;

  constructor(code: IngestTokenErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'IngestTokenError';
    this.code = code;
  }
}

export function isIngestTokenError(error: unknown): error is IngestTokenError {
  return typeof error === 'object' && error !== null && (error as Record<symbol, unknown>)[ingestTokenErrorBrand] === true;
}
