// Consumer lag against the real broker: a group that has read everything of a topic written in
// transactions sits one short of the end (the commit marker), which is not lag; one record left
// unread still is.
import { kafkajsOf } from '../src/adapters/kafkajs/port-client.ts';
import { testLogger, uniqueName } from '@sl/testkit';
import '@sl/testkit/provided';
import { expect, inject, it } from 'vitest';
import { consumerLag, createKafkaClient, retryRetriable } from '../src/index.ts';

it('takes a trailing transaction marker for caught up on a transactional input, and nothing else', async () => {
  const kafka = createKafkaClient({ brokers: inject('kafkaBrokers'), clientId: 'lag-test', logger: testLogger() });
  const topic = uniqueName('lag-tx');
  const groupId = uniqueName('lag-group');
  const admin = kafkajsOf(kafka).admin();
  await admin.connect();
  const tx = kafkajsOf(kafka).producer({ transactionalId: uniqueName('lag-tx'), idempotent: true, maxInFlightRequests: 1 });
  try {
    await admin.createTopics({ topics: [{ topic, numPartitions: 1 }], waitForLeaders: true });
    await tx.connect();
    // Three records in one transaction: offsets 0-2, the commit marker at 3, the end at 4.
    const txn = await tx.transaction();
    await txn.send({ topic, messages: [{ value: 'a' }, { value: 'b' }, { value: 'c' }] });
    await txn.commit();
    const commit = (offset: string) => retryRetriable(() => admin.setOffsets({ groupId, topic, partitions: [{ partition: 0, offset }] }));

    // Read everything: the group commits 3, the marker's offset.
    await commit('3');
    expect((await consumerLag(kafka, groupId, topic, { transactionalInput: true })).partitions).toEqual([{ partition: 0, committed: '3', end: '4', lag: 0 }]);
    // Without the option the marker counts, as for a topic written outside transactions.
    expect((await consumerLag(kafka, groupId, topic)).total).toBe(1);
    // One record left unread: its marker follows it, so it still shows.
    await commit('2');
    expect((await consumerLag(kafka, groupId, topic, { transactionalInput: true })).total).toBe(2);
  } finally {
    await tx.disconnect();
    await admin.disconnect();
  }
}, 60_000);
