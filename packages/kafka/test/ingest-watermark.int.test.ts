// The ingest watermark against the real broker: two stages (raw -> enriched -> scored), their
// groups' committed offsets set by hand. The watermark must wait for every partition of each stage
// in turn, count records of transactions not yet readable, take a transactional topic's commit
// marker for done, and never move while a stage lags.
import { kafkajsOf } from '../src/adapters/kafkajs/port-client.ts';
import { testLogger, uniqueName } from '@sl/testkit';
import '@sl/testkit/provided';
import { expect, inject, it } from 'vitest';
import { createIngestWatermark, createKafkaClient, retryRetriable } from '../src/index.ts';

it('follows ingestion through every upstream stage, partition by partition, each stage read after the one before', async () => {
  const kafka = createKafkaClient({ brokers: inject('kafkaBrokers'), clientId: 'watermark-test', logger: testLogger() });
  const raw = uniqueName('wm-raw');
  const enriched = uniqueName('wm-enriched');
  const enricher = uniqueName('wm-enricher');
  const sentiment = uniqueName('wm-sentiment');
  const admin = kafkajsOf(kafka).admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic: raw, numPartitions: 2 }, { topic: enriched, numPartitions: 2 }], waitForLeaders: true });
  const commit = (groupId: string, topic: string, partition: number, offset: string) =>
    retryRetriable(() => admin.setOffsets({ groupId, topic, partitions: [{ partition, offset }] }));

  let clock = 1_000_000;
  const watermark = createIngestWatermark({
    kafka,
    stages: [
      { groupId: enricher, topic: raw },
      { groupId: sentiment, topic: enriched, transactional: true },
    ],
    produceGraceMs: 500,
    now: () => clock,
  });
  try {
    // Empty topics: nothing to wait for; a probe passes both stages in the poll that starts it.
    expect(await watermark.poll()).toBe(1_000_000 - 500);

    // Ingestion on raw partition 1; the enricher has not read it.
    const producer = kafkajsOf(kafka).producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    await producer.send({ topic: raw, messages: Array.from({ length: 5 }, (_, i) => ({ partition: 1, value: `m${i}` })) });
    // A probe started now waits for the enricher; the watermark stays where it was.
    clock = 2_000_000;
    expect(await watermark.poll()).toBe(1_000_000 - 500);
    clock += 100;
    expect(await watermark.poll()).toBe(1_000_000 - 500);

    // The enricher has read 3 of 5, then 4 of 5: the watermark stays. mentions.raw is written
    // outside transactions, so its last entry is a mention, not a marker: one short is not done.
    await commit(enricher, raw, 1, '3');
    clock += 100;
    expect(await watermark.poll()).toBe(1_000_000 - 500);
    // What holds it, for the logs: the oldest waiting probe's stage and partition, read to 3 of 5.
    expect(watermark.holdUp()).toMatchObject({ groupId: enricher, topic: raw, partitions: [{ partition: 1, committed: '3', end: '5' }] });
    await commit(enricher, raw, 1, '4');
    clock += 100;
    expect(await watermark.poll()).toBe(1_000_000 - 500);
    await commit(enricher, raw, 1, '5');
    // Its output lands on enriched partition 0, in a transaction that is still open: its records
    // are in the log but not readable yet (the moment between a stage committing its offsets and
    // its markers being written looks the same). The ends read must include them.
    const tx = kafkajsOf(kafka).producer({ transactionalId: uniqueName('wm-tx'), idempotent: true, maxInFlightRequests: 1 });
    await tx.connect();
    const txn = await tx.transaction();
    await txn.send({ topic: enriched, messages: Array.from({ length: 5 }, (_, i) => ({ partition: 0, value: `e${i}` })) });
    clock += 100;
    // The probes started since 2,000,000 pass the enricher now and take enriched's ends, read
    // after that was seen, in the same poll: the sentiment stage has not read them.
    expect(await watermark.poll()).toBe(1_000_000 - 500);
    await txn.commit();
    clock += 100;
    expect(await watermark.poll()).toBe(1_000_000 - 500);
    await commit(sentiment, enriched, 0, '4');
    clock += 100;
    expect(await watermark.poll()).toBe(1_000_000 - 500);
    expect(watermark.holdUp()).toMatchObject({ groupId: sentiment, topic: enriched, partitions: [{ partition: 0, committed: '4', end: '5' }] });
    // Offset 5 is the commit marker: a consumer that read all five records commits 5. Every probe
    // is through both stages now, the one started by this poll too.
    await commit(sentiment, enriched, 0, '5');
    clock += 100;
    expect(await watermark.poll()).toBe(2_000_700 - 500);
    await tx.disconnect();
    await producer.disconnect();
  } finally {
    await watermark.close();
    await admin.disconnect();
  }
}, 120_000);

it('never takes a gap in an input written outside transactions for settled; settles an aborted tail of a transactional one after settledGapMs', async () => {
  const kafka = createKafkaClient({ brokers: inject('kafkaBrokers'), clientId: 'watermark-gap-test', logger: testLogger() });
  const raw = uniqueName('wm-gap-raw');
  const enriched = uniqueName('wm-gap-enriched');
  const enricher = uniqueName('wm-gap-enricher');
  const sentiment = uniqueName('wm-gap-sentiment');
  const admin = kafkajsOf(kafka).admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic: raw, numPartitions: 1 }, { topic: enriched, numPartitions: 1 }], waitForLeaders: true });
  // Members that read and never commit: both groups are Stable with members, as a stage busy with
  // one long batch is.
  const busy = [enricher, sentiment].map((groupId) => kafkajsOf(kafka).consumer({ groupId, sessionTimeout: 30_000 }));
  const joined = busy.map((consumer) => new Promise<void>((resolve) => consumer.on(consumer.events.GROUP_JOIN, () => resolve())));
  for (const [i, consumer] of busy.entries()) {
    await consumer.connect();
    await consumer.subscribe({ topic: i === 0 ? raw : enriched, fromBeginning: true });
    await consumer.run({ autoCommit: false, eachBatchAutoResolve: false, eachBatch: async () => {} });
  }
  await Promise.all(joined);
  // Committed by the member itself (offsets of a group with running members cannot be set from outside).
  const commit = (offset: string) => retryRetriable(() => (busy[0] as (typeof busy)[0]).commitOffsets([{ topic: raw, partition: 0, offset }]));
  let clock = 5_000_000;
  const watermark = createIngestWatermark({
    kafka,
    stages: [
      { groupId: enricher, topic: raw },
      { groupId: sentiment, topic: enriched, transactional: true },
    ],
    produceGraceMs: 0,
    now: () => clock,
  });
  const producer = kafkajsOf(kafka).producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  try {
    expect(await watermark.poll()).toBe(5_000_000);
    await producer.send({ topic: raw, messages: Array.from({ length: 4 }, (_, i) => ({ value: `m${i}` })) });
    // The enricher has read 1 of 4 and then nothing for a minute (of the probe's clock), its group Stable.
    await commit('1');
    for (let step = 0; step < 6; step += 1) {
      clock += 10_000;
      expect(await watermark.poll()).toBe(5_000_000);
    }
    await commit('4');
    clock += 100;
    expect(await watermark.poll()).toBe(clock);

    // An aborted transaction at the end of enriched: its records and markers are never consumed.
    const tx = kafkajsOf(kafka).producer({ transactionalId: uniqueName('wm-gap-tx'), idempotent: true, maxInFlightRequests: 1 });
    await tx.connect();
    const txn = await tx.transaction();
    await txn.send({ topic: enriched, messages: [{ value: 'a0' }, { value: 'a1' }] });
    await txn.abort();
    await tx.disconnect();
    const before = clock;
    clock += 100;
    expect(await watermark.poll()).toBe(before);
    // Unchanged for less than 10 s: still waited for; for 10 s: markers and aborted records.
    clock += 9_000;
    expect(await watermark.poll()).toBe(before);
    clock += 1_500;
    // Settled needs the group Stable with members; on a loaded machine the idle members may be
    // rejoining for a moment, so the poll is repeated (the probe's clock standing still) until it is.
    const deadline = Date.now() + 60_000;
    let settled = await watermark.poll();
    while (settled !== clock && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      settled = await watermark.poll();
    }
    expect(settled).toBe(clock);
  } finally {
    await producer.disconnect();
    for (const consumer of busy) await consumer.disconnect();
    await watermark.close();
    await admin.disconnect();
  }
}, 120_000);
