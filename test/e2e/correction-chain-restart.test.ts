// The aggregation worker chains the corrections of one mention in the order they were written (a
// team correction made from an archive that did not show the engine's yet starts where the
// engine's left the mention). The chain lives in memory; this proves a restart between the two
// does not lose it. Real broker, real worker processes, the local object store: an engine
// correction (counted -> duplicate) is rolled up by one worker, which is stopped; a new worker
// gets a team correction sent as "counted -> spam" (the stale archive's verdict) and must roll it
// up as duplicate -> spam, so the mention ends in exactly one column.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runQuery } from '@sl/cli/query/run-query';
import { kindCorrection, type ScoredMention } from '@sl/contracts';
import {
  brandsConfigTopic,
  createIdempotentProducer,
  createKafkaClient,
  ensureTopics,
  mentionsCorrectionsTopic,
  mentionsScoredTopic,
  renamed,
} from '@sl/kafka';
import { brandFixture, enrichedMentionFixture, testLogger, uniqueName } from '@sl/testkit';
import '@sl/testkit/provided';
import { expect, inject, it } from 'vitest';
import { spawnService, waitFor } from '../support/service-process.ts';

const PUBLISHED = Date.UTC(2026, 10, 20, 12, 0);

it('a team correction after a worker restart is chained onto the engine correction rolled up before it', async () => {
  const brokers = inject('kafkaBrokers');
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'sl-chain-'));
  const namespace = `${uniqueName('chain')}.`;
  const kafka = createKafkaClient({ brokers, clientId: 'chain-restart-test', logger: testLogger() });
  const input = renamed(mentionsScoredTopic, `${namespace}mentions.scored`);
  const brandsTopic = renamed(brandsConfigTopic, `${namespace}brands.config`);
  const correctionsTopic = renamed(mentionsCorrectionsTopic, `${namespace}mentions.corrections`);
  await ensureTopics(kafka, [input, brandsTopic, correctionsTopic]);
  const producer = await createIdempotentProducer(kafka);
  await producer.send(brandsTopic, [{ key: 'acme', value: brandFixture('acme', { spamThreshold: 0.7 }) }]);
  const env = {
    KAFKA_BROKERS: brokers.join(','),
    SL_TOPIC_NAMESPACE: namespace,
    SL_GROUP_ID: uniqueName('chain-group'),
    SL_SESSION_TIMEOUT_MS: '6000',
    SL_OPS_PORT: '0',
    SL_DATA_DIR: work,
    ROLLUP_FLUSH_INTERVAL_MS: '300',
  };
  const objects = path.join(work, 'objects');
  const mention: ScoredMention = {
    ...enrichedMentionFixture(1, 'acme', { publishedAt: PUBLISHED, ingestedAt: PUBLISHED + 1_000, spamScore: 0.1 }, 'chain'),
    sentiment: { compound: 0.5, label: 'positive', drivers: [] },
  };
  const archivedCorrections = async (count: number) => {
    if (!fs.existsSync(path.join(objects, 'corrections'))) return undefined;
    const [row] = (await runQuery(objects, 'SELECT count(*)::INTEGER AS n FROM corrections')).rows as Array<{ n: number }>;
    return (row?.n ?? 0) >= count ? true : undefined;
  };

  let worker = spawnService('aggregation-worker', env);
  try {
    await producer.send(input, [{ key: 'acme', value: mention }]);
    const engine = kindCorrection(mention, {
      by: 'event_time',
      fromKind: 'counted',
      toKind: 'duplicate',
      reason: 'a copy of an earlier post',
      correctedAt: PUBLISHED + 60_000,
    });
    await producer.send(correctionsTopic, [{ key: 'acme', value: engine }]);
    await waitFor(
      'the engine correction in the archive',
      () => archivedCorrections(1),
      120_000,
      () => worker.output(),
    );
    expect(await worker.stop()).toBe(0);

    worker = spawnService('aggregation-worker', env);
    // Made from an archive that still showed the scored verdict: "counted -> spam".
    const team = kindCorrection(mention, {
      by: 'team',
      fromKind: 'counted',
      toKind: 'spam',
      reason: 'an ad',
      correctedAt: PUBLISHED + 120_000,
    });
    await producer.send(correctionsTopic, [{ key: 'acme', value: { ...team, id: `${team.id}:${team.correctedAt}` } }]);
    await waitFor(
      'the team correction in the archive',
      () => archivedCorrections(2),
      120_000,
      () => worker.output(),
    );

    const [sums] = (
      await runQuery(
        objects,
        "SELECT sum(mentions)::INTEGER AS mentions, sum(duplicates)::INTEGER AS duplicates, sum(spam)::INTEGER AS spam FROM rollups WHERE grain = 'day' AND brand = 'acme'",
      )
    ).rows;
    expect(sums).toEqual({ mentions: 0, duplicates: 0, spam: 1 });
    expect(worker.output()).toContain('correction chain rebuilt from the partition history');
  } finally {
    await worker.stop();
    await producer.disconnect();
    fs.rmSync(work, { recursive: true, force: true });
  }
});
