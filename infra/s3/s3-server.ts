// A local S3-compatible server on 127.0.0.1: Adobe S3Mock's standalone jar, run on the JVM.
// Chosen over the npm servers because it takes the AWS SDK's default checksums, aws-chunked
// uploads, pagination and multipart without client workarounds (see README.md here).
// Used by tests and by the embedded default when no S3_ENDPOINT is given.
import fs from 'node:fs';
import path from 'node:path';
import { freePort, startManagedProcess } from '../managed-process.ts';
import { ensureS3MockInstalled, S3MOCK_VERSION } from './s3mock-install.ts';

export interface S3ServerOptions {
  /** Folder the server keeps its objects in (under `store/`) and its log file (`s3mock.log`). */
  dataDir: string;
  /** Bucket created at start; kept, with its objects, when the folder is reused. */
  bucket: string;
  /** Plain-HTTP port on 127.0.0.1; 0 or absent picks a free one. */
  port?: number;
  /** Region the server reports. @default 'us-east-1' */
  region?: string;
  /** JVM heap ceiling in MiB. @default 512 */
  heapMb?: number;
  /** Log file. @default `<dataDir>/s3mock.log` */
  logFile?: string;
  /** How long Spring Boot may take to serve; many times its 3 s at rest on a loaded machine. @default 180_000 ms */
  readyTimeoutMs?: number;
}

export interface RunningS3Server {
  /** `http://127.0.0.1:<port>`; use with path-style addressing. */
  endpoint: string;
  bucket: string;
  region: string;
  /** S3Mock does not check signatures; any non-empty pair works, these are just stable. */
  accessKeyId: string;
  secretAccessKey: string;
  logFile: string;
  pid: number;
  /** Clean shutdown (SIGTERM, Spring's graceful stop), SIGKILL after 15 s. */
  stop(): Promise<void>;
}

export async function ensureS3ServerInstalled(): Promise<void> {
  await ensureS3MockInstalled();
}

export interface S3MockCommandOptions {
  jar: string;
  loopbackClasses: string;
  storeRoot: string;
  bucket: string;
  httpPort: number;
  httpsPort: number;
  region: string;
  heapMb: number;
}

/**
 * The java command line. S3Mock always opens two connectors: HTTPS on `server.port` (which
 * honours `server.address`) and plain HTTP on `httpPort`, which S3Mock adds itself with no address
 * and so binds every interface. Spring Boot's PropertiesLauncher puts `loopbackClasses` on the
 * class path; its spring.factories registers LoopbackConnectors, which gives that extra connector
 * `server.address` too. Both then listen on 127.0.0.1 only.
 */
export function s3MockCommand(options: S3MockCommandOptions): string[] {
  return [
    `-Xmx${options.heapMb}m`,
    // A test server next to a broker on a two-core machine: the smallest collector, no GC threads.
    '-XX:+UseSerialGC',
    '-Djava.awt.headless=true',
    `-Dloader.path=${options.loopbackClasses}`,
    '-Dloader.main=com.adobe.testing.s3mock.S3MockApplication',
    '-cp',
    options.jar,
    'org.springframework.boot.loader.launch.PropertiesLauncher',
    '--server.address=127.0.0.1',
    `--server.port=${options.httpsPort}`,
    `--com.adobe.testing.s3mock.httpPort=${options.httpPort}`,
    `--com.adobe.testing.s3mock.region=${options.region}`,
    `--com.adobe.testing.s3mock.store.root=${options.storeRoot}`,
    `--com.adobe.testing.s3mock.store.initialBuckets=${options.bucket}`,
    // Without this S3Mock deletes its whole store folder on exit.
    '--com.adobe.testing.s3mock.store.retainFilesOnExit=true',
    '--spring.main.banner-mode=off',
  ];
}

export async function startS3Server(options: S3ServerOptions): Promise<RunningS3Server> {
  const installation = await ensureS3MockInstalled();
  const dataDir = path.resolve(options.dataDir);
  const storeRoot = path.join(dataDir, 'store');
  fs.mkdirSync(storeRoot, { recursive: true });
  const logFile = options.logFile ?? path.join(dataDir, 's3mock.log');
  const region = options.region ?? 'us-east-1';
  const { bucket } = options;

  // A port picked here can be taken by someone else before the JVM binds it; when we picked it
  // (rather than the caller), pick again instead of failing the caller's test.
  const attempts = options.port ? 1 : 3;
  for (let attempt = 1; ; attempt++) {
    const httpPort = options.port || (await freePort());
    const httpsPort = await freePort();
    const endpoint = `http://127.0.0.1:${httpPort}`;
    try {
      const server = await startManagedProcess({
        name: `s3mock ${S3MOCK_VERSION}`,
        command: 'java',
        args: s3MockCommand({ ...installation, storeRoot, bucket, httpPort, httpsPort, region, heapMb: options.heapMb ?? 512 }),
        logFile,
        // S3Mock creates initial buckets lazily, on the first request; asking for the bucket both
        // triggers that and proves the HTTP connector serves S3 calls.
        isReady: () => bucketExists(endpoint, bucket),
        readyTimeoutMs: options.readyTimeoutMs ?? 180_000,
        stopTimeoutMs: 15_000,
      });
      return {
        endpoint,
        bucket,
        region,
        accessKeyId: 'sl-local',
        secretAccessKey: 'sl-local-secret',
        logFile,
        pid: server.pid,
        stop: () => server.stop(),
      };
    } catch (error) {
      const portTaken = String((error as Error).message).includes('already in use');
      if (!portTaken || attempt >= attempts) throw error;
    }
  }
}

async function bucketExists(endpoint: string, bucket: string): Promise<boolean> {
  const response = await fetch(`${endpoint}/${encodeURIComponent(bucket)}`, {
    method: 'HEAD',
    signal: AbortSignal.timeout(2_000),
  });
  return response.status === 200;
}
