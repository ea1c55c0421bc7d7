export { createLocalObjectStore, type LocalObjectStoreOptions } from './local-object-store.ts';
export type { ListedObject, ObjectHead, ObjectStore, PutOptions } from './object-store.ts';
export { isObjectStoreError, ObjectStoreError, type ObjectStoreErrorCode } from './object-store-error.ts';
export {
  createObjectStore,
  createObjectStoreFromEnv,
  type ObjectStoreConfig,
  type ObjectStoreEnvDefaults,
  parseObjectStoreConfig,
} from './object-store-from-env.ts';
export { createS3ObjectStore, type S3ObjectStoreOptions } from './s3-object-store.ts';
export { type MirrorReport, mirrorPrefixes } from './mirror-prefixes.ts';
