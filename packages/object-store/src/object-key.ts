// One set of key rules for both adapters, so a key that works locally works on S3 and the other
// way round. The local adapter maps keys to file paths, which is why `..` and empty segments are
// refused: they would escape or alias the root.
import { ObjectStoreError } from './object-store-error.ts';

/** Temporary files of in-flight local writes start with this; keys may not, so list() can skip them. */
export const TEMP_FILE_PREFIX = '.sl-tmp-';

export function assertValidKey(key: string): void {
  const reason = invalidKeyReason(key);
  if (reason) throw new ObjectStoreError('INVALID_OBJECT_KEY', `invalid object key ${JSON.stringify(key)}: ${reason}`, { key });
}

function invalidKeyReason(key: string): string | undefined {
  if (key.length === 0) return 'empty';
  // S3's own limit, in UTF-8 bytes.
  if (Buffer.byteLength(key) > 1024) return 'longer than 1024 bytes';
  if (key.startsWith('/')) return 'starts with /';
  if (key.includes('\\')) return 'contains a backslash';
  if (key.includes('\0')) return 'contains a NUL character';
  for (const segment of key.split('/')) {
    if (segment === '') return 'has an empty segment (// or a trailing /)';
    if (segment === '.' || segment === '..') return `has a "${segment}" segment`;
    if (segment.startsWith(TEMP_FILE_PREFIX)) return `has a segment starting with ${TEMP_FILE_PREFIX}, reserved for temporary files`;
  }
  return undefined;
}

/** The same rules for a list() prefix, except that it may be empty or end with `/`. */
export function assertValidPrefix(prefix: string): void {
  if (prefix === '') return;
  assertValidKey(prefix.endsWith('/') ? `${prefix}x` : prefix);
}
