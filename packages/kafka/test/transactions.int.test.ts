// Proves on the project's broker version what later stages build on: kafkajs transactions with
// offsets sent in the transaction, and read_committed consumers that never see aborted records.
import { kafkajsOf } from '../src/adapters/kafkajs/port-client.ts';
import { testLogger, uniqueName } from '@sl/testkit';
import '@sl/testkit/provided';
import { expect, inject, it } from 'vitest';
import { createKafkaClient, type KafkaClient, retryRetriable } from '../src/index.ts';

/** Values of `topic` as a read_committed reader sees them, from the start through `last`. */
async function readCommittedUntil(kafka: KafkaClient, topic: string, last: string): Promise<string[]> {
  const consumer = kafkajsOf(kafka).consumer({ groupId: uniqueName('tx-reader'), readUncommitted: false });
  const seen: string[] = [];
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await new Promise<void>((resolve) => {
    void consumer.run({
      eachMessage: async ({ message }) => {
        seen.push(message.value?.toString() ?? '');
        if (seen.at(-1) === last) resolve();
      },
    });
  });
  await consumer.disconnect();
  return seen;
}

it('commits a transaction with its consumer offsets and hides an aborted one from read_committed readers', async () => {
  const kafka = createKafkaClient({ brokers: inject('kafkaBrokers'), clientId: 'tx-test', logger: testLogger() });
  const input = uniqueName('tx-in');
  const output = uniqueName('tx-out');
  const groupId = uniqueName('tx-group');
  const admin = kafkajsOf(kafka).admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic: input, numPartitions: 1 }, { topic: output, numPartitions: 1 }], waitForLeaders: true });

  const producer = kafkajsOf(kafka).producer({ transactionalId: uniqueName('tx'), idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  // A new group's coordinator may still be loading (NOT_COORDINATOR): the transaction is redone, as
  // the stages do; what an attempt left behind is aborted, and read_committed readers must not see it.
  await retryRetriable(async () => {
    const committed = await producer.transaction();
    try {
      await committed.send({ topic: output, messages: Array.from({ length: 10 }, (_, i) => ({ value: `kept-${i}` })) });
      await committed.sendOffsets({ consumerGroupId: groupId, topics: [{ topic: input, partitions: [{ partition: 0, offset: '42' }] }] });
      await committed.commit();
    } catch (error) {
      await committed.abort().catch(() => undefined);
      throw error;
    }
  });
  const aborted = await producer.transaction();
  await aborted.send({ topic: output, messages: Array.from({ length: 5 }, (_, i) => ({ value: `aborted-${i}` })) });
  await aborted.abort();
  const last = await producer.transaction();
  await last.send({ topic: output, messages: [{ value: 'after-abort' }] });
  await last.commit();
  await producer.disconnect();

  const [offsets] = await admin.fetchOffsets({ groupId, topics: [input] });
  expect(offsets?.partitions).toEqual([{ partition: 0, offset: '42', metadata: null }]);
  await admin.disconnect();

  const seen = await readCommittedUntil(kafka, output, 'after-abort');
  expect(seen).toEqual([...Array.from({ length: 10 }, (_, i) => `kept-${i}`), 'after-abort']);
});

it('hides two overlapping transactions aborted in the reverse order of their start (a broker restart does that)', async () => {
  const kafka = createKafkaClient({ brokers: inject('kafkaBrokers'), clientId: 'tx-test', logger: testLogger() });
  const output = uniqueName('tx-overlap');
  const admin = kafkajsOf(kafka).admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic: output, numPartitions: 1 }], waitForLeaders: true });
  await admin.disconnect();
  const open = async (name: string) => {
    const producer = kafkajsOf(kafka).producer({ transactionalId: uniqueName(name), idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    return producer;
  };
  const [first, second, third] = await Promise.all([open('tx-first'), open('tx-second'), open('tx-third')]);
  // first's records come before second's, but second's abort marker comes before first's: the
  // broker lists aborted transactions in the order they ended, which kafkajs 2.2.4 took as sorted.
  const early = await first.transaction();
  await early.send({ topic: output, messages: Array.from({ length: 4 }, (_, i) => ({ value: `aborted-first-${i}` })) });
  const late = await second.transaction();
  await late.send({ topic: output, messages: Array.from({ length: 4 }, (_, i) => ({ value: `aborted-second-${i}` })) });
  await late.abort();
  await early.abort();
  const kept = await third.transaction();
  await kept.send({ topic: output, messages: Array.from({ length: 3 }, (_, i) => ({ value: `kept-${i}` })) });
  await kept.commit();
  await Promise.all([first.disconnect(), second.disconnect(), third.disconnect()]);

  const seen = await readCommittedUntil(kafka, output, 'kept-2');
  expect(seen).toEqual(['kept-0', 'kept-1', 'kept-2']);
});
