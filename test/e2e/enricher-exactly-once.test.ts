// The enricher, exactly once through faults: three enricher processes share mentions.raw while
// one is SIGKILLed and restarted every few seconds and another is paused with SIGSTOP past its
// session timeout. The committed mentions.enriched, read with read_committed, must hold each
// (mention, brand) match exactly once.
import { enrichedMentionContract, type RawMention } from '@sl/contracts';
import {
  brandsConfigTopic,
  createIdempotentProducer,
  createKafkaClient,
  ensureTopics,
  mentionsEnrichedTopic,
  mentionsRawTopic,
  renamed,
} from '@sl/kafka';
import { brandFixture, rawMentionFixture, testLogger, uniqueName } from '@sl/testkit';
import '@sl/testkit/provided';
import { expect, inject, it } from 'vitest';
import { countCommitted, tally } from '../support/committed-reader.ts';
import { killAll, runFaultSchedule } from '../support/fault-schedule.ts';
import { startWorkerPool } from '../support/worker-pool.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));


const texts = [
  'Loving my new acme blender, it crushes ice like nothing',
  'globex support answered in five minutes, impressed',
  'Switched from globex to acme last week and no regrets',
  'Nothing to do with any brand, just a sunny day',
];
const brandsOf = [['acme'], ['globex'], ['acme', 'globex'], []];

function mention(n: number): RawMention {
  return rawMentionFixture(n, { text: `${texts[n % 4]} (#${n})` }, 'eos');
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
  await producer.send(brands, [brandFixture('acme'), brandFixture('globex')].map((b) => ({ key: b.id, value: b })));

  const env = {
    KAFKA_BROKERS: brokers.join(','),
    SL_TOPIC_NAMESPACE: namespace,
    SL_GROUP_ID: uniqueName('enricher'),
    SL_TRANSACTIONAL_ID_PREFIX: uniqueName('enricher-txn'),
    SL_SESSION_TIMEOUT_MS: '6000',
    SL_OPS_PORT: '0',
    LOG_LEVEL: 'warn',
  };
  const { workers, all, start } = startWorkerPool('enricher', env);

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
    const [, faults] = await Promise.all([feeding, runFaultSchedule({ workers, start })]);
    const seen = await countCommitted(kafka, enriched.name, (bytes) => {
      const value = enrichedMentionContract.decode(bytes);
      return `${value.id}|${value.brandId}`;
    }, expected.size, { timeoutMs: 90_000 });
    expect({ faults: faults.length, ...tally(seen, expected) }).toEqual({ faults: 6, distinct: expected.size, duplicates: 0, missing: 0, unexpected: 0 });
  } finally {
    await producer.disconnect();
    killAll(all);
  }
}, 180_000);
