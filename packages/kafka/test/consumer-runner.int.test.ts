// The consumer runner against the real broker: commits what it finished, dead-letters what it
// cannot decode or process (with the reason), waits out retriable errors, resumes after a stop.
import { kafkajsOf } from '../src/adapters/kafkajs/port-client.ts';
import { type RawMention, deadLetterContract, rawMentionContract } from '@sl/contracts';
import { testLogger, uniqueName } from '@sl/testkit';
import '@sl/testkit/provided';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  createIdempotentProducer,
  createKafkaClient,
  deadLetterHeaders,
  deadLetterTopicName,
  ensureTopics,
  type KafkaClient,
  mentionsRawTopic,
  type PartitionBatch,
  renamed,
  runConsumer,
  type TopicDefinition,
  type TypedProducer,
} from '../src/index.ts';

const logger = testLogger();
let kafka: KafkaClient;
let producer: TypedProducer;

function mention(n: number): RawMention {
  return {
    id: `test:${n}`,
    source: 'test',
    sourceId: String(n),
    text: `mention number ${n}`,
    title: null,
    url: null,
    lang: null,
    publishedAt: 1_764_000_000_000 + n,
    ingestedAt: 1_764_000_000_000,
    author: { handle: `author${n % 7}`, name: null, followers: null },
    engagement: { likes: n, shares: 0, replies: 0 },
    parentId: null,
  };
}

async function readAll(topic: string, expected: number, timeoutMs = 30_000) {
  const consumer = kafkajsOf(kafka).consumer({ groupId: uniqueName('reader') });
  const seen: Array<{ key: string | null; value: Buffer; headers: Record<string, string> }> = [];
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  const done = new Promise<void>((resolve) => {
    void consumer.run({
      eachMessage: async ({ message }) => {
        const headers: Record<string, string> = {};
        for (const [k, v] of Object.entries(message.headers ?? {})) headers[k] = String(v);
        seen.push({ key: message.key?.toString() ?? null, value: message.value ?? Buffer.alloc(0), headers });
        if (seen.length >= expected) resolve();
      },
    });
  });
  await Promise.race([done, new Promise((resolve) => setTimeout(resolve, timeoutMs))]);
  await consumer.disconnect();
  return seen;
}

async function until(condition: () => boolean, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function committed(groupId: string, topic: string): Promise<Record<number, string>> {
  const admin = kafkajsOf(kafka).admin();
  await admin.connect();
  const [offsets] = await admin.fetchOffsets({ groupId, topics: [topic] });
  await admin.disconnect();
  return Object.fromEntries((offsets?.partitions ?? []).map((p) => [p.partition, p.offset]));
}

beforeAll(async () => {
  kafka = createKafkaClient({ brokers: inject('kafkaBrokers'), clientId: 'kafka-int-test', logger });
  producer = await createIdempotentProducer(kafka);
});

afterAll(async () => {
  await producer.disconnect();
});

describe('ensureTopics', () => {
  it('creates the topic with its partitions and cleanup policy, and its dead-letter topic, once', async () => {
    const topic: TopicDefinition<RawMention> = { ...renamed(mentionsRawTopic, uniqueName('t')), partitions: 4, cleanupPolicy: 'compact' };
    expect(await ensureTopics(kafka, [topic])).toEqual([topic.name, deadLetterTopicName(topic.name)]);
    expect(await ensureTopics(kafka, [topic])).toEqual([]);
    const admin = kafkajsOf(kafka).admin();
    await admin.connect();
    const metadata = await admin.fetchTopicMetadata({ topics: [topic.name] });
    const configs = await admin.describeConfigs({ includeSynonyms: false, resources: [{ type: 2, name: topic.name, configNames: ['cleanup.policy'] }] });
    await admin.disconnect();
    expect(metadata.topics[0]?.partitions).toHaveLength(4);
    expect(configs.resources[0]?.configEntries[0]?.configValue).toBe('compact');
  });
});

describe('runConsumer', () => {
  it('keeps its partitions while a handler runs longer than the session timeout (a webhook being retried)', async () => {
    const topic = { ...renamed(mentionsRawTopic, uniqueName('slow')), partitions: 1 };
    await ensureTopics(kafka, [topic]);
    await producer.send(topic, [mention(1)].map((m) => ({ key: m.id, value: m })));
    const groupId = uniqueName('slow-group');
    const handled: string[] = [];
    const assignments: number[][] = [];
    const handle = await runConsumer({
      kafka,
      groupId,
      topic,
      stage: 'slow-stage',
      logger,
      producer,
      sessionTimeoutMs: 6_000,
      heartbeatIntervalMs: 1_000,
      onAssignment: (partitions) => assignments.push(partitions),
      handleBatch: async (batch: PartitionBatch<RawMention>) => {
        await new Promise((resolve) => setTimeout(resolve, 9_000));
        for (const r of batch.records) handled.push(r.value.id);
      },
    });
    await until(() => handled.length >= 1, 40_000);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    await handle.stop();
    expect(handled).toEqual(['test:1']);
    // One join: the group never took the partition away mid-batch.
    expect(assignments).toEqual([[0]]);
    expect(await committed(groupId, topic.name)).toEqual({ 0: '1' });
  }, 60_000);

  it('rejoins after stalling past its session: the batch is redone and committed, nothing dead-lettered', async () => {
    const topic = { ...renamed(mentionsRawTopic, uniqueName('stall')), partitions: 1 };
    await ensureTopics(kafka, [topic]);
    await producer.send(topic, Array.from({ length: 5 }, (_, i) => mention(i)).map((m) => ({ key: m.id, value: m })));
    const groupId = uniqueName('stall-group');
    const assignments: number[][] = [];
    const passes: string[][] = [];
    let handle: Awaited<ReturnType<typeof runConsumer<RawMention>>> | undefined;
    handle = await runConsumer({
      kafka,
      groupId,
      topic,
      stage: 'stall-stage',
      logger,
      producer,
      commitMode: 'manual',
      sessionTimeoutMs: 6_000,
      heartbeatIntervalMs: 1_000,
      onAssignment: (partitions) => assignments.push(partitions),
      handleBatch: async (batch: PartitionBatch<RawMention>) => {
        // The first pass holds the event loop (a large synchronous encode, a long GC) for longer
        // than the session: no heartbeat goes out and the coordinator drops the member. Well past
        // the 6 s session (15 s): with only 2 s to spare, a broker slowed by a loaded machine may
        // not have expired the member yet when the pass's commit arrives; it accepts the commit and
        // no second pass comes (the likely cause of a timeout in one CI run of fourteen).
        if (passes.length === 0) {
          const until = Date.now() + 15_000;
          while (Date.now() < until) {}
        }
        passes.push(batch.records.map((r) => r.value.id));
        await handle?.commit(batch.partition, batch.nextOffset);
      },
    });
    await until(() => passes.length >= 2, 45_000);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    await handle.stop();
    const ids = Array.from({ length: 5 }, (_, i) => `test:${i}`);
    // The stalled pass's commit was refused; the rejoined member redid the whole batch.
    expect(passes).toEqual([ids, ids]);
    expect(assignments).toEqual([[0], [0]]);
    expect(await committed(groupId, topic.name)).toEqual({ 0: '5' });
    expect(await readAll(deadLetterTopicName(topic.name), 1, 3_000)).toEqual([]);
  }, 60_000);

  it('processes every record once, dead-letters undecodable and failing records with the reason, and commits the end', async () => {
    const topic = { ...renamed(mentionsRawTopic, uniqueName('runner')), partitions: 1 };
    await ensureTopics(kafka, [topic]);
    const good = Array.from({ length: 50 }, (_, i) => mention(i));
    await producer.send(topic, good.slice(0, 20).map((m) => ({ key: m.id, value: m })));
    await producer.sendEncoded(topic.name, [{ key: 'garbage', value: Buffer.from('not avro at all') }]);
    await producer.send(topic, good.slice(20).map((m) => ({ key: m.id, value: m })));

    const processed: string[] = [];
    let outagesLeft = 2;
    const groupId = uniqueName('group');
    const handle = await runConsumer({
      kafka,
      groupId,
      topic,
      stage: 'test-stage',
      logger,
      producer,
      retry: { initialDelayMs: 10, maxDelayMs: 50 },
      handleBatch: async (batch: PartitionBatch<RawMention>) => {
        // An outage: nothing of the batch is done, the runner must retry it whole.
        if (outagesLeft > 0 && batch.records.length > 0) {
          outagesLeft -= 1;
          throw Object.assign(new Error('object store unavailable'), { retriable: true });
        }
        const failures = batch.records.filter((r) => r.value.sourceId === '33').map((r) => ({ offset: r.offset, error: Object.assign(new Error('cannot handle 33'), { code: 'BAD_THIRTY_THREE' }) }));
        for (const r of batch.records) if (r.value.sourceId !== '33') processed.push(r.value.id);
        return { failures };
      },
    });
    await until(() => processed.length >= 49);
    const dead = await readAll(deadLetterTopicName(topic.name), 2);
    await new Promise((resolve) => setTimeout(resolve, 500));
    await handle.stop();

    expect([...processed].sort()).toEqual(good.filter((m) => m.sourceId !== '33').map((m) => m.id).sort());
    expect(new Set(processed).size).toBe(processed.length);
    expect(dead).toHaveLength(2);
    const byCode = Object.fromEntries(dead.map((d) => [d.headers[deadLetterHeaders.errorCode], d]));
    const undecodable = byCode.BAD_MAGIC;
    expect(undecodable?.key).toBe('garbage');
    expect(undecodable?.headers[deadLetterHeaders.stage]).toBe('test-stage');
    expect(undecodable?.headers[deadLetterHeaders.originalTopic]).toBe(topic.name);
    expect(undecodable?.headers[deadLetterHeaders.originalOffset]).toBe('20');
    expect(undecodable?.headers[deadLetterHeaders.originalPartition]).toBe('0');
    const letter = deadLetterContract.decode(undecodable?.value ?? Buffer.alloc(0));
    expect(Buffer.from(letter.value).toString()).toBe('not avro at all');
    expect(letter.offset).toBe('20');
    const failing = byCode.BAD_THIRTY_THREE;
    expect(failing?.headers[deadLetterHeaders.error]).toBe('cannot handle 33');
    expect(rawMentionContract.decode(Buffer.from(deadLetterContract.decode(failing?.value ?? Buffer.alloc(0)).value)).id).toBe('test:33');
    expect(await committed(groupId, topic.name)).toEqual({ 0: '51' });
  });

  it('resumes from the committed offset after a clean stop: nothing repeated, nothing skipped', async () => {
    const topic = { ...renamed(mentionsRawTopic, uniqueName('resume')), partitions: 2 };
    await ensureTopics(kafka, [topic]);
    const groupId = uniqueName('group');
    const seen: string[] = [];
    const start = () =>
      runConsumer({
        kafka,
        groupId,
        topic,
        stage: 'resume',
        logger,
        producer,
        handleBatch: async (batch) => {
          for (const r of batch.records) seen.push(r.value.id);
        },
      });
    await producer.send(topic, Array.from({ length: 30 }, (_, i) => ({ key: `k${i}`, value: mention(i) })));
    const first = await start();
    await until(() => seen.length >= 30);
    await first.stop();
    await producer.send(topic, Array.from({ length: 30 }, (_, i) => ({ key: `k${i}`, value: mention(100 + i) })));
    const second = await start();
    await until(() => seen.length >= 60);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    await second.stop();
    expect(seen).toHaveLength(60);
    expect(new Set(seen).size).toBe(60);
  });
});
