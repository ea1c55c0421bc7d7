// `sl brands apply` changes what a running enricher matches, with no restart.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { commands, runCli } from '@sl/cli';
import { enrichedMentionContract, type RawMention } from '@sl/contracts';
import { createIdempotentProducer, createKafkaClient, ensureTopics, mentionsEnrichedTopic, mentionsRawTopic, renamed } from '@sl/kafka';
import { testLogger, uniqueName } from '@sl/testkit';
import '@sl/testkit/provided';
import { expect, inject, it, vi } from 'vitest';
import { countCommitted } from '../support/committed-reader.ts';
import { killAll } from '../support/fault-schedule.ts';
import { spawnService, waitFor } from '../support/service-process.ts';

const mention = (n: number, text: string): RawMention => ({
  id: `live:${n}`,
  source: 'live',
  sourceId: String(n),
  text,
  title: null,
  url: null,
  lang: null,
  publishedAt: 1_764_000_000_000,
  ingestedAt: 1_764_000_000_000,
  author: { handle: `a${n}`, name: null, followers: null },
  engagement: { likes: 0, shares: 0, replies: 0 },
  parentId: null,
});

it('a running enricher follows brand changes applied with sl brands apply', async () => {
  const brokers = inject('kafkaBrokers');
  const namespace = `${uniqueName('live')}.`;
  const env = { KAFKA_BROKERS: brokers.join(','), SL_TOPIC_NAMESPACE: namespace };
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'sl-live-'));
  const file = path.join(folder, 'brands.yaml');
  const apply = async (query: string) => {
    fs.writeFileSync(file, `- id: acme\n  name: Acme\n  query: '${query}'\n  competitors: []\n`);
    const quiet = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      expect(await runCli(commands, ['brands', 'apply', file], env)).toBe(0);
    } finally {
      quiet.mockRestore();
    }
  };
  await apply('acme');
  const kafka = createKafkaClient({ brokers, clientId: 'brands-live', logger: testLogger() });
  const raw = renamed(mentionsRawTopic, `${namespace}mentions.raw`);
  const enriched = renamed(mentionsEnrichedTopic, `${namespace}mentions.enriched`);
  await ensureTopics(kafka, [raw, enriched]);
  const enricher = spawnService('enricher', { ...env, SL_OPS_PORT: '0', LOG_LEVEL: 'info', SL_GROUP_ID: uniqueName('enricher'), SL_TRANSACTIONAL_ID_PREFIX: uniqueName('tx') });
  const producer = await createIdempotentProducer(kafka);
  try {
    await waitFor('the enricher to start', async () => (enricher.output().includes('enricher running') ? true : undefined), 60_000, enricher.output);
    await producer.send(raw, [{ key: 'live:1', value: mention(1, 'acme rocks') }]);
    const keyOf = (bytes: Buffer) => {
      const m = enrichedMentionContract.decode(bytes);
      return `${m.id}|${m.brandId}|${m.matchedTerms.join(',')}`;
    };
    // The first mention is enriched under the first query before the query changes.
    expect([...(await countCommitted(kafka, enriched.name, keyOf, 1, { timeoutMs: 30_000, settleMs: 0 })).keys()]).toEqual(['live:1|acme|acme']);

    await apply('roadrunner');
    await waitFor('the enricher to see the change', async () => (enricher.output().includes('"msg":"brands changed"') ? true : undefined), 30_000, enricher.output);
    await producer.send(raw, [
      { key: 'live:2', value: mention(2, 'acme again') },
      { key: 'live:3', value: mention(3, 'the roadrunner is fast') },
    ]);
    const seen = await countCommitted(kafka, enriched.name, keyOf, 2, { timeoutMs: 30_000, settleMs: 2_000 });
    expect([...seen.keys()].sort()).toEqual(['live:1|acme|acme', 'live:3|acme|roadrunner']);
  } finally {
    await producer.disconnect();
    killAll([enricher]);
    fs.rmSync(folder, { recursive: true, force: true });
  }
}, 120_000);
