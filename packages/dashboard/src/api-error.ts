// An answer the API gives instead of data: a status, a stable code and a message a person can act
// on. Thrown by the request handlers, turned into JSON by the server.
export type ApiErrorCode =
  | 'BAD_REQUEST'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'METHOD_NOT_ALLOWED'
  | 'CONFLICT'
  | 'PAYLOAD_TOO_LARGE'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'UNAVAILABLE';

const brand = Symbol.for('@sl/dashboard.ApiError');

const statusOf: Readonly<Record<ApiErrorCode, number>> = {
  BAD_REQUEST: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  UNAVAILABLE: 503,
};

export class ApiError extends Error {
  readonly code: ApiErrorCode;
  readonly status: number;
  /** Only an unavailable dependency (the broker) may answer differently next time. */
  readonly retriable: boolean;
  readonly [brand] = true;

  constructor(code: ApiErrorCode, message: string, options: { cause?: unknown } = {}) {
    super(message, options);
    this.name = 'ApiError';
    this.code = code;
    this.status = statusOf[code];
    this.retriable = code === 'UNAVAILABLE';
  }
}

export function isApiError(error: unknown): error is ApiError {
  return typeof error === 'object' && error !== null && (error as Record<symbol, unknown>)[brand] === true;
}

export const badRequest = (message: string) => new ApiError('BAD_REQUEST', message);
