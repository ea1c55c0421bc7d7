// The dashboard over an S3 bucket (the test S3 server, under a prefix of its own): it copies the
// rollups and conversations into the local cache `sl query` uses, answers from the copy, names
// the bucket it read, and picks up files written later at its next copy.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createObjectStoreFromEnv, type ObjectStore } from '@sl/object-store';
import { uniqueName } from '@sl/testkit';
import '@sl/testkit/provided';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { seedStore } from '../../../packages/dashboard/test/seed-store.ts';
import { type ServiceProcess, spawnService, waitFor } from '../../../test/support/service-process.ts';

const TOKEN = 'ops-s3-token-abcdefghijklmnop';
const BRANDS_YAML = `
- { id: acme, name: Acme Corporation, query: acme, competitors: [globex], handles: [acmesupport] }
- { id: globex, name: Globex, query: globex }
`;

let work: string;
let bucket: ObjectStore;
let service: ServiceProcess;
let base: string;
let s3Env: Record<string, string>;
let later: string[];

const summary = async () =>
  (await (await fetch(`${base}/api/v1/brands/acme/summary`, { headers: { authorization: `Bearer ${TOKEN}` } })).json()) as {
    mentions: number;
    readFrom: string;
    funnel: { records: number };
  };

beforeAll(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'sl-dashboard-s3-'));
  const s3 = inject('s3');
  s3Env = {
    S3_ENDPOINT: s3.endpoint,
    S3_BUCKET: s3.bucket,
    S3_REGION: s3.region,
    S3_PREFIX: `${uniqueName('dashboard-s3')}/`,
    AWS_ACCESS_KEY_ID: s3.accessKeyId,
    AWS_SECRET_ACCESS_KEY: s3.secretAccessKey,
  };
  bucket = createObjectStoreFromEnv(s3Env, { defaultLocalRoot: work });
  // The seed's files; those of Kafka partition 1 are uploaded only after the dashboard started.
  const seeded = path.join(work, 'seeded');
  await seedStore(seeded);
  const keys = fs
    .readdirSync(seeded, { recursive: true })
    .map(String)
    .filter((f) => f.endsWith('.parquet'));
  later = keys.filter((key) => path.basename(key).startsWith('part-1-'));
  for (const key of keys.filter((k) => !later.includes(k))) await bucket.put(key, fs.readFileSync(path.join(seeded, key)));
  fs.writeFileSync(path.join(work, 'brands.yaml'), BRANDS_YAML);
  service = spawnService('dashboard', {
    ...s3Env,
    KAFKA_BROKERS: inject('kafkaBrokers').join(','),
    SL_TOPIC_NAMESPACE: `${uniqueName('dashboard-s3')}.`,
    SL_DATA_DIR: path.join(work, 'data'),
    SL_DASHBOARD_PORT: '0',
    SL_DASHBOARD_BRANDS_FILE: path.join(work, 'brands.yaml'),
    SL_DASHBOARD_PAGE_DIR: path.join(work, 'page'),
    SL_DASHBOARD_TOKENS: `ops:*:${TOKEN}`,
    SL_DASHBOARD_COPY_INTERVAL_MS: '1000',
  });
  base = await waitFor(
    'the dashboard to listen',
    async () => /"url":"(http:\/\/127\.0\.0\.1:\d+)\/"[^\n]*"dashboard listening"/.exec(service.output())?.[1],
    60_000,
    () => service.output(),
  );
});

afterAll(async () => {
  await service?.stop();
  await bucket?.close();
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

describe('the dashboard over S3', () => {
  it('answers from the copy of the bucket, names it, and picks up files written later', async () => {
    const first = await summary();
    const cache = path.join(work, 'data', 'query-cache', s3Env.S3_BUCKET as string);
    expect(first.readFrom).toBe(`${bucket.describe()} (copied into ${cache})`);
    // Partition 0's files hold every other seeded mention: 21 of acme's 41 records.
    expect(first.funnel.records).toBe(21);
    for (const key of later) await bucket.put(key, fs.readFileSync(path.join(work, 'seeded', key)));
    const full = await waitFor('the later files to be copied', async () => ((await summary()).funnel.records === 41 ? summary() : undefined), 30_000, () => service.output());
    expect(full.mentions).toBe(34);
    expect(fs.existsSync(path.join(cache, 'rollups', 'v1'))).toBe(true);
  });
});
