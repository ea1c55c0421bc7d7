// The sentiment worker, exactly once through faults: three worker processes share
// mentions.enriched while one is SIGKILLed and restarted in turn and another is paused past its
// session timeout. The committed mentions.scored holds each (mention, brand) once, with its flags.
import { type EnrichedMention, scoredMentionContract } from '@sl/contracts';
import {
  brandsConfigTopic,
  createIdempotentProducer,
  createKafkaClient,
  ensureTopics,
  mentionsEnrichedTopic,
  mentionsScoredTopic,
  renamed,
} from '@sl/kafka';
import { brandFixture, enrichedMentionFixture, testLogger, uniqueName } from '@sl/testkit';
import '@sl/testkit/provided';
import { expect, inject, it } from 'vitest';
import { countCommitted, tally } from '../support/committed-reader.ts';
import { killAll, runFaultSchedule } from '../support/fault-schedule.ts';
import { startWorkerPool } from '../support/worker-pool.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const brands = ['acme', 'globex'];
const texts = ['I love my new acme kettle', 'globex support was awful today', 'acme or globex? no idea yet', 'acme is fine I guess'];

function enriched(n: number): EnrichedMention {
  const brandId = brands[n % 2] ?? 'acme';
  return enrichedMentionFixture(
    n,
    brandId,
    {
      text: `${texts[n % texts.length]} (${n})`,
      isDuplicate: n % 10 === 0,
      duplicateOf: n % 10 === 0 ? 'eos:0' : null,
      spamScore: n % 7 === 0 ? 0.9 : 0,
      spamReasons: n % 7 === 0 ? ['link_drop'] : [],
    },
    'eos',
  );
}

it('three sentiment workers, repeated SIGKILL and a SIGSTOP past the session timeout: every mention scored exactly once', async () => {
  const brokers = inject('kafkaBrokers');
  const namespace = `${uniqueName('sentiment-eos')}.`;
  const kafka = createKafkaClient({ brokers, clientId: 'sentiment-eos-test', logger: testLogger() });
  const input = renamed(mentionsEnrichedTopic, `${namespace}mentions.enriched`);
  const output = renamed(mentionsScoredTopic, `${namespace}mentions.scored`);
  const brandsTopic = renamed(brandsConfigTopic, `${namespace}brands.config`);
  await ensureTopics(kafka, [input, output, brandsTopic]);
  const producer = await createIdempotentProducer(kafka);

  await producer.send(brandsTopic, brands.map((id) => ({ key: id, value: brandFixture(id, { competitors: brands.filter((b) => b !== id) }) })));

  const env = {
    KAFKA_BROKERS: brokers.join(','),
    SL_TOPIC_NAMESPACE: namespace,
    SL_GROUP_ID: uniqueName('sentiment'),
    SL_TRANSACTIONAL_ID_PREFIX: uniqueName('sentiment-txn'),
    SL_SESSION_TIMEOUT_MS: '6000',
    SL_OPS_PORT: '0',
    LOG_LEVEL: 'warn',
  };
  const { workers, all, start } = startWorkerPool('sentiment-worker', env);

  const total = 12_000;
  const expected = new Set(Array.from({ length: total }, (_, n) => `eos:${n}|${brands[n % 2]}`));
  const flags = new Map<string, string>();
  try {
    const feeding = (async () => {
      for (let chunk = 0; chunk < 30; chunk += 1) {
        const items = Array.from({ length: total / 30 }, (_, i) => enriched(chunk * (total / 30) + i));
        await producer.send(input, items.map((m) => ({ key: m.brandId, value: m })));
        await sleep(400);
      }
    })();
    const [, faults] = await Promise.all([feeding, runFaultSchedule({ workers, start })]);
    const seen = await countCommitted(
      kafka,
      output.name,
      (bytes) => {
        const value = scoredMentionContract.decode(bytes);
        const key = `${value.id}|${value.brandId}`;
        flags.set(key, `${value.isDuplicate}/${value.spamScore}/${value.sentiment.label}`);
        return key;
      },
      expected.size,
      { timeoutMs: 90_000 },
    );
    expect({ faults: faults.length, ...tally(seen, expected) }).toEqual({ faults: 6, distinct: expected.size, duplicates: 0, missing: 0, unexpected: 0 });
    // Flags travel through untouched, and the sentiment is the brand's own.
    expect(flags.get('eos:20|acme')).toBe('true/0/positive');
    expect(flags.get('eos:21|globex')).toBe('false/0.9/negative');
    expect(flags.get('eos:1|globex')).toBe('false/0/negative');
    expect(flags.get('eos:10|acme')).toBe('true/0/neutral');
  } finally {
    await producer.disconnect();
    killAll(all);
  }
}, 180_000);
