// Exactly once through faults: three pass-through stage processes copy a known set of mentions
// while one is SIGKILLed and restarted every few seconds and another is paused with SIGSTOP past
// its session timeout and then resumed (its late commit must be fenced). The committed output,
// read with read_committed, must equal the input exactly: no loss, no duplicate.
import { kafkajsOf } from '../src/adapters/kafkajs/port-client.ts';
import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RawMention } from '@sl/contracts';
import { createMetricsRegistry } from '@sl/observability';
import { testLogger, uniqueName } from '@sl/testkit';
import '@sl/testkit/provided';
import { expect, inject, it } from 'vitest';
import {
  createIdempotentProducer,
  createKafkaClient,
  deadLetterTopicName,
  encodeRecord,
  ensureTopics,
  mentionsRawTopic,
  renamed,
  runTransactionalStage,
} from '../src/index.ts';

const worker = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'pass-through-worker.ts');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function mention(n: number): RawMention {
  return {
    id: `eos:${n}`,
    source: 'eos',
    sourceId: String(n),
    text: `exactly once ${n}`,
    title: null,
    url: null,
    lang: null,
    publishedAt: 1_764_000_000_000 + n,
    ingestedAt: 1_764_000_000_000,
    author: { handle: `a${n % 13}`, name: null, followers: null },
    engagement: { likes: 0, shares: 0, replies: 0 },
    parentId: null,
  };
}

it('three workers, repeated SIGKILL and a SIGSTOP past the session timeout: output equals input exactly', async () => {
  const brokers = inject('kafkaBrokers');
  const logger = testLogger();
  const kafka = createKafkaClient({ brokers, clientId: 'eos-test', logger });
  const input = { ...renamed(mentionsRawTopic, uniqueName('eos-in')), partitions: 6 };
  const output = { ...renamed(mentionsRawTopic, uniqueName('eos-out')), partitions: 6 };
  await ensureTopics(kafka, [input, output]);
  const env = {
    ...process.env,
    KAFKA_BROKERS: brokers.join(','),
    INPUT_TOPIC: input.name,
    OUTPUT_TOPIC: output.name,
    GROUP_ID: uniqueName('eos-group'),
    TXN_PREFIX: uniqueName('eos-txn'),
    SESSION_TIMEOUT_MS: '6000',
    HEARTBEAT_MS: '1000',
  };
  const workers: ChildProcess[] = [];
  const start = (slot: number) => {
    workers[slot] = spawn(process.execPath, [worker], { env, stdio: 'ignore' });
  };
  for (const slot of [0, 1, 2]) start(slot);

  const total = 20_000;
  const producer = await createIdempotentProducer(kafka);
  const kills: string[] = [];
  try {
    // Feed the input in chunks while faults happen, so records are in flight at every fault.
    const feeding = (async () => {
      for (let chunk = 0; chunk < 40; chunk += 1) {
        const items = Array.from({ length: total / 40 }, (_, i) => mention(chunk * (total / 40) + i));
        await producer.send(
          input,
          items.map((m) => ({ key: m.id, value: m })),
        );
        await sleep(400);
      }
    })();
    const chaos = (async () => {
      await sleep(3_000);
      // Pause worker 0 well past its 6 s session timeout: the group moves its partitions and the
      // new owners fence its transactional ids; when it resumes, its commits must fail.
      workers[0]?.kill('SIGSTOP');
      kills.push('SIGSTOP 0');
      for (let round = 0; round < 5; round += 1) {
        await sleep(2_500);
        const slot = 1 + (round % 2);
        workers[slot]?.kill('SIGKILL');
        kills.push(`SIGKILL ${slot}`);
        await sleep(300);
        start(slot);
        if (round === 3) {
          workers[0]?.kill('SIGCONT');
          kills.push('SIGCONT 0');
        }
      }
    })();
    await Promise.all([feeding, chaos]);

    // Read the committed output until every id is there, then a little longer so a duplicate
    // written late would be seen too.
    const seen = new Map<string, number>();
    const reader = kafkajsOf(kafka).consumer({ groupId: uniqueName('eos-reader'), readUncommitted: false });
    await reader.connect();
    await reader.subscribe({ topic: output.name, fromBeginning: true });
    await reader.run({
      eachMessage: async ({ message }) => {
        const key = message.key?.toString() ?? '';
        seen.set(key, (seen.get(key) ?? 0) + 1);
      },
    });
    const deadline = Date.now() + 90_000;
    while (seen.size < total && Date.now() < deadline) await sleep(500);
    await sleep(4_000);
    await reader.disconnect();

    const duplicates = [...seen].filter(([, n]) => n > 1).length;
    const missing = total - [...seen.keys()].filter((k) => k.startsWith('eos:')).length;
    expect({ faults: kills.length, distinct: seen.size, duplicates, missing }).toEqual({
      faults: 7,
      distinct: total,
      duplicates: 0,
      missing: 0,
    });
    expect([...seen.keys()].sort()).toEqual(Array.from({ length: total }, (_, n) => `eos:${n}`).sort());
  } finally {
    await producer.disconnect();
    for (const w of workers) {
      w?.kill('SIGCONT');
      w?.kill('SIGKILL');
    }
  }
}, 180_000);

it('dead-letters undecodable and failing records inside the transaction; the rest flow once and the offset commits', async () => {
  const brokers = inject('kafkaBrokers');
  const kafka = createKafkaClient({ brokers, clientId: 'eos-dlq-test', logger: testLogger() });
  const input = { ...renamed(mentionsRawTopic, uniqueName('eos-dlq-in')), partitions: 1 };
  const output = { ...renamed(mentionsRawTopic, uniqueName('eos-dlq-out')), partitions: 1 };
  await ensureTopics(kafka, [input, output]);
  const producer = await createIdempotentProducer(kafka);
  await producer.send(
    input,
    Array.from({ length: 5 }, (_, n) => ({ key: `k${n}`, value: mention(n) })),
  );
  await producer.sendEncoded(input.name, [{ key: 'junk', value: Buffer.from('not a record') }]);
  await producer.send(
    input,
    Array.from({ length: 5 }, (_, n) => ({ key: `k${5 + n}`, value: mention(5 + n) })),
  );
  await producer.disconnect();
  const groupId = uniqueName('eos-dlq-group');
  const registry = createMetricsRegistry('eos-dlq-test');
  const stage = await runTransactionalStage({
    kafka,
    groupId,
    input,
    stage: 'dlq-test',
    logger: testLogger(),
    metrics: registry,
    transactionalIdPrefix: uniqueName('eos-dlq'),
    transform: (batch) => {
      // A record the transform cannot handle: a programming-style error, not an outage.
      if (batch.records.some((r) => r.value.sourceId === '7')) throw new TypeError('cannot handle mention 7');
      return {
        outputs: [{ topic: output.name, messages: batch.records.map((r) => encodeRecord(output, { key: r.value.id, value: r.value })) }],
      };
    },
  });
  try {
    const outputs = new Map<string, number>();
    const letters: Array<{ code: string; offset: string; stage: string }> = [];
    const reader = kafkajsOf(kafka).consumer({ groupId: uniqueName('eos-dlq-reader'), readUncommitted: false });
    await reader.connect();
    await reader.subscribe({ topics: [output.name, deadLetterTopicName(input.name)], fromBeginning: true });
    await reader.run({
      eachMessage: async ({ topic, message }) => {
        if (topic === output.name) outputs.set(message.key?.toString() ?? '', (outputs.get(message.key?.toString() ?? '') ?? 0) + 1);
        else
          letters.push({
            code: String(message.headers?.['dlq.error.code']),
            offset: String(message.headers?.['dlq.original.offset']),
            stage: String(message.headers?.['dlq.stage']),
          });
      },
    });
    const deadline = Date.now() + 30_000;
    while ((outputs.size < 9 || letters.length < 2) && Date.now() < deadline) await sleep(200);
    await sleep(1_500);
    await reader.disconnect();
    expect([...outputs.keys()].sort()).toEqual([0, 1, 2, 3, 4, 5, 6, 8, 9].map((n) => `eos:${n}`).sort());
    expect([...outputs.values()].every((n) => n === 1)).toBe(true);
    expect(letters.sort((a, b) => a.offset.localeCompare(b.offset))).toEqual([
      { code: 'BAD_MAGIC', offset: '5', stage: 'dlq-test' },
      { code: 'PROCESSING_FAILED', offset: '8', stage: 'dlq-test' },
    ]);
    const admin = kafkajsOf(kafka).admin();
    await admin.connect();
    const [offsets] = await admin.fetchOffsets({ groupId, topics: [input.name] });
    await admin.disconnect();
    expect(offsets?.partitions).toEqual([{ partition: 0, offset: '11', metadata: null }]);
    // Everything was written before the stage started: one fetch, one batch, one transaction
    // (the failing record's isolation happens inside it).
    const count = async (name: string) => (await registry.getSingleMetric(name)?.get())?.values.map((v) => [v.labels, v.value]);
    expect(await count('sl_records_processed_total')).toEqual([[{ stage: 'dlq-test', topic: input.name }, 11]]);
    expect(await count('sl_batches_processed_total')).toEqual([[{ stage: 'dlq-test', topic: input.name }, 1]]);
  } finally {
    await stage.stop();
  }
});

it('commits a batch the handler cut only up to the cut, reads the rest again, and dead-letters an undecodable record past a cut once', async () => {
  const brokers = inject('kafkaBrokers');
  const kafka = createKafkaClient({ brokers, clientId: 'eos-cut-test', logger: testLogger() });
  const input = { ...renamed(mentionsRawTopic, uniqueName('eos-cut-in')), partitions: 1 };
  const output = { ...renamed(mentionsRawTopic, uniqueName('eos-cut-out')), partitions: 1 };
  await ensureTopics(kafka, [input, output]);
  const producer = await createIdempotentProducer(kafka);
  await producer.send(
    input,
    Array.from({ length: 10 }, (_, n) => ({ key: `k${n}`, value: mention(n) })),
  );
  await producer.sendEncoded(input.name, [{ key: 'junk', value: Buffer.from('not a record') }]);
  await producer.send(
    input,
    Array.from({ length: 10 }, (_, n) => ({ key: `k${10 + n}`, value: mention(10 + n) })),
  );
  await producer.disconnect();
  const groupId = uniqueName('eos-cut-group');
  const registry = createMetricsRegistry('eos-cut-test');
  const PER_COMMIT = 4;
  const stage = await runTransactionalStage({
    kafka,
    groupId,
    input,
    stage: 'cut-test',
    logger: testLogger(),
    metrics: registry,
    transactionalIdPrefix: uniqueName('eos-cut'),
    // At most four records per transaction: the rest of a longer batch is left for the next one.
    transform: (batch) => {
      const taken = batch.records.slice(0, PER_COMMIT);
      const last = taken.at(-1);
      return {
        outputs: [{ topic: output.name, messages: taken.map((r) => encodeRecord(output, { key: r.value.id, value: r.value })) }],
        ...(batch.records.length > PER_COMMIT && last ? { consumedTo: (BigInt(last.offset) + 1n).toString() } : {}),
      };
    },
  });
  try {
    const outputs = new Map<string, number>();
    const letters: string[] = [];
    const reader = kafkajsOf(kafka).consumer({ groupId: uniqueName('eos-cut-reader'), readUncommitted: false });
    await reader.connect();
    await reader.subscribe({ topics: [output.name, deadLetterTopicName(input.name)], fromBeginning: true });
    await reader.run({
      eachMessage: async ({ topic, message }) => {
        if (topic === output.name) outputs.set(message.key?.toString() ?? '', (outputs.get(message.key?.toString() ?? '') ?? 0) + 1);
        else letters.push(`${String(message.headers?.['dlq.error.code'])}@${String(message.headers?.['dlq.original.offset'])}`);
      },
    });
    const deadline = Date.now() + 30_000;
    while ((outputs.size < 20 || letters.length < 1) && Date.now() < deadline) await sleep(200);
    await sleep(1_500);
    await reader.disconnect();
    expect([...outputs.keys()].sort()).toEqual(Array.from({ length: 20 }, (_, n) => `eos:${n}`).sort());
    expect([...outputs.values()].every((n) => n === 1)).toBe(true);
    expect(letters).toEqual(['BAD_MAGIC@10']);
    const admin = kafkajsOf(kafka).admin();
    await admin.connect();
    const [offsets] = await admin.fetchOffsets({ groupId, topics: [input.name] });
    await admin.disconnect();
    expect(offsets?.partitions).toEqual([{ partition: 0, offset: '21', metadata: null }]);
    // Cut at 4, 8 and 13 (the junk at 10 goes with 8, 9, 11 and 12), 17; the last four end their batch.
    const count = async (name: string) => (await registry.getSingleMetric(name)?.get())?.values.map((v) => [v.labels, v.value]);
    expect(await count('sl_batches_cut_total')).toEqual([[{ stage: 'cut-test', topic: input.name }, 4]]);
    expect(await count('sl_batches_processed_total')).toEqual([[{ stage: 'cut-test', topic: input.name }, 5]]);
    expect(await count('sl_records_processed_total')).toEqual([[{ stage: 'cut-test', topic: input.name }, 21]]);
  } finally {
    await stage.stop();
  }
});
