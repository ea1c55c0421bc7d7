// The aggregation worker, exactly once through faults, with the real broker and a real S3
// server: three workers in one group while one is SIGKILLed and restarted in turn (each restart
// is a rebalance), and the object store fails every request for several seconds in the middle
// (resets, 503 SlowDown, stalled answers, 500 InternalError, through the testkit's fault proxy in
// front of the suite's S3 server, which keeps running). Afterwards the
// summed rollups equal counts computed straight from the input, for every brand, window, grain
// and metric, and the conversation archive holds each mention once. Verdict corrections go to
// mentions.corrections at the same time (a counted mention turned copy, a copy turned counted):
// the rollups' sums are the corrected counts, and the correction archive holds each once.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { mirrorToCache } from '@sl/cli/query/query-source';
import { runQuery } from '@sl/cli/query/run-query';
import { kindCorrection, type MentionKind, mentionKind, type ScoredMention, type SentimentLabel, type VerdictCorrection } from '@sl/contracts';
import { brandsConfigTopic, createIdempotentProducer, createKafkaClient, ensureTopics, mentionsCorrectionsTopic, mentionsScoredTopic, renamed } from '@sl/kafka';
import { createS3ObjectStore } from '@sl/object-store';
import { brandFixture, enrichedMentionFixture, formatS3FaultSteps, runS3FaultSchedule, startS3FaultProxy, testLogger, uniqueName } from '@sl/testkit';
import '@sl/testkit/provided';
import { expect, inject, it } from 'vitest';
import { killAll } from '../support/fault-schedule.ts';
import { startWorkerPool } from '../support/worker-pool.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const brands = ['acme', 'globex', 'initech', 'umbrella', 'hooli', 'soylent'];
const labels: SentimentLabel[] = ['positive', 'neutral', 'negative'];
const DAY = 86_400_000;
const start = Date.UTC(2026, 10, 20);

function scored(n: number): ScoredMention {
  const label = labels[n % 3] ?? 'neutral';
  const publishedAt = start + (n % 5) * DAY + (n % 1440) * 60_000;
  return {
    ...enrichedMentionFixture(n, brands[n % brands.length] ?? 'acme', {
      publishedAt,
      ingestedAt: n % 50 === 0 ? publishedAt + 3 * 3_600_000 : publishedAt + 1_000,
      isDuplicate: n % 11 === 0,
      duplicateOf: n % 11 === 0 ? 'agg:0' : null,
      spamScore: n % 13 === 0 ? 0.95 : 0.1,
      author: { handle: `author${n % 301}`, name: null, followers: n % 1000 },
      engagement: { likes: n % 7, shares: n % 3, replies: n % 2 },
    }, 'agg'),
    sentiment: { compound: label === 'positive' ? 0.5 : label === 'negative' ? -0.5 : 0, label, drivers: [] },
  };
}

/** Every 17th counted mention becomes a copy, every 2nd copy becomes counted (as the engine would correct them). */
function correctionOf(m: ScoredMention, n: number): VerdictCorrection | null {
  const fromKind = mentionKind(m, 0.7);
  const toKind: MentionKind | null = fromKind === 'counted' && n % 17 === 0 ? 'duplicate' : fromKind === 'duplicate' && n % 2 === 0 ? 'counted' : null;
  return toKind === null ? null : kindCorrection(m, { by: 'event_time', fromKind, toKind, reason: 'test', correctedAt: m.publishedAt });
}

it('kills, rebalances and an S3 outage: rollups equal the input exactly, the archive holds each mention once', async () => {
  const brokers = inject('kafkaBrokers');
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'sl-agg-'));
  const s3 = inject('s3');
  const prefix = `${uniqueName('agg')}/`;
  const proxy = await startS3FaultProxy({ target: s3.endpoint, stallMs: 20_000 });
  const namespace = `${uniqueName('agg')}.`;
  const kafka = createKafkaClient({ brokers, clientId: 'agg-eos-test', logger: testLogger() });
  const input = renamed(mentionsScoredTopic, `${namespace}mentions.scored`);
  const brandsTopic = renamed(brandsConfigTopic, `${namespace}brands.config`);
  const correctionsTopic = renamed(mentionsCorrectionsTopic, `${namespace}mentions.corrections`);
  await ensureTopics(kafka, [input, brandsTopic, correctionsTopic]);
  const producer = await createIdempotentProducer(kafka);
  await producer.send(brandsTopic, brands.map((id) => ({ key: id, value: brandFixture(id, { spamThreshold: 0.7 }) })));

  const pool = startWorkerPool('aggregation-worker', {
    KAFKA_BROKERS: brokers.join(','),
    SL_TOPIC_NAMESPACE: namespace,
    SL_GROUP_ID: uniqueName('agg-group'),
    SL_SESSION_TIMEOUT_MS: '6000',
    SL_OPS_PORT: '0',
    S3_ENDPOINT: proxy.endpoint,
    S3_PREFIX: prefix,
    S3_SOCKET_TIMEOUT_MS: '4000',
    S3_BUCKET: s3.bucket,
    S3_REGION: s3.region,
    AWS_ACCESS_KEY_ID: s3.accessKeyId,
    AWS_SECRET_ACCESS_KEY: s3.secretAccessKey,
    ROLLUP_FLUSH_RECORDS: '400',
    ROLLUP_FLUSH_INTERVAL_MS: '1500',
    LOG_LEVEL: 'warn',
  });
  const total = 9_000;
  const sent = Array.from({ length: total }, (_, n) => scored(n));
  const corrections = new Map<string, VerdictCorrection>();
  sent.forEach((m, n) => {
    const correction = correctionOf(m, n);
    if (correction) corrections.set(m.id, correction);
  });
  let outage = '';
  try {
    const feeding = (async () => {
      for (let chunk = 0; chunk < 30; chunk += 1) {
        const items = sent.slice(chunk * 300, (chunk + 1) * 300);
        await producer.send(input, items.map((m) => ({ key: m.brandId, value: m })));
        const fixes = items.flatMap((m) => corrections.get(m.id) ?? []);
        await producer.send(correctionsTopic, fixes.map((c) => ({ key: c.brandId, value: c })));
        await sleep(400);
      }
    })();
    const faults = (async () => {
      for (let round = 0; round < 4; round += 1) {
        await sleep(2_500);
        const slot = round % 3;
        pool.workers[slot]?.child.kill('SIGKILL');
        await sleep(300);
        pool.start(slot);
        if (round === 1) {
          // The object store fails every request for several seconds while flushes are due.
          const steps = await runS3FaultSchedule(proxy, [
            { plan: { kinds: ['reset'] }, minMs: 1_500, minFaults: 1, maxMs: 30_000 },
            { plan: { kinds: ['slow-down'] }, minMs: 1_500, minFaults: 1, maxMs: 30_000 },
            { plan: { kinds: ['stall'] }, minMs: 1_500, minFaults: 1, maxMs: 30_000 },
            { plan: { kinds: ['internal-error'] }, minMs: 1_500, minFaults: 1, maxMs: 30_000 },
          ]);
          outage = formatS3FaultSteps(steps);
          expect(steps.every((step) => step.reachedMinimum), outage).toBe(true);
        }
      }
    })();
    await Promise.all([feeding, faults]);

    // Expected, straight from the input: per brand and day.
    const expected = new Map<string, { records: number; mentions: number; duplicates: number; spam: number; positive: number; negative: number; likes: number; corrections: number }>();
    for (const m of sent) {
      const key = `${m.brandId}|${new Date(m.publishedAt).toISOString().slice(0, 10)}`;
      const e = expected.get(key) ?? { records: 0, mentions: 0, duplicates: 0, spam: 0, positive: 0, negative: 0, likes: 0, corrections: 0 };
      e.records += 1;
      const kind = corrections.get(m.id)?.toKind ?? mentionKind(m, 0.7);
      if (kind === 'duplicate') e.duplicates += 1;
      else if (kind === 'spam') e.spam += 1;
      else {
        e.mentions += 1;
        if (m.sentiment.label === 'positive') e.positive += 1;
        if (m.sentiment.label === 'negative') e.negative += 1;
        e.likes += m.engagement.likes;
      }
      if (m.ingestedAt - m.publishedAt > 3_600_000) e.corrections += 1;
      expected.set(key, e);
    }
    const expectedRows = [...expected]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([key, e]) => {
        const [brand, day] = key.split('|');
        return { brand, day, mentions: String(e.mentions), duplicates: String(e.duplicates), spam: String(e.spam), positive: String(e.positive), negative: String(e.negative), likes: String(e.likes) };
      });

    const store = createS3ObjectStore({ ...s3, prefix });
    const cache = path.join(work, 'cache');
    const perGrain = (grain: string) =>
      `SELECT brand, strftime(window_start, '%Y-%m-%d') AS day, sum(mentions)::BIGINT::VARCHAR AS mentions, sum(duplicates)::BIGINT::VARCHAR AS duplicates,
              sum(spam)::BIGINT::VARCHAR AS spam, sum(positive)::BIGINT::VARCHAR AS positive, sum(negative)::BIGINT::VARCHAR AS negative, sum(likes)::BIGINT::VARCHAR AS likes
         FROM rollups WHERE grain = '${grain}' GROUP BY ALL ORDER BY brand, day`;
    // Waits while the archive grows: under CI load three workers, a restarted S3 server and other
    // test files share two cores, and a fixed deadline (150 s) once cut off an archive still
    // filling at 5,800 of 9,000. A minute without a new file is a stall; 420 s bounds the wait.
    const deadline = Date.now() + 420_000;
    let archived = 0;
    let fixes = 0;
    let grewAt = Date.now();
    for (;;) {
      await mirrorToCache(store, cache);
      const count = fs.existsSync(path.join(cache, 'conversations/v1'))
        ? Number((await runQuery(cache, 'SELECT count(*) AS n FROM conversations')).rows[0]?.n ?? 0)
        : 0;
      const fixed = fs.existsSync(path.join(cache, 'corrections/v1')) ? Number((await runQuery(cache, 'SELECT count(*) AS n FROM corrections')).rows[0]?.n ?? 0) : 0;
      if (count > archived || fixed > fixes) grewAt = Date.now();
      archived = count;
      fixes = fixed;
      if ((count >= total && fixed >= corrections.size) || Date.now() > deadline || Date.now() - grewAt > 60_000) break;
      await sleep(1_500);
    }
    // Wait a little more so a wrongly repeated file would be there to be counted.
    await sleep(3_000);
    await mirrorToCache(store, cache);
    await store.close();

    const conversations = (await runQuery(cache, 'SELECT count(*) AS n, count(DISTINCT id) AS ids FROM conversations')).rows[0];
    expect({ archived, conversations }, `object-store faults: ${outage}`).toEqual({ archived: total, conversations: { n: String(total), ids: String(total) } });
    const archivedFixes = (await runQuery(cache, 'SELECT count(*) AS n, count(DISTINCT mention_id) AS ids FROM corrections')).rows[0];
    expect(archivedFixes).toEqual({ n: String(corrections.size), ids: String(corrections.size) });
    expect(corrections.size).toBeGreaterThan(500);
    for (const grain of ['minute', 'hour', 'day']) expect({ grain, rows: (await runQuery(cache, perGrain(grain))).rows }).toEqual({ grain, rows: expectedRows });
    const late = (await runQuery(cache, "SELECT sum(mentions + duplicates + spam)::BIGINT::VARCHAR AS n FROM rollups WHERE grain = 'day' AND is_correction")).rows[0]?.n;
    expect(late).toBe(String([...expected.values()].reduce((n, e) => n + e.corrections, 0)));
    // The per-day author aggregates of the same flushes: each counted mention (as scored) once.
    const authorDays = new Map<string, { mentions: number; likes: number }>();
    for (const m of sent) {
      if (mentionKind(m, 0.7) !== 'counted') continue;
      const key = [m.brandId, new Date(m.publishedAt).toISOString().slice(0, 10), m.source, m.author.handle].join('|');
      const a = authorDays.get(key) ?? { mentions: 0, likes: 0 };
      a.mentions += 1;
      a.likes += m.engagement.likes;
      authorDays.set(key, a);
    }
    const authorRows = (
      await runQuery(
        cache,
        `SELECT brand, strftime("date", '%Y-%m-%d') AS day, source, author_handle, sum(mentions)::BIGINT::VARCHAR AS mentions, sum(likes)::BIGINT::VARCHAR AS likes
           FROM author_days WHERE NOT is_others GROUP BY ALL ORDER BY ALL`,
      )
    ).rows;
    expect(authorRows).toEqual(
      [...authorDays]
        .map(([key, a]) => {
          const [brand, day, source, author_handle] = key.split('|') as [string, string, string, string];
          return { brand, day, source, author_handle, mentions: String(a.mentions), likes: String(a.likes) };
        })
        // ORDER BY ALL: column by column.
        .sort((a, b) => {
          for (const k of ['brand', 'day', 'source', 'author_handle'] as const) if (a[k] !== b[k]) return a[k] < b[k] ? -1 : 1;
          return 0;
        }),
    );
    expect((await runQuery(cache, 'SELECT count(*) AS n FROM author_days WHERE is_others')).rows).toEqual([{ n: '0' }]);
  } finally {
    await producer.disconnect();
    killAll(pool.all);
    await proxy.close();
    // The suite's bucket is shared: leave nothing under this test's prefix.
    const cleanup = createS3ObjectStore({ ...s3, prefix });
    for await (const object of cleanup.list('')) await cleanup.delete(object.key);
    await cleanup.close();
    fs.rmSync(work, { recursive: true, force: true });
  }
}, 600_000);
