// Chooses and configures the object store from the environment, once, at start-up: S3 when a
// bucket is named, otherwise a local folder (the embedded default).
import { z } from 'zod';
import { createLocalObjectStore } from './local-object-store.ts';
import type { ObjectStore } from './object-store.ts';
import { ObjectStoreError } from './object-store-error.ts';
import { createS3ObjectStore } from './s3-object-store.ts';

export type ObjectStoreConfig =
  | {
      readonly kind: 's3';
      readonly endpoint: string | undefined;
      readonly bucket: string;
      readonly region: string;
      readonly prefix: string;
      readonly forcePathStyle: boolean;
      readonly accessKeyId: string | undefined;
      readonly secretAccessKey: string | undefined;
      /** A request whose connection stays silent this long fails and is retried. */
      readonly socketTimeoutMs: number;
    }
  | { readonly kind: 'local'; readonly root: string };

// Compose files and CI often set a variable to '' to mean "not set".
const optionalText = z.preprocess((value) => (value === '' ? undefined : value), z.string().min(1).optional());

const envSchema = z
  .object({
    /** S3-compatible server URL; unset with S3_BUCKET set means AWS itself. */
    S3_ENDPOINT: z.preprocess((value) => (value === '' ? undefined : value), z.url().optional()),
    /** Naming a bucket switches from the local folder to S3. */
    S3_BUCKET: optionalText,
    /** @default AWS_REGION, then 'us-east-1' */
    S3_REGION: optionalText,
    AWS_REGION: optionalText,
    /** Key prefix inside the bucket. @default '' */
    S3_PREFIX: optionalText,
    /** @default true: path-style suits self-hosted servers; set false for virtual-hosted AWS buckets. */
    S3_FORCE_PATH_STYLE: z.preprocess((value) => (value === '' ? undefined : value), z.stringbool().default(true)),
    /** With AWS_SECRET_ACCESS_KEY; unset means the SDK's default credential chain. */
    AWS_ACCESS_KEY_ID: optionalText,
    AWS_SECRET_ACCESS_KEY: optionalText,
    /** Milliseconds a request's connection may stay silent before it fails (and is retried). @default 60_000 ms */
    S3_SOCKET_TIMEOUT_MS: z.preprocess((value) => (value === '' ? undefined : value), z.coerce.number().int().min(100).default(60_000)),
  })
  .refine((env) => env.S3_ENDPOINT === undefined || env.S3_BUCKET !== undefined, {
    path: ['S3_BUCKET'],
    message: 'S3_BUCKET is required when S3_ENDPOINT is set',
  })
  .refine((env) => (env.AWS_ACCESS_KEY_ID === undefined) === (env.AWS_SECRET_ACCESS_KEY === undefined), {
    path: ['AWS_SECRET_ACCESS_KEY'],
    message: 'AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are set together or not at all',
  });

export interface ObjectStoreEnvDefaults {
  /** Folder used when no S3 bucket is configured. */
  defaultLocalRoot: string;
}

export function parseObjectStoreConfig(env: Record<string, string | undefined>, defaults: ObjectStoreEnvDefaults): ObjectStoreConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(env)'}: ${issue.message}`).join('; ');
    throw new ObjectStoreError('OBJECT_STORE_MISCONFIGURED', `invalid object store configuration: ${problems}`, { cause: parsed.error });
  }
  const vars = parsed.data;
  if (vars.S3_BUCKET === undefined) return Object.freeze({ kind: 'local', root: defaults.defaultLocalRoot });
  return Object.freeze({
    kind: 's3',
    endpoint: vars.S3_ENDPOINT,
    bucket: vars.S3_BUCKET,
    region: vars.S3_REGION ?? vars.AWS_REGION ?? 'us-east-1',
    prefix: vars.S3_PREFIX ?? '',
    forcePathStyle: vars.S3_FORCE_PATH_STYLE,
    accessKeyId: vars.AWS_ACCESS_KEY_ID,
    secretAccessKey: vars.AWS_SECRET_ACCESS_KEY,
    socketTimeoutMs: vars.S3_SOCKET_TIMEOUT_MS,
  });
}

export function createObjectStore(config: ObjectStoreConfig): ObjectStore {
  if (config.kind === 'local') return createLocalObjectStore({ root: config.root });
  const { kind: _kind, ...s3 } = config;
  return createS3ObjectStore(s3);
}

export function createObjectStoreFromEnv(env: Record<string, string | undefined>, defaults: ObjectStoreEnvDefaults): ObjectStore {
  return createObjectStore(parseObjectStoreConfig(env, defaults));
}
