// What every adapter behind the port must do on a real broker, written against the port's
// interfaces only (KafkaClient, ReportingConsumer, TransactionalProducer, KafkaAdmin) and the
// package's functions that take a KafkaClient. An adapter runs it from a file of its own
// (kafkajs.int.test.ts) with a factory for its client. Each case makes its own topics and groups.
import { testLogger, uniqueName } from '@sl/testkit';
import { describe, expect, it } from 'vitest';
import {
  type Assignment,
  type EncodedMessage,
  ensureTopics,
  fencedError,
  isKafkaError,
  type KafkaClient,
  mentionsRawTopic,
  type PortTransaction,
  renamed,
  retryRetriable,
  type TransactionalProducer,
} from '../../src/index.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(what: string, done: () => boolean, timeoutMs = 60_000): Promise<void> {
  for (const deadline = Date.now() + timeoutMs; !done(); await sleep(50)) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
  }
}

/** A topic of its own, made through the package's ensureTopics (raw bytes: the contract is not read here). */
async function freshTopic(client: KafkaClient, prefix: string, partitions: number): Promise<string> {
  const name = uniqueName(prefix);
  await ensureTopics(client, [{ ...renamed(mentionsRawTopic, name), partitions }], { withDeadLetters: false });
  return name;
}

interface Seen {
  partition: number;
  offset: string;
  key: string | null;
  value: string;
  headers: Record<string, string>;
}

/** Everything a new group reads from the start until `expected` values arrived and `settleMs` passed with nothing more. */
async function readAll(
  client: KafkaClient,
  topic: string,
  expected: number,
  options: { readCommitted?: boolean; settleMs?: number } = {},
): Promise<Seen[]> {
  const consumer = client.consumer({
    groupId: uniqueName('conformance-reader'),
    readCommitted: options.readCommitted ?? true,
    maxWaitTimeMs: 200,
  });
  const seen: Seen[] = [];
  await consumer.connect();
  try {
    await consumer.subscribe(topic, { fromBeginning: true });
    await consumer.run(async (batch) => {
      for (const record of batch.records) {
        const headers = Object.fromEntries(Object.entries(record.headers ?? {}).map(([name, value]) => [name, String(value)]));
        seen.push({
          partition: batch.partition,
          offset: record.offset,
          key: record.key?.toString() ?? null,
          value: record.value?.toString() ?? '',
          headers,
        });
      }
    });
    await until(`${expected} records of ${topic}`, () => seen.length >= expected);
    // A record past the expected count would be a duplicate or an aborted one let through.
    await sleep(options.settleMs ?? 1_500);
  } finally {
    await consumer.disconnect();
  }
  return seen;
}

const messages = (values: string[]): EncodedMessage[] => values.map((value) => ({ key: value, value: Buffer.from(value) }));

/** One transaction doing `work` and ending as asked; retried whole (a new transaction) while the coordinator settles. */
async function inTransaction(
  producer: TransactionalProducer,
  work: (txn: PortTransaction) => Promise<void>,
  end: 'commit' | 'abort',
): Promise<void> {
  await retryRetriable(async () => {
    const txn = await producer.transaction();
    try {
      await work(txn);
      await txn[end]();
    } catch (error) {
      await txn.abort().catch(() => undefined);
      throw error;
    }
  });
}

export function describePortConformance(adapter: string, makeClient: () => KafkaClient): void {
  describe(`Kafka port conformance: ${adapter}`, () => {
    it('names its adapter', () => {
      expect(makeClient().adapter).toBe(adapter);
    });

    it('delivers what is produced, each record once, in offset order per partition, with key and headers', async () => {
      const client = makeClient();
      const topic = await freshTopic(client, 'conformance-produce', 3);
      const producer = client.transactionalProducer({ transactionalId: uniqueName('conformance-produce-tx') });
      await producer.connect();
      const sent = Array.from({ length: 30 }, (_, i) => ({
        key: `k${i}`,
        value: Buffer.from(`v${i}`),
        partition: i % 3,
        headers: { 'sl-test': `h${i}` },
      }));
      await inTransaction(producer, (txn) => txn.send([{ topic, messages: sent }]), 'commit');
      await producer.disconnect();

      const seen = await readAll(client, topic, 30);
      expect(seen.map((s) => s.value).sort()).toEqual(sent.map((s) => s.value.toString()).sort());
      for (const record of seen) {
        const i = Number(record.key?.slice(1));
        expect([record.partition, record.value, record.headers['sl-test']]).toEqual([i % 3, `v${i}`, `h${i}`]);
      }
      for (const partition of [0, 1, 2]) {
        const offsets = seen.filter((s) => s.partition === partition).map((s) => BigInt(s.offset));
        expect(offsets).toEqual([...offsets].sort((a, b) => (a < b ? -1 : 1)));
        expect(offsets).toHaveLength(10);
      }
    });

    it('shows read_committed readers committed transactions only; read_uncommitted ones see the aborted too', async () => {
      const client = makeClient();
      const topic = await freshTopic(client, 'conformance-tx', 1);
      const producer = client.transactionalProducer({ transactionalId: uniqueName('conformance-tx') });
      await producer.connect();
      await inTransaction(producer, (txn) => txn.send([{ topic, messages: messages(['kept-1', 'kept-2']) }]), 'commit');
      await inTransaction(producer, (txn) => txn.send([{ topic, messages: messages(['aborted-1', 'aborted-2', 'aborted-3']) }]), 'abort');
      await inTransaction(producer, (txn) => txn.send([{ topic, messages: messages(['kept-3']) }]), 'commit');
      await producer.disconnect();

      expect((await readAll(client, topic, 3)).map((s) => s.value)).toEqual(['kept-1', 'kept-2', 'kept-3']);
      expect((await readAll(client, topic, 6, { readCommitted: false })).map((s) => s.value)).toEqual([
        'kept-1',
        'kept-2',
        'aborted-1',
        'aborted-2',
        'aborted-3',
        'kept-3',
      ]);
    });

    it('hides two overlapping transactions aborted in the reverse order of their start', async () => {
      const client = makeClient();
      const topic = await freshTopic(client, 'conformance-overlap', 1);
      const [first, second, third] = ['first', 'second', 'third'].map((name) =>
        client.transactionalProducer({ transactionalId: uniqueName(`conformance-${name}`) }),
      );
      if (!first || !second || !third) throw new Error('three producers');
      await Promise.all([first.connect(), second.connect(), third.connect()]);
      const firstTxn = await first.transaction();
      await firstTxn.send([{ topic, messages: messages(['first-aborted']) }]);
      const secondTxn = await second.transaction();
      await secondTxn.send([{ topic, messages: messages(['second-aborted']) }]);
      // The broker lists aborted transactions in the order they ended: second's before first's.
      await secondTxn.abort();
      await firstTxn.abort();
      await inTransaction(third, (txn) => txn.send([{ topic, messages: messages(['committed']) }]), 'commit');
      await Promise.all([first.disconnect(), second.disconnect(), third.disconnect()]);

      expect((await readAll(client, topic, 1)).map((s) => s.value)).toEqual(['committed']);
    });

    it('commits the offsets sent in a transaction with it, and not those of an aborted one', async () => {
      const client = makeClient();
      const input = await freshTopic(client, 'conformance-offsets-in', 2);
      const output = await freshTopic(client, 'conformance-offsets-out', 1);
      const groupId = uniqueName('conformance-offsets-group');
      const producer = client.transactionalProducer({ transactionalId: uniqueName('conformance-offsets-tx') });
      await producer.connect();
      await inTransaction(
        producer,
        async (txn) => {
          await txn.send([{ topic: output, messages: messages(['out-1']) }]);
          await txn.sendOffsets({
            groupId,
            offsets: [
              { topic: input, partition: 0, offset: '5' },
              { topic: input, partition: 1, offset: '7' },
            ],
          });
        },
        'commit',
      );
      await inTransaction(producer, (txn) => txn.sendOffsets({ groupId, offsets: [{ topic: input, partition: 0, offset: '9' }] }), 'abort');
      await producer.disconnect();

      const admin = client.admin();
      await admin.connect();
      try {
        const [committed] = await admin.fetchOffsets({ groupId, topics: [input] });
        expect(
          committed?.partitions.map(({ partition, offset }) => ({ partition, offset })).sort((a, b) => a.partition - b.partition),
        ).toEqual([
          { partition: 0, offset: '5' },
          { partition: 1, offset: '7' },
        ]);
      } finally {
        await admin.disconnect();
      }
      expect((await readAll(client, output, 1)).map((s) => s.value)).toEqual(['out-1']);
    });

    it('fences the older of two producers with one transactional id: its commit fails with a fenced error', async () => {
      const client = makeClient();
      const topic = await freshTopic(client, 'conformance-fence', 1);
      const transactionalId = uniqueName('conformance-fence-tx');
      const zombie = client.transactionalProducer({ transactionalId });
      await zombie.connect();
      const zombieTxn = await zombie.transaction();
      await zombieTxn.send([{ topic, messages: messages(['zombie']) }]);

      const successor = client.transactionalProducer({ transactionalId });
      await successor.connect();
      const failure = await zombieTxn.commit().then(
        () => undefined,
        (error: unknown) => error,
      );
      // The port rejects with its own error, flagged where it was made.
      expect(isKafkaError(failure) && failure.fenced).toBe(true);
      expect(fencedError(failure)).toBeDefined();
      await inTransaction(successor, (txn) => txn.send([{ topic, messages: messages(['successor']) }]), 'commit');
      await Promise.all([zombie.disconnect().catch(() => undefined), successor.disconnect()]);

      expect((await readAll(client, topic, 1)).map((s) => s.value)).toEqual(['successor']);
    });

    it('reports each assignment to the consumer: all partitions to one member, then shared with a second', async () => {
      const client = makeClient();
      const topic = await freshTopic(client, 'conformance-rebalance', 4);
      const groupId = uniqueName('conformance-rebalance-group');
      const reports: Record<'a' | 'b', Assignment[]> = { a: [], b: [] };
      const owned = (member: 'a' | 'b') => [...(reports[member].at(-1)?.partitions[topic] ?? [])].sort((x, y) => x - y);
      const join = async (member: 'a' | 'b') => {
        const consumer = client.consumer({ groupId, sessionTimeoutMs: 10_000, heartbeatIntervalMs: 500, maxWaitTimeMs: 200 });
        consumer.onAssignment((assignment) => reports[member].push(assignment));
        await consumer.connect();
        await consumer.subscribe(topic, { fromBeginning: true });
        await consumer.run(async () => {});
        return consumer;
      };
      const a = await join('a');
      try {
        await until('the first member to be assigned', () => reports.a.length > 0);
        expect(owned('a')).toEqual([0, 1, 2, 3]);
        expect(reports.a[0]?.memberId).toMatch(/.+/);
        const b = await join('b');
        try {
          await until(
            'both members to share the partitions',
            () => reports.b.length > 0 && owned('a').length + owned('b').length === 4 && owned('a').length > 0,
          );
          expect([...owned('a'), ...owned('b')].sort((x, y) => x - y)).toEqual([0, 1, 2, 3]);
          expect(owned('a').length).toBe(2);
          expect(reports.a.at(-1)?.memberId).not.toBe(reports.b.at(-1)?.memberId);
        } finally {
          await b.disconnect();
        }
      } finally {
        await a.disconnect();
      }
    });

    it("stage consumer: batches with a control, resolved offsets read on after a commit, and the coordinator's view of the member's partitions", async () => {
      const client = makeClient();
      const topic = await freshTopic(client, 'conformance-stage', 2);
      const producer = client.transactionalProducer({ transactionalId: uniqueName('conformance-stage-tx') });
      await producer.connect();
      await inTransaction(
        producer,
        (txn) =>
          txn.send([{ topic, messages: [0, 1, 2, 3, 4, 5].map((i) => ({ key: `k${i}`, value: Buffer.from(`v${i}`), partition: i % 2 })) }]),
        'commit',
      );
      await producer.disconnect();
      const groupId = uniqueName('conformance-stage-group');
      const seen: string[] = [];
      const joins: Assignment[] = [];
      const consumer = client.stageConsumer({ groupId, sessionTimeoutMs: 10_000, heartbeatIntervalMs: 500, logger: testLogger() });
      consumer.onAssignment((assignment) => joins.push(assignment));
      await consumer.connect();
      await consumer.subscribe(topic, { fromBeginning: true });
      await consumer.run(async (batch, control) => {
        expect(control.isRunning()).toBe(true);
        await control.heartbeat();
        for (const record of batch.records) seen.push(`${batch.partition}:${record.offset}:${record.value?.toString()}`);
        const last = batch.records.at(-1);
        if (last) {
          control.resolveOffset(last.offset);
          await consumer.commit([{ topic, partition: batch.partition, offset: (BigInt(last.offset) + 1n).toString() }]);
        }
      });
      try {
        await until('six records', () => seen.length >= 6);
        expect([...seen].sort()).toEqual(['0:0:v0', '0:1:v2', '0:2:v4', '1:0:v1', '1:1:v3', '1:2:v5']);
        expect(joins.at(-1)?.partitions[topic]?.sort()).toEqual([0, 1]);
        let current: number[] = [];
        // The group is Stable once the join completed; until then the member owns nothing it can prove.
        for (const deadline = Date.now() + 30_000; current.length < 2 && Date.now() < deadline; await sleep(200))
          current = await consumer.currentAssignment(topic);
        expect(current.sort()).toEqual([0, 1]);
        expect(await consumer.currentAssignment(`${topic}-not-subscribed`)).toEqual([]);
      } finally {
        await consumer.disconnect();
      }
      const admin = client.admin();
      await admin.connect();
      try {
        const [committed] = await admin.fetchOffsets({ groupId, topics: [topic] });
        expect(committed?.partitions.map((p) => [p.partition, p.offset]).sort()).toEqual([
          [0, '3'],
          [1, '3'],
        ]);
      } finally {
        await admin.disconnect();
      }
    });
  });
}
