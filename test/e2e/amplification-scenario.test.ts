// Alerts through the real broker, through faults. Three brands each get four simulated days of
// steady traffic with six injected events (a spike, a negative surge, an influential author, a
// viral post, a positive story, a public question), written to mentions.scored as a backfill (the
// history sent now, in chunks) while three amplification workers share it: one is paused past its
// session timeout, the others are SIGKILLed and restarted in turn, and state snapshots are taken
// every half second so takeovers restore from a snapshot plus a replay of mentions and watermark
// ticks. The committed alerts.<brand> topics must hold exactly the alerts one uninterrupted engine
// raises over the same set: one per event, none from the steady traffic, none repeated. Snapshots
// are written in 16 KiB chunks, so each takeover restores a state joined from many chunk records,
// and a release is judged 200 mentions a transaction, so takeovers fall between its cuts.
import { alertsInOrder } from '@sl/amplification/testing/arrival-orders';
import { alertContract, authorInfluenceContract, type Brand } from '@sl/contracts';
import {
  alertsTopic,
  amplificationSnapshotsTopic,
  authorsInfluenceTopic,
  brandsConfigTopic,
  createIdempotentProducer,
  createKafkaClient,
  ensureTopics,
  findSnapshot,
  mentionsScoredTopic,
  readLatestByKey,
  renamed,
} from '@sl/kafka';
import { alertScenario, brandFixture, testLogger, uniqueName } from '@sl/testkit';
import '@sl/testkit/provided';
import { expect, inject, it } from 'vitest';
import { countCommitted, tally } from '../support/committed-reader.ts';
import { killAll, runFaultSchedule } from '../support/fault-schedule.ts';
import { startWorkerPool } from '../support/worker-pool.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const brandIds = ['acme', 'globex', 'initech'];

it('three amplification workers under SIGKILL and SIGSTOP raise each scenario event once and nothing else', async () => {
  const brokers = inject('kafkaBrokers');
  const namespace = `${uniqueName('amplify')}.`;
  const kafka = createKafkaClient({ brokers, clientId: 'amplification-test', logger: testLogger() });
  const input = renamed(mentionsScoredTopic, `${namespace}mentions.scored`);
  const brandsTopic = renamed(brandsConfigTopic, `${namespace}brands.config`);
  const alertTopics = brandIds.map((id) => renamed(alertsTopic(id), `${namespace}alerts.${id}`));
  await ensureTopics(kafka, [input, brandsTopic, ...alertTopics]);
  const producer = await createIdempotentProducer(kafka);

  const brands: Brand[] = brandIds.map((id) => brandFixture(id, { name: id.charAt(0).toUpperCase() + id.slice(1), handles: [id], categoryTerms: ['coffee', 'roast'] }));
  await producer.send(brandsTopic, brands.map((b) => ({ key: b.id, value: b })));
  const scenarios = brandIds.map((id, i) => alertScenario({ brandId: id, days: 4, seed: 11 + i }));

  // What one uninterrupted engine raises over each brand's set.
  const expected = new Set<string>();
  for (const scenario of scenarios) {
    for (const alert of alertsInOrder({ brands, mentions: scenario.mentions }, 'all-at-once')) expected.add(alert.id);
    expect([...expected].filter((id) => id.startsWith(`${scenario.brandId}:`)).map((id) => id.split(':')[1]).sort()).toEqual(scenario.events.map((e) => e.kind).sort());
  }

  const env = {
    KAFKA_BROKERS: brokers.join(','),
    SL_TOPIC_NAMESPACE: namespace,
    SL_GROUP_ID: uniqueName('amplify'),
    SL_TRANSACTIONAL_ID_PREFIX: uniqueName('amplify-txn'),
    SL_SESSION_TIMEOUT_MS: '6000',
    SL_SNAPSHOT_INTERVAL_MS: '500',
    SL_SNAPSHOT_CHUNK_BYTES: '16384',
    // Mentions are written here directly: no upstream stages to wait for.
    SL_WATERMARK_UPSTREAM: 'none',
    // The feed's chunks are well under ten seconds apart.
    SL_BACKFILL_HOLD_MS: '10000',
    // Releases cut into many transactions (a tick releases at most 200 held mentions, then a
    // continuation tick goes on), so takeovers land between two cuts of one release.
    SL_RELEASE_MAX_MENTIONS: '200',
    SL_OPS_PORT: '0',
    LOG_LEVEL: 'warn',
  };
  const { workers, all, start } = startWorkerPool('amplification-worker', env);
  try {
    // Interleave the brands' streams (each keeps its own order: one brand, one key, one partition).
    const streams = scenarios.map((s) => s.mentions);
    const longest = Math.max(...streams.map((s) => s.length));
    const chunks = 30;
    const perChunk = Math.ceil(longest / chunks);
    const feeding = (async () => {
      for (let c = 0; c < chunks; c += 1) {
        // Ingested now: history arriving days after it was published.
        const ingestedAt = Date.now();
        const batch = streams.flatMap((s) => s.slice(c * perChunk, (c + 1) * perChunk));
        await producer.send(input, batch.map((m) => ({ key: m.brandId, value: { ...m, ingestedAt } })));
        await sleep(400);
      }
    })();
    const [, faults] = await Promise.all([feeding, runFaultSchedule({ workers, start })]);

    const seen = new Map<string, number>();
    for (const [i, topic] of alertTopics.entries()) {
      const want = [...expected].filter((id) => id.startsWith(`${brandIds[i]}:`)).length;
      const one = await countCommitted(kafka, topic.name, (bytes) => alertContract.decode(bytes).id, want, { timeoutMs: 90_000, settleMs: 1_000 });
      for (const [id, n] of one) seen.set(id, n);
    }
    expect({ faults: faults.length, ...tally(seen, expected) }).toEqual({ faults: 6, distinct: 18, duplicates: 0, missing: 0, unexpected: 0 });

    // Influence is kept per author in the compacted topic, the famous author near the top.
    const influence = await readLatestByKey(kafka, renamed(authorsInfluenceTopic, `${namespace}authors.influence`));
    const fran = influence.values.get('acme:sim:famous_fran');
    expect(fran?.followers).toBe(850_000);
    expect(fran?.influence.score).toBeGreaterThanOrEqual(50);
    expect(authorInfluenceContract.isValid(fran)).toBe(true);

    // The takeovers above restored chunked snapshots: the newest of each partition is a whole set.
    // The workers stop first: a snapshot's transaction still being written would be read in part.
    await Promise.all(
      workers.map(
        (w) =>
          new Promise<void>((resolve) => {
            if (w.child.exitCode !== null || w.child.signalCode !== null) return resolve();
            w.child.once('exit', () => resolve());
            w.child.kill('SIGTERM');
          }),
      ),
    );
    const snapshots = await readLatestByKey(kafka, renamed(amplificationSnapshotsTopic, `${namespace}amplification.snapshots`));
    const newest = Array.from({ length: input.partitions }, (_, p) => p).map((p) => findSnapshot(snapshots.values, `${input.name}:${p}`)).filter((found) => found.kind !== 'none');
    expect(newest.filter((found) => found.kind !== 'found')).toEqual([]);
    // The brands' partitions hold many chunks; a partition with no brand (ticks only) fits in one.
    expect(newest.filter((found) => found.kind === 'found' && found.chunks > 1).length).toBeGreaterThan(0);
  } finally {
    await producer.disconnect();
    killAll(all);
  }
}, 240_000);
