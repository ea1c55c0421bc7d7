// Turns file-system errors of the local adapter into ObjectStoreErrors with the same codes the S3
// adapter uses, so callers handle one set of failures.
import { type ObjectStoreErrorCode, ObjectStoreError } from './object-store-error.ts';

// Conditions that pass: space freed, descriptors released, a device back.
const transientCodes = new Set(['ENOSPC', 'EDQUOT', 'EMFILE', 'ENFILE', 'EAGAIN', 'EBUSY', 'EIO', 'ETIMEDOUT', 'EINTR']);
const deniedCodes = new Set(['EACCES', 'EPERM', 'EROFS']);

export function fromFsError(error: unknown, key: string, action: string): ObjectStoreError {
  const errno = (error as NodeJS.ErrnoException | undefined)?.code ?? 'unknown';
  let code: ObjectStoreErrorCode = 'OBJECT_STORE_REQUEST_FAILED';
  if (transientCodes.has(errno)) code = 'OBJECT_STORE_UNAVAILABLE';
  else if (deniedCodes.has(errno)) code = 'OBJECT_STORE_ACCESS_DENIED';
  const hint =
    errno === 'ENOTDIR' || errno === 'EISDIR' || errno === 'EEXIST'
      ? ' (a local folder cannot hold both an object and other objects under it as a prefix)'
      : '';
  return new ObjectStoreError(code, `${action} ${key} failed: ${errno}${hint}`, { key, cause: error });
}
