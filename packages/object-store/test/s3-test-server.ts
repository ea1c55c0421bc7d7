// Where the S3 tests find a real S3-compatible server: the one named by S3_ENDPOINT/S3_BUCKET if
// set, otherwise a private S3Mock started for this test file. Kept in one function so a shared
// global setup can replace it.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { dataDir } from '@sl/infra/paths';
import { startS3Server } from '@sl/infra/s3';

export interface TestS3Server {
  endpoint: string;
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  stop(): Promise<void>;
}

export async function startTestS3Server(): Promise<TestS3Server> {
  const env = process.env;
  if (env.S3_ENDPOINT) {
    if (!env.S3_BUCKET) throw new Error('S3_ENDPOINT is set but S3_BUCKET is not');
    return {
      endpoint: env.S3_ENDPOINT,
      bucket: env.S3_BUCKET,
      region: env.S3_REGION ?? 'us-east-1',
      accessKeyId: env.AWS_ACCESS_KEY_ID ?? 'test',
      secretAccessKey: env.AWS_SECRET_ACCESS_KEY ?? 'test',
      stop: async () => {},
    };
  }
  const serverDir = path.join(dataDir, 'test', `s3mock-${process.pid}-${randomBytes(3).toString('hex')}`);
  const server = await startS3Server({ dataDir: serverDir, bucket: 'sl-test' });
  return {
    ...server,
    async stop() {
      await server.stop();
      // The objects go; the log stays beside them for a failed run to be read.
      await fs.rm(path.join(serverDir, 'store'), { recursive: true, force: true });
    },
  };
}

/** A key prefix no other test run uses, so runs against a shared bucket never meet. */
export function uniqueRunPrefix(label: string): string {
  return `test-runs/${label}-${Date.now()}-${randomBytes(4).toString('hex')}/`;
}
