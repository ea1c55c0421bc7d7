// Turns AWS SDK errors into ObjectStoreErrors. The SDK has already retried what it considers
// transient (maxAttempts); `retriable` tells the caller whether trying again later can still help.
import { type ObjectStoreErrorCode, ObjectStoreError } from './object-store-error.ts';

interface SdkErrorShape {
  name?: string;
  code?: string;
  message?: string;
  $metadata?: { httpStatusCode?: number };
  $retryable?: unknown;
}

const notFoundNames = new Set(['NoSuchKey', 'NotFound']);
const deniedNames = new Set(['AccessDenied', 'InvalidAccessKeyId', 'SignatureDoesNotMatch', 'ExpiredToken', 'InvalidToken']);
const misconfiguredNames = new Set(['NoSuchBucket', 'PermanentRedirect', 'AuthorizationHeaderMalformed', 'InvalidBucketName']);
const throttlingNames = new Set(['SlowDown', 'Throttling', 'ThrottlingException', 'RequestTimeout', 'RequestTimeTooSkewed', 'InternalError', 'ServiceUnavailable']);
// Node and SDK errors that mean the request never got an answer.
const networkCodes = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_SOCKET']);
const networkNames = new Set(['TimeoutError', 'RequestTimeout', 'NetworkingError']);

export function classifyS3Error(error: unknown): ObjectStoreErrorCode {
  const e = (error ?? {}) as SdkErrorShape;
  const status = e.$metadata?.httpStatusCode;
  const name = e.name ?? '';
  if (misconfiguredNames.has(name)) return 'OBJECT_STORE_MISCONFIGURED';
  if (notFoundNames.has(name) || status === 404) return 'OBJECT_NOT_FOUND';
  if (deniedNames.has(name) || status === 403 || status === 401) return 'OBJECT_STORE_ACCESS_DENIED';
  if (throttlingNames.has(name) || status === 429 || (status !== undefined && status >= 500)) return 'OBJECT_STORE_UNAVAILABLE';
  if (networkCodes.has(e.code ?? '') || networkNames.has(name) || e.$retryable !== undefined) return 'OBJECT_STORE_UNAVAILABLE';
  return 'OBJECT_STORE_REQUEST_FAILED';
}

export function fromS3Error(error: unknown, key: string, action: string, where: string): ObjectStoreError {
  const code = classifyS3Error(error);
  const e = (error ?? {}) as SdkErrorShape;
  const detail = [e.name, e.code, e.$metadata?.httpStatusCode].filter(Boolean).join(' ');
  return new ObjectStoreError(code, `${action} ${key} at ${where} failed: ${detail || 'unknown error'}: ${e.message ?? ''}`.trim(), {
    key,
    cause: error,
  });
}
