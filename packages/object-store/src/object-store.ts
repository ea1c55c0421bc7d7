// The one interface every part of the pipeline writes Parquet files and reads them back through.
// Two adapters implement it: S3 (any S3-compatible endpoint) and a local directory; the shared
// conformance suite in ../test holds both to the same behaviour.

export interface PutOptions {
  /** Stored with the object where the backend keeps metadata (S3); ignored by the local adapter. */
  contentType?: string;
}

export interface ObjectHead {
  /** Bytes. */
  size: number;
  /** The backend's entity tag without quotes, where it has one. */
  etag?: string;
}

export interface ListedObject {
  /** Full key, as passed to put(). */
  key: string;
  /** Bytes. */
  size: number;
}

/**
 * Keys are relative `/`-separated paths (`raw/v1/source=rss/date=2026-11-24/part-0-0-9.parquet`):
 * no leading `/`, no empty, `.` or `..` segments. See object-key.ts.
 */
export interface ObjectStore {
  /** Resolves only once the object is durable under `key`; replaces any previous object whole. */
  put(key: string, body: Uint8Array, options?: PutOptions): Promise<void>;
  /**
   * Creates the object only if no object has the key (S3 `If-None-Match: *`); resolves true when
   * this call created it, false when one was already there (which is left untouched). For small
   * objects (claims, markers): one request, no multipart.
   */
  putIfAbsent(key: string, body: Uint8Array, options?: PutOptions): Promise<boolean>;
  /** The object's bytes; rejects with code OBJECT_NOT_FOUND when there is none. */
  get(key: string): Promise<Buffer>;
  /** Size (and etag) of the object, or undefined when there is none. */
  head(key: string): Promise<ObjectHead | undefined>;
  /**
   * Every object whose key starts with `prefix` (a plain string prefix, not a folder), across all
   * pages, in ascending byte order of keys.
   */
  list(prefix: string): AsyncIterable<ListedObject>;
  /** Removes the object; deleting a missing key succeeds, as in S3. */
  delete(key: string): Promise<void>;
  /** Releases connections (S3); the store is not used afterwards. */
  close(): Promise<void>;
  /** Where the objects go, for logs and start-up banners (`s3://bucket/prefix/ at …`, `file:///…`). */
  describe(): string;
}
