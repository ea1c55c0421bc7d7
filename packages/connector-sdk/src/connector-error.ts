// Errors raised by the connector SDK and connectors. Each carries a stable code, whether waiting
// and trying again can help, and its cause; the poll loop and the HTTP helper retry only what
// says it is retriable, anywhere in the cause chain.

export type ConnectorErrorCode =
  /** The instance's config does not match the connector's schema. */
  | 'INVALID_CONFIG'
  /** A stored checkpoint does not match the connector's checkpoint schema. */
  | 'INVALID_CHECKPOINT'
  /** The source answered 4xx (not 429): asking again will not help. */
  | 'HTTP_CLIENT_ERROR'
  /** 429 or 5xx, or the network failed, on every attempt. */
  | 'HTTP_UNAVAILABLE'
  /** The source asked to wait (Retry-After) longer than the client is willing to within one run. */
  | 'RATE_LIMITED'
  /** The body is not what the source's format promises (not JSON, not a feed). */
  | 'BAD_RESPONSE'
  /** An item could not be turned into a mention; it goes to the dead-letter topic. */
  | 'INVALID_MENTION'
  /** A file could not be read (backfill). */
  | 'SOURCE_IO';

// A registry symbol survives the package being loaded twice in one process, where instanceof would not.
const connectorErrorBrand = Symbol.for('@sl/connector-sdk.ConnectorError');

export class ConnectorError extends Error {
  readonly code: ConnectorErrorCode;
  readonly retriable: boolean;
  /** How long the source asked us to wait, when it said (Retry-After), in ms. */
  readonly retryAfterMs: number | undefined;
  readonly [connectorErrorBrand] = true;

  constructor(code: ConnectorErrorCode, message: string, options: { retriable?: boolean; cause?: unknown; retryAfterMs?: number } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'ConnectorError';
    this.code = code;
    this.retriable = options.retriable ?? false;
    this.retryAfterMs = options.retryAfterMs;
  }
}

export function isConnectorError(error: unknown): error is ConnectorError {
  return typeof error === 'object' && error !== null && (error as Record<symbol, unknown>)[connectorErrorBrand] === true;
}
