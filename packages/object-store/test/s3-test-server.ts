// Where the S3 tests find their real S3-compatible server: the one the testkit's global setup
// hands every integration test (the environment's, a MinIO container, or the local S3Mock).
import { randomBytes } from 'node:crypto';
import '@sl/testkit/provided';
import { inject } from 'vitest';

export interface TestS3Server {
  endpoint: string;
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  stop(): Promise<void>;
}

export async function startTestS3Server(): Promise<TestS3Server> {
  return { ...inject('s3'), stop: async () => {} };
}

/** A key prefix no other test run uses, so runs against a shared bucket never meet. */
export function uniqueRunPrefix(label: string): string {
  return `test-runs/${label}-${Date.now()}-${randomBytes(4).toString('hex')}/`;
}
