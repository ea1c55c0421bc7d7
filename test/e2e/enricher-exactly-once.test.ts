// The enricher, exactly once through faults: three enricher processes share mentions.raw while
// one is SIGKILLed and restarted every few seconds and another is paused with SIGSTOP past its
// session timeout. The committed mentions.enriched, read with read_committed, must hold each
// (mention, brand) match exactly once.
import { type Brand, enrichedMentionContract, type RawMention } from '@sl/contracts';
import {
  brandsConfigTopic,
  createIdempotentProducer,
  createKafkaClient,
  ensureTopics,
  mentionsEnrichedTopic,
  mentionsRawTopic,
  renamed,
} from '@sl/kafka';
import { testLogger, uniqueName } from '@sl/testkit';
import '@sl/testkit/provided';
import { expect, inject, it } from 'vitest';
import { type ServiceProcess, spawnService } from '../support/service-process.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const brand = (id: string, query: string): Brand => ({
  id,
  name: id,
  query,
  competitors: [],
  spamThreshold: 0.7,
  alertThresholds: { volumeSpikeRatio: 3, negativeSurgeShare: 0.4, minMentionsPerWindow: 10, influentialFollowers: 100_000, viralEngagement: 1_000 },
  updatedAt: 1,
  deleted: false,
});

const texts = [
  'Loving my new acme blender, it crushes ice like nothing',
  'globex support answered in five minutes, impressed',
  'Switched from globex to acme last week and no regrets',
  'Nothing to do with any brand, just a sunny day',
];
const brandsOf = [['acme'], ['globex'], ['acme', 'globex'], []];

function mention(n: number): RawMention {
  return {
    id: `eos:${n}`,
    source: 'eos',
    sourceId: String(n),
    text: `${texts[n % 4]} (#${n})`,
    title: null,
    url: null,
    lang: null,
    publishedAt: 1_764_000_000_000 + n,
    ingestedAt: 1_764_000_000_000,
    author: { handle: `author${n % 97}`, name: null, followers: null },
    engagement: { likes: 0, shares: 0, replies: 0 },
    parentId: null,
  };
}

it('three enrichers, repeated SIGKILL and a SIGSTOP past the session timeout: every match exactly once', async () => {
  const brokers = inject('kafkaBrokers');
  const namespace = `${uniqueName('enrich-eos')}.`;
  const kafka = createKafkaClient({ brokers, clientId: 'enricher-eos-test', logger: testLogger() });
  const raw = renamed(mentionsRawTopic, `${namespace}mentions.raw`);
  const enriched = renamed(mentionsEnrichedTopic, `${namespace}mentions.enriched`);
  const brands = renamed(brandsConfigTopic, `${namespace}brands.config`);
  await ensureTopics(kafka, [raw, enriched, brands]);
  const producer = await createIdempotentProducer(kafka);
  await producer.send(brands, [brand('acme', 'acme'), brand('globex', 'globex')].map((b) => ({ key: b.id, value: b })));

  const env = {
    KAFKA_BROKERS: brokers.join(','),
    SL_TOPIC_NAMESPACE: namespace,
    SL_GROUP_ID: uniqueName('enricher'),
    SL_TRANSACTIONAL_ID_PREFIX: uniqueName('enricher-txn'),
    SL_SESSION_TIMEOUT_MS: '6000',
    SL_OPS_PORT: '0',
    LOG_LEVEL: 'warn',
  };
  const workers: ServiceProcess[] = [];
  const all: ServiceProcess[] = [];
  const start = (slot: number) => {
    const worker = spawnService('enricher', env);
    workers[slot] = worker;
    all.push(worker);
  };
  for (const slot of [0, 1, 2]) start(slot);

  const total = 12_000;
  const expected = new Set<string>();
  for (let n = 0; n < total; n += 1) for (const b of brandsOf[n % 4] ?? []) expected.add(`eos:${n}|${b}`);
  try {
    const feeding = (async () => {
      for (let chunk = 0; chunk < 30; chunk += 1) {
        const items = Array.from({ length: total / 30 }, (_, i) => mention(chunk * (total / 30) + i));
        await producer.send(raw, items.map((m) => ({ key: m.id, value: m })));
        await sleep(400);
      }
    })();
    const chaos = (async () => {
      await sleep(4_000);
      workers[0]?.child.kill('SIGSTOP');
      for (let round = 0; round < 4; round += 1) {
        await sleep(2_500);
        const slot = 1 + (round % 2);
        workers[slot]?.child.kill('SIGKILL');
        await sleep(300);
        start(slot);
        if (round === 3) workers[0]?.child.kill('SIGCONT');
      }
    })();
    await Promise.all([feeding, chaos]);

    const seen = new Map<string, number>();
    const reader = kafka.consumer({ groupId: uniqueName('reader'), readUncommitted: false });
    await reader.connect();
    await reader.subscribe({ topic: enriched.name, fromBeginning: true });
    await reader.run({
      eachMessage: async ({ message }) => {
        const value = enrichedMentionContract.decode(message.value ?? Buffer.alloc(0));
        const key = `${value.id}|${value.brandId}`;
        seen.set(key, (seen.get(key) ?? 0) + 1);
      },
    });
    const deadline = Date.now() + 120_000;
    while (seen.size < expected.size && Date.now() < deadline) await sleep(500);
    await sleep(4_000);
    await reader.disconnect();

    const duplicates = [...seen.values()].filter((n) => n > 1).length;
    const missing = [...expected].filter((k) => !seen.has(k)).length;
    const unexpected = [...seen.keys()].filter((k) => !expected.has(k)).length;
    expect({ matches: seen.size, duplicates, missing, unexpected }).toEqual({ matches: expected.size, duplicates: 0, missing: 0, unexpected: 0 });
  } finally {
    await producer.disconnect();
    for (const w of all) {
      w.child.kill('SIGCONT');
      w.child.kill('SIGKILL');
    }
  }
});
