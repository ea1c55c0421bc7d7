// A live table over a topic written in transactions: the topic ends in a commit marker (or in an
// aborted transaction's records), which no record handler is given. A dashboard restarted on a
// written authors.influence waited for a record at that offset until its 60 s timeout and exited,
// again and again; the table must count reaching the end offset as caught up.
import { brandFixture, testLogger, uniqueName } from '@sl/testkit';
import '@sl/testkit/provided';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { kafkajsOf } from '../src/adapters/kafkajs/port-client.ts';
import {
  brandsConfigTopic,
  createKafkaClient,
  encodeRecord,
  type KafkaClient,
  renamed,
  retryRetriable,
  watchLatestByKey,
} from '../src/index.ts';

let kafka: KafkaClient;
beforeAll(() => {
  kafka = createKafkaClient({ brokers: inject('kafkaBrokers'), clientId: 'watch-latest-test', logger: testLogger() });
});

/** A two-partition topic holding `committed` brands written in transactions, then `aborted` ones in a transaction that was aborted. */
async function transactionalTopic(committed: string[], aborted: string[]) {
  const topic = renamed(brandsConfigTopic, uniqueName('live-tx'));
  const admin = kafkajsOf(kafka).admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic: topic.name, numPartitions: 2 }], waitForLeaders: true });
  await admin.disconnect();
  const producer = kafkajsOf(kafka).producer({ transactionalId: uniqueName('live-tx'), idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  const write = async (ids: string[], commit: boolean) => {
    if (ids.length === 0) return;
    await retryRetriable(async () => {
      const transaction = await producer.transaction();
      try {
        await transaction.send({
          topic: topic.name,
          messages: ids.map((id, i) => ({ ...encodeRecord(topic, { key: id, value: brandFixture(id) }), partition: i % 2 })),
        });
        if (commit) await transaction.commit();
        else await transaction.abort();
      } catch (error) {
        await transaction.abort().catch(() => undefined);
        throw error;
      }
    });
  };
  // One transaction a record, so each partition holds several markers, the last one at its end.
  for (const id of committed) await write([id], true);
  await write(aborted, false);
  await producer.disconnect();
  return topic;
}

describe('watchLatestByKey on a topic written in transactions', () => {
  it('catches up when every partition ends in a commit marker', async () => {
    const topic = await transactionalTopic(['acme', 'birch', 'cobalt', 'dune'], []);
    const table = await watchLatestByKey(kafka, topic, { logger: testLogger(), timeoutMs: 20_000 });
    try {
      expect([...table.values.keys()].sort()).toEqual(['acme', 'birch', 'cobalt', 'dune']);
    } finally {
      await table.stop();
    }
  });

  it('catches up when a partition ends in an aborted transaction, and shows none of it', async () => {
    const topic = await transactionalTopic(['acme', 'birch'], ['ember', 'fjord']);
    const table = await watchLatestByKey(kafka, topic, { logger: testLogger(), timeoutMs: 20_000 });
    try {
      expect([...table.values.keys()].sort()).toEqual(['acme', 'birch']);
    } finally {
      await table.stop();
    }
  });
});
