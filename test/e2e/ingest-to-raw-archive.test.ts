// The first vertical slice through real parts: HTTP gateway process -> real Kafka -> raw
// archiver process -> real S3 server, read back with DuckDB. Every accepted mention appears in
// the Parquet archive exactly once and equal to what was sent, also across a SIGKILL.
import fs from 'node:fs';
import { freePort } from '@sl/infra/process';
import { createS3ObjectStore, type ObjectStore } from '@sl/object-store';
import { uniqueName } from '@sl/testkit';
import '@sl/testkit/provided';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { copyPrefix, queryParquet } from '../support/archive-reader.ts';
import { type ServiceProcess, spawnService, waitFor } from '../support/service-process.ts';

interface MentionJson {
  source: string;
  id: string;
  text: string;
  publishedAt: string;
  author: { handle: string; name?: string; followers?: number };
  url?: string;
  title?: string;
  engagement?: { likes?: number; shares?: number; replies?: number };
  parentId?: string;
}

function mentionJson(n: number): MentionJson {
  const day = n % 2 === 0 ? '2026-11-23' : '2026-11-24';
  const base: MentionJson = {
    source: n % 3 === 0 ? 'mastodon' : 'rss',
    id: `m-${n}`,
    text: `Acme widget review number ${n} — ünïcödé and "quotes"`,
    publishedAt: `${day}T${String(n % 24).padStart(2, '0')}:15:00.000Z`,
    author: { handle: `@writer${n % 11}` },
  };
  if (n % 4 === 0) {
    base.author.name = `Writer ${n % 11}`;
    base.author.followers = n * 10;
    base.url = `https://example.org/posts/${n}`;
    base.title = `Post ${n}`;
    base.engagement = { likes: n, shares: n % 5, replies: n % 3 };
    base.parentId = `m-${n - 1}`;
  }
  return base;
}

const s3 = () => inject('s3');

function storeFor(prefix: string): ObjectStore {
  const target = s3();
  return createS3ObjectStore({
    endpoint: target.endpoint,
    bucket: target.bucket,
    region: target.region,
    accessKeyId: target.accessKeyId,
    secretAccessKey: target.secretAccessKey,
    prefix,
  });
}

function serviceEnv(namespace: string, prefix: string, extra: Record<string, string> = {}): Record<string, string> {
  const target = s3();
  return {
    KAFKA_BROKERS: inject('kafkaBrokers').join(','),
    SL_TOPIC_NAMESPACE: namespace,
    S3_ENDPOINT: target.endpoint,
    S3_BUCKET: target.bucket,
    S3_REGION: target.region,
    S3_PREFIX: prefix,
    AWS_ACCESS_KEY_ID: target.accessKeyId,
    AWS_SECRET_ACCESS_KEY: target.secretAccessKey,
    SL_OPS_PORT: '0',
    ...extra,
  };
}

async function post(url: string, body: string, contentType = 'application/json') {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': contentType }, body });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function archivedRows(store: ObjectStore, prefix: string) {
  const { dir } = await copyPrefix(store, 'raw/v1/');
  try {
    const files = fs.readdirSync(dir, { recursive: true }).filter((f) => String(f).endsWith('.parquet'));
    if (files.length === 0) return [];
    return await queryParquet(
      `SELECT id, source, source_id, text, title, url, lang, epoch_ms(published_at) AS published_at, author_handle, author_name,
              author_followers, likes, shares, replies, parent_id, "date"
         FROM read_parquet('${dir}/raw/v1/**/*.parquet', hive_partitioning = true) ORDER BY id`,
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
    void prefix;
  }
}

function expectedRow(m: MentionJson) {
  return {
    id: `${m.source}:${m.id}`,
    source: m.source,
    source_id: m.id,
    text: m.text,
    title: m.title ?? null,
    url: m.url ?? null,
    lang: null,
    published_at: String(Date.parse(m.publishedAt)),
    author_handle: m.author.handle,
    author_name: m.author.name ?? null,
    author_followers: m.author.followers === undefined ? null : String(m.author.followers),
    likes: String(m.engagement?.likes ?? 0),
    shares: String(m.engagement?.shares ?? 0),
    replies: String(m.engagement?.replies ?? 0),
    parent_id: m.parentId ?? null,
    date: m.publishedAt.slice(0, 10),
  };
}

describe('gateway to raw archive', () => {
  const running: ServiceProcess[] = [];
  afterAll(async () => {
    await Promise.all(running.map((p) => p.stop('SIGKILL')));
  });

  let gatewayUrl: string;
  let namespace: string;

  beforeAll(async () => {
    namespace = `${uniqueName('e2e')}.`;
    const port = await freePort();
    const gateway = spawnService('ingest-gateway', serviceEnv(namespace, 'unused', { SL_HTTP_PORT: String(port) }));
    running.push(gateway);
    gatewayUrl = `http://127.0.0.1:${port}`;
    await waitFor('gateway /healthz', async () => ((await fetch(`${gatewayUrl}/healthz`)).ok ? true : undefined), 60_000, gateway.output);
  });

  it('archives every accepted mention exactly once, equal to what was sent; a malformed batch keeps its valid items', async () => {
    const prefix = uniqueName('archive');
    const archiver = spawnService('raw-archiver', serviceEnv(namespace, prefix, { SL_GROUP_ID: uniqueName('raw'), ARCHIVE_FLUSH_INTERVAL_MS: '500' }));
    running.push(archiver);

    const single = mentionJson(0);
    const r1 = await post(`${gatewayUrl}/v1/mentions`, JSON.stringify(single));
    expect(r1).toEqual({ status: 202, body: { accepted: 1, ids: ['mastodon:m-0'] } });

    const array = Array.from({ length: 120 }, (_, i) => mentionJson(i + 1));
    const r2 = await post(`${gatewayUrl}/v1/mentions`, JSON.stringify(array));
    expect(r2.status).toBe(202);
    expect(r2.body.accepted).toBe(120);

    // NDJSON with a line that is not JSON and an item whose date is not ISO 8601.
    const ndjsonGood = Array.from({ length: 30 }, (_, i) => mentionJson(200 + i));
    const badDate = { ...mentionJson(300), publishedAt: 'yesterday' };
    const lines = [...ndjsonGood.slice(0, 10).map((m) => JSON.stringify(m)), '{not json', JSON.stringify(badDate), ...ndjsonGood.slice(10).map((m) => JSON.stringify(m))];
    const r3 = await post(`${gatewayUrl}/v1/mentions`, `${lines.join('\n')}\n`, 'application/x-ndjson');
    expect(r3.status).toBe(207);
    expect(r3.body.accepted).toBe(30);
    const rejected = r3.body.rejected as Array<{ index: number; id?: string; errors: Array<{ path: string; message: string }> }>;
    expect(rejected.map((r) => r.index)).toEqual([10, 11]);
    expect(rejected[0]?.errors[0]?.message).toMatch(/^line 11 is not valid JSON/);
    expect(rejected[1]?.id).toBe('m-300');
    expect(rejected[1]?.errors.map((e) => e.path)).toEqual(['publishedAt']);

    const sent = [single, ...array, ...ndjsonGood];
    const store = storeFor(prefix);
    const rows = await waitFor(
      'every mention in the archive',
      async () => {
        const found = await archivedRows(store, prefix);
        return found.length >= sent.length ? found : undefined;
      },
      60_000,
      archiver.output,
    );
    expect(rows).toEqual(sent.map(expectedRow).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)));

    // Object names are deterministic: part-<partition>-<firstOffset>-<lastOffset>.parquet under Hive partitions.
    const keys: string[] = [];
    for await (const o of store.list('raw/v1/')) keys.push(o.key);
    for (const key of keys) expect(key).toMatch(/^raw\/v1\/source=(rss|mastodon)\/date=2026-11-2[34]\/part-\d+-\d+-\d+\.parquet$/);

    expect(await archiver.stop('SIGTERM')).toBe(0);
    await store.close();
  });

  it('keeps each mention exactly once when the archiver is SIGKILLed and restarted mid-stream', async () => {
    const prefix = uniqueName('archive-kill');
    const env = serviceEnv(namespace, prefix, { SL_GROUP_ID: uniqueName('raw-kill'), ARCHIVE_FLUSH_RECORDS: '150', ARCHIVE_FLUSH_INTERVAL_MS: '300' });
    const store = storeFor(prefix);
    const countFiles = async () => {
      let n = 0;
      for await (const _ of store.list('raw/v1/')) n += 1;
      return n;
    };
    // The topic already holds the first test's mentions; this group archives them too.
    const before = 151;
    const batches = Array.from({ length: 10 }, (_, b) => Array.from({ length: 200 }, (_, i) => mentionJson(10_000 + b * 200 + i)));
    let archiver = spawnService('raw-archiver', env);
    running.push(archiver);
    for (const [index, batch] of batches.entries()) {
      expect((await post(`${gatewayUrl}/v1/mentions`, JSON.stringify(batch))).status).toBe(202);
      if (index === 3 || index === 7) {
        await waitFor('some files written', async () => ((await countFiles()) > 0 ? true : undefined), 30_000, archiver.output);
        await archiver.stop('SIGKILL');
        archiver = spawnService('raw-archiver', env);
        running.push(archiver);
      }
    }
    const total = before + batches.flat().length;
    const rows = await waitFor(
      'all mentions after restarts',
      async () => {
        const found = await archivedRows(store, prefix);
        return found.length >= total ? found : undefined;
      },
      90_000,
      archiver.output,
    );
    // Give a wrongly duplicating sink the chance to add its copies before counting.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const settled = await archivedRows(store, prefix);
    expect(settled.length).toBe(total);
    expect(new Set(settled.map((r) => r.id)).size).toBe(total);
    expect(rows.length).toBe(total);
    expect(await archiver.stop('SIGTERM')).toBe(0);
    await store.close();
  });

  it('flushes and commits what it holds when stopped with SIGTERM, before any flush trigger fires', async () => {
    const prefix = uniqueName('archive-term');
    const opsPort = await freePort();
    const env = serviceEnv(namespace, prefix, {
      SL_GROUP_ID: uniqueName('raw-term'),
      SL_OPS_PORT: String(opsPort),
      ARCHIVE_FLUSH_RECORDS: '1000000',
      ARCHIVE_FLUSH_INTERVAL_MS: '600000',
    });
    const extra = Array.from({ length: 50 }, (_, i) => mentionJson(50_000 + i));
    expect((await post(`${gatewayUrl}/v1/mentions`, JSON.stringify(extra))).status).toBe(202);
    const total = 151 + 2_000 + 50;
    const archiver = spawnService('raw-archiver', env);
    running.push(archiver);
    const processed = async () => {
      const text = await (await fetch(`http://127.0.0.1:${opsPort}/metrics`)).text();
      return text
        .split('\n')
        .filter((line) => line.startsWith('sl_records_processed_total'))
        .reduce((sum, line) => sum + Number(line.split(' ').at(-1)), 0);
    };
    await waitFor('the archiver to hold every record', async () => ((await processed()) >= total ? true : undefined), 60_000, archiver.output);
    const store = storeFor(prefix);
    expect(await archivedRows(store, prefix)).toEqual([]);
    expect(await archiver.stop('SIGTERM')).toBe(0);
    const rows = await archivedRows(store, prefix);
    expect(rows.length).toBe(total);
    expect(new Set(rows.map((r) => r.id)).size).toBe(total);
    await store.close();
  });
});
