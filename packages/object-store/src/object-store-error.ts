// Errors every adapter throws: a stable code callers branch on, whether trying again later can
// succeed, and the backend's own error as the cause.

export type ObjectStoreErrorCode =
  /** get() of a key with no object. */
  | 'OBJECT_NOT_FOUND'
  /** The key breaks the rules in object-key.ts; a programming error. */
  | 'INVALID_OBJECT_KEY'
  /** Network failure, timeout, throttling, 5xx, a full or busy disk: worth retrying. */
  | 'OBJECT_STORE_UNAVAILABLE'
  /** Credentials rejected or not allowed to touch the bucket. */
  | 'OBJECT_STORE_ACCESS_DENIED'
  /** Bad configuration: missing bucket, invalid environment. */
  | 'OBJECT_STORE_MISCONFIGURED'
  /** Anything else the backend refused. */
  | 'OBJECT_STORE_REQUEST_FAILED';

// A registered symbol, not instanceof: a monorepo can load this module twice, and an error from
// one copy must still be recognised by the other.
const brand = Symbol.for('@sl/object-store/error');

export class ObjectStoreError extends Error {
  override readonly name = 'ObjectStoreError';
  readonly code: ObjectStoreErrorCode;
  readonly retriable: boolean;
  /** The key involved, when there is one. */
  readonly key: string | undefined;
  readonly [brand] = true;

  constructor(code: ObjectStoreErrorCode, message: string, options: { retriable?: boolean; key?: string; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.code = code;
    this.retriable = options.retriable ?? code === 'OBJECT_STORE_UNAVAILABLE';
    this.key = options.key;
  }
}

export function isObjectStoreError(error: unknown): error is ObjectStoreError {
  return typeof error === 'object' && error !== null && (error as Record<symbol, unknown>)[brand] === true;
}
