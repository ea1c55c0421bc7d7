// The alert archive through real parts: alerts on the real broker's alerts.<brand> topics, the raw
// archiver as its own process (brands followed from brands.config), the real S3 server, read back
// with DuckDB the way `sl query`'s alerts view does. Every alert lands once, under its topic's
// brand, also across a SIGKILL mid-stream; a brand added while the archiver runs is picked up.
import fs from 'node:fs';
import type { Alert } from '@sl/contracts';
import { alertsTopic, brandsConfigTopic, createIdempotentProducer, createKafkaClient, ensureTopics, renamed } from '@sl/kafka';
import { createS3ObjectStore, type ObjectStore } from '@sl/object-store';
import { brandFixture, testLogger, uniqueName } from '@sl/testkit';
import '@sl/testkit/provided';
import { afterAll, expect, inject, it } from 'vitest';
import { copyPrefix, queryParquet } from '../support/archive-reader.ts';
import { type ServiceProcess, spawnService, waitFor } from '../support/service-process.ts';

function alert(brandId: string, n: number): Alert {
  // Two window dates, so each flush writes under two date partitions.
  const windowStart = Date.UTC(2025, 10, 24, 22, 0) + n * 600_000;
  return {
    id: `${brandId}:volume_spike:${n}`,
    brandId,
    kind: 'volume_spike',
    severity: n % 3 === 0 ? 'critical' : 'warning',
    windowStart,
    windowEnd: windowStart + 600_000,
    observed: 40 + n,
    expected: 10,
    mentionIds: [`e2e:${n}`, `e2e:${n + 1}`],
    sampleTexts: [`sample <${n}> & "more"`],
    explanation: `alert ${n} for ${brandId}`,
    createdAt: windowStart + 601_000,
    author: null,
    url: null,
    sentiment: n % 2 === 0 ? null : -0.5,
    influence: null,
    historical: false,
  };
}

const running: ServiceProcess[] = [];
afterAll(async () => {
  await Promise.all(running.map((p) => p.stop('SIGKILL')));
});

async function archived(store: ObjectStore): Promise<Record<string, unknown>[]> {
  const { dir, keys } = await copyPrefix(store, 'alerts/v1/');
  try {
    if (keys.length === 0) return [];
    return await queryParquet(
      `SELECT brand, "date"::VARCHAR AS date, id, observed, mention_ids, epoch_ms(window_start) AS window_start
         FROM read_parquet('${dir}/alerts/v1/**/*.parquet', hive_partitioning = true, union_by_name = true) ORDER BY brand, id`,
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const expectedRow = (a: Alert) => ({
  brand: a.brandId,
  date: new Date(a.windowStart).toISOString().slice(0, 10),
  id: a.id,
  observed: a.observed,
  mention_ids: JSON.stringify(a.mentionIds),
  window_start: String(a.windowStart),
});

it('archives every brand alert once, under its brand, across a SIGKILL, and picks up a brand added later', async () => {
  const namespace = `${uniqueName('alert-archive')}.`;
  const prefix = uniqueName('alert-archive');
  const kafka = createKafkaClient({ brokers: inject('kafkaBrokers'), clientId: 'alert-archive-test', logger: testLogger() });
  const brandsTopic = renamed(brandsConfigTopic, `${namespace}brands.config`);
  const topicOf = (brandId: string) => renamed(alertsTopic(brandId), `${namespace}alerts.${brandId}`);
  await ensureTopics(kafka, [brandsTopic, topicOf('acme'), topicOf('globex')]);
  const producer = await createIdempotentProducer(kafka);
  await producer.send(brandsTopic, [{ key: 'acme', value: brandFixture('acme') }]);

  const s3 = inject('s3');
  const env = {
    KAFKA_BROKERS: inject('kafkaBrokers').join(','),
    SL_TOPIC_NAMESPACE: namespace,
    S3_ENDPOINT: s3.endpoint,
    S3_BUCKET: s3.bucket,
    S3_REGION: s3.region,
    S3_PREFIX: prefix,
    AWS_ACCESS_KEY_ID: s3.accessKeyId,
    AWS_SECRET_ACCESS_KEY: s3.secretAccessKey,
    SL_OPS_PORT: '0',
    SL_GROUP_ID: uniqueName('raw'),
    SL_ALERT_ARCHIVE_GROUP_ID: uniqueName('alerts'),
    ALERT_ARCHIVE_FLUSH_INTERVAL_MS: '300',
  };
  const store = createS3ObjectStore({ endpoint: s3.endpoint, bucket: s3.bucket, region: s3.region, accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey, prefix });
  const acme = Array.from({ length: 60 }, (_, n) => alert('acme', n));
  const globex = Array.from({ length: 7 }, (_, n) => alert('globex', n));

  let archiver = spawnService('raw-archiver', env);
  running.push(archiver);
  for (const [index, slice] of [acme.slice(0, 20), acme.slice(20, 40)].entries()) {
    await producer.send(
      topicOf('acme'),
      slice.map((a) => ({ key: a.id, value: a })),
    );
    await waitFor('some acme alerts archived', async () => ((await archived(store)).length >= (index + 1) * 20 ? true : undefined), 60_000, archiver.output);
    // Killed with files written and, maybe, records buffered or a flush half done.
    await archiver.stop('SIGKILL');
    archiver = spawnService('raw-archiver', env);
    running.push(archiver);
  }
  // globex: its alerts are on its topic before the brand exists; adding the brand starts its archiver.
  await producer.send(
    topicOf('globex'),
    globex.map((a) => ({ key: a.id, value: a })),
  );
  // Written to globex's topic but naming acme: archived under globex, where it was read from.
  const misfiled = { ...alert('acme', 5), id: 'acme:misfiled' };
  await producer.send(topicOf('globex'), [{ key: misfiled.id, value: misfiled }]);
  await producer.send(brandsTopic, [{ key: 'globex', value: brandFixture('globex') }]);
  await producer.send(
    topicOf('acme'),
    acme.slice(40).map((a) => ({ key: a.id, value: a })),
  );

  const total = acme.length + globex.length + 1;
  await waitFor('every alert archived', async () => ((await archived(store)).length >= total ? true : undefined), 60_000, archiver.output);
  // Give a wrongly duplicating sink the chance to add its copies before counting.
  await new Promise((resolve) => setTimeout(resolve, 1_500));
  const rows = await archived(store);
  const byKey = (a: { brand: string; id: string }, b: { brand: string; id: string }) => (a.brand + a.id < b.brand + b.id ? -1 : 1);
  expect(rows).toEqual(
    [...acme.map(expectedRow), ...globex.map(expectedRow), { ...expectedRow(misfiled), brand: 'globex' }].sort(byKey),
  );
  const keys: string[] = [];
  for await (const object of store.list('alerts/v1/')) keys.push(object.key);
  for (const key of keys) expect(key).toMatch(/^alerts\/v1\/brand=(acme|globex)\/date=2025-11-2[45]\/part-0-\d+-\d+\.parquet$/);

  expect(await archiver.stop('SIGTERM')).toBe(0);
  await producer.disconnect();
  await store.close();
});
