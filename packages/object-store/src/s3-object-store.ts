// The object store on S3 or anything that speaks its API (MinIO, S3Mock, Ceph). Path-style by
// default because local and self-hosted servers rarely resolve bucket subdomains.
import http from 'node:http';
import https from 'node:https';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  paginateListObjectsV2,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { assertValidKey, assertValidPrefix } from './object-key.ts';
import type { ListedObject, ObjectStore } from './object-store.ts';
import { ObjectStoreError } from './object-store-error.ts';
import { fromS3Error } from './s3-error-mapping.ts';
import { uploadMultipart } from './s3-multipart-upload.ts';

const MiB = 1024 * 1024;

export interface S3ObjectStoreOptions {
  /** Server URL; absent means AWS itself, found from the region. */
  endpoint?: string;
  bucket: string;
  region: string;
  /** With secretAccessKey; absent means the SDK's default credential chain. */
  accessKeyId?: string;
  secretAccessKey?: string;
  /** `https://host/bucket/key` rather than `https://bucket.host/key`. @default true */
  forcePathStyle?: boolean;
  /** Prepended to every key (a `/` is added if missing), so several stores can share a bucket. @default '' */
  prefix?: string;
  /** Bodies larger than this go up in parts. @default 8 MiB */
  multipartThresholdBytes?: number;
  /** @default 8 MiB (S3's minimum is 5 MiB) */
  partSizeBytes?: number;
  /** Parts uploaded at once. @default 4 */
  partConcurrency?: number;
  /** Attempts per request, including the first, with the SDK's backoff. @default 3 */
  maxAttempts?: number;
  /** @default 5_000 ms */
  connectionTimeoutMs?: number;
  /** A socket silent for this long is dropped and the request fails (then retries). @default 60_000 ms */
  socketTimeoutMs?: number;
}

const defaults = {
  forcePathStyle: true,
  prefix: '',
  multipartThresholdBytes: 8 * MiB,
  partSizeBytes: 8 * MiB,
  partConcurrency: 4,
  maxAttempts: 3,
  connectionTimeoutMs: 5_000,
  socketTimeoutMs: 60_000,
} satisfies Partial<S3ObjectStoreOptions>;

export function createS3ObjectStore(options: S3ObjectStoreOptions): ObjectStore {
  const settings = { ...defaults, ...withoutUndefined(options), bucket: options.bucket, region: options.region };
  if (settings.partSizeBytes < 5 * MiB) {
    throw new ObjectStoreError('OBJECT_STORE_MISCONFIGURED', `partSizeBytes must be at least 5 MiB, got ${settings.partSizeBytes}`);
  }
  const { bucket } = settings;
  const prefix = settings.prefix === '' || settings.prefix.endsWith('/') ? settings.prefix : `${settings.prefix}/`;
  if (prefix !== '') assertValidPrefix(prefix);
  const where = `s3://${bucket}/${prefix}${settings.endpoint ? ` at ${settings.endpoint}` : ''}`;

  const agentOptions = { keepAlive: true, maxSockets: 50 };
  const client = new S3Client({
    region: settings.region,
    endpoint: settings.endpoint,
    forcePathStyle: settings.forcePathStyle,
    maxAttempts: settings.maxAttempts,
    credentials:
      settings.accessKeyId && settings.secretAccessKey
        ? { accessKeyId: settings.accessKeyId, secretAccessKey: settings.secretAccessKey }
        : undefined,
    requestHandler: new NodeHttpHandler({
      connectionTimeout: settings.connectionTimeoutMs,
      socketTimeout: settings.socketTimeoutMs,
      httpAgent: new http.Agent(agentOptions),
      httpsAgent: new https.Agent(agentOptions),
    }),
  });

  const fullKey = (key: string): string => {
    assertValidKey(key);
    return prefix + key;
  };
  /** Runs one SDK call, reporting failures as ObjectStoreErrors. */
  const attempt = async <T>(action: string, key: string, call: () => Promise<T>): Promise<T> => {
    try {
      return await call();
    } catch (error) {
      throw fromS3Error(error, key, action, where);
    }
  };

  return {
    async put(key, body, putOptions) {
      const Key = fullKey(key);
      const ContentType = putOptions?.contentType;
      await attempt('put', key, async () => {
        if (body.byteLength > settings.multipartThresholdBytes) {
          await uploadMultipart({
            client,
            bucket,
            key: Key,
            body,
            contentType: ContentType,
            partSize: settings.partSizeBytes,
            concurrency: settings.partConcurrency,
          });
        } else {
          await client.send(new PutObjectCommand({ Bucket: bucket, Key, Body: body, ContentType }));
        }
      });
    },

    async putIfAbsent(key, body, putOptions) {
      const Key = fullKey(key);
      try {
        await client.send(new PutObjectCommand({ Bucket: bucket, Key, Body: body, ContentType: putOptions?.contentType, IfNoneMatch: '*' }));
        return true;
      } catch (error) {
        // 412: an object is already there. (409 ConditionalRequestConflict: a concurrent
        // conditional write is in flight; the other writer wins, the same as 412.)
        const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
        if (status === 412 || status === 409) return false;
        throw fromS3Error(error, key, 'put', where);
      }
    },

    async get(key) {
      const Key = fullKey(key);
      return await attempt('get', key, async () => {
        const response = await client.send(new GetObjectCommand({ Bucket: bucket, Key }));
        if (!response.Body) throw new Error('GetObject returned no body');
        const bytes = await response.Body.transformToByteArray();
        return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      });
    },

    async head(key) {
      const Key = fullKey(key);
      try {
        const response = await attempt('head', key, () => client.send(new HeadObjectCommand({ Bucket: bucket, Key })));
        return { size: response.ContentLength ?? 0, etag: response.ETag?.replaceAll('"', '') };
      } catch (error) {
        if ((error as ObjectStoreError).code === 'OBJECT_NOT_FOUND') return undefined;
        throw error;
      }
    },

    list(listPrefix) {
      return listPages(listPrefix);
    },

    async delete(key) {
      const Key = fullKey(key);
      await attempt('delete', key, () => client.send(new DeleteObjectCommand({ Bucket: bucket, Key })));
    },

    async close() {
      client.destroy();
    },

    describe: () => where,
  };

  async function* listPages(listPrefix: string): AsyncIterable<ListedObject> {
    assertValidPrefix(listPrefix);
    // S3 returns at most 1000 keys per page; the paginator follows the continuation tokens.
    const pages = paginateListObjectsV2({ client }, { Bucket: bucket, Prefix: prefix + listPrefix });
    const iterator = pages[Symbol.asyncIterator]();
    for (;;) {
      const page = await attempt('list', listPrefix, () => iterator.next());
      if (page.done) return;
      for (const object of page.value.Contents ?? []) {
        if (object.Key === undefined) continue;
        yield { key: object.Key.slice(prefix.length), size: object.Size ?? 0 };
      }
    }
  }
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as Partial<T>;
}
