// What the project's stage loop costs above the bare client: the same records through (1) a bare
// kafkajs consume-transform-produce loop with transactions (bytes copied, one transaction per
// fetched batch, offsets sent with it) and (2) a pass-through stage on `runTransactionalStage`
// (the stage loop with the transactional commit: decode, copy, encode, one transactional producer
// per input partition), in the same process, on the same broker, one after the other. CPU time
// (user + system) of this process per record, and of the broker when the bench started it.
// Prints a table and one JSON line; asserts nothing.
//
//   node packages/kafka/bench/stage-overhead.ts [records]   (default 200,000; KAFKA_BROKERS to use a running broker)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { startKafkaBroker } from '@sl/infra/kafka';
import { createRootLogger } from '@sl/observability';
import { rawMentionFixture } from '@sl/testkit';
import { kafkajsOf } from '../src/adapters/kafkajs/port-client.ts';
import {
  createIdempotentProducer,
  createKafkaClient,
  encodeRecord,
  ensureTopics,
  type KafkaClient,
  mentionsRawTopic,
  renamed,
  runTransactionalStage,
} from '../src/index.ts';

const RECORDS = Number(process.argv[2] ?? 200_000);
const PARTITIONS = 6;
const say = (line: string) => process.stdout.write(`${line}\n`);
const logger = createRootLogger({ service: 'bench-stage', level: 'warn' });
const stamp = Date.now().toString(36);

let broker: Awaited<ReturnType<typeof startKafkaBroker>> | undefined;
let brokers = process.env.KAFKA_BROKERS?.split(',');
const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sl-bench-stage-'));
if (!brokers) {
  say('bench:stage: starting a local broker ...');
  broker = await startKafkaBroker({ dataDir: path.join(workDir, 'kafka') });
  brokers = broker.brokers;
}
const kafka = createKafkaClient({ brokers, clientId: 'bench-stage', logger });
const topic = (name: string) => ({ ...renamed(mentionsRawTopic, `bench-stage-${stamp}.${name}`), partitions: PARTITIONS });
const input = topic('input');
const bareOut = topic('bare-out');
const stageOut = topic('stage-out');
await ensureTopics(kafka, [input, bareOut, stageOut], { withDeadLetters: true });

// Records of the pipeline's size: raw mentions with a few sentences of text (about 290 bytes encoded).
say(`bench:stage: writing ${RECORDS.toLocaleString('en-US')} records to ${PARTITIONS} partitions ...`);
const producer = await createIdempotentProducer(kafka);
let bytes = 0;
for (let from = 0; from < RECORDS; from += 5_000) {
  const chunk = Array.from({ length: Math.min(5_000, RECORDS - from) }, (_, i) => {
    const n = from + i;
    const value = rawMentionFixture(n, {
      text: `Mention ${n} of the stage bench: the parcel arrived two days late and the box was dented, but support answered within the hour, refunded the shipping and sent a voucher for the next order. Would order again.`,
      author: { handle: `author${n % 997}`, name: `Author ${n % 997}`, followers: n % 5_000 },
    });
    return encodeRecord(input, { key: value.id, value });
  });
  for (const m of chunk) bytes += m.value.length;
  await producer.sendEncoded(input.name, chunk);
}
await producer.disconnect();

/** CPU seconds (user + system) of a process, from /proc; undefined when it cannot be read. */
function processCpuSeconds(pid: number): number | undefined {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    // utime and stime are fields 14 and 15 of stat, 12 and 13 after the command name.
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return undefined;
  }
}

/** Sums the group's committed offsets on the input until they reach every record. */
async function committedAll(client: KafkaClient, groupId: string): Promise<void> {
  const admin = client.admin();
  await admin.connect();
  try {
    for (;;) {
      const [offsets] = await admin.fetchOffsets({ groupId, topics: [input.name] });
      const done = (offsets?.partitions ?? []).reduce((sum, p) => sum + (p.offset === '-1' ? 0 : Number(p.offset)), 0);
      if (done >= RECORDS) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  } finally {
    await admin.disconnect();
  }
}

interface Measured {
  case: string;
  seconds: number;
  cpuMicrosPerRecord: number;
  brokerCpuMicrosPerRecord: number | null;
  recordsPerSecond: number;
}

async function measure(name: string, run: () => Promise<() => Promise<void>>, groupId: string): Promise<Measured> {
  const cpu = process.cpuUsage();
  const brokerBefore = broker ? processCpuSeconds(broker.pid) : undefined;
  const started = performance.now();
  const stop = await run();
  await committedAll(kafka, groupId);
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  const brokerAfter = broker ? processCpuSeconds(broker.pid) : undefined;
  await stop();
  const result = {
    case: name,
    seconds,
    cpuMicrosPerRecord: (used.user + used.system) / RECORDS,
    brokerCpuMicrosPerRecord:
      brokerBefore !== undefined && brokerAfter !== undefined ? ((brokerAfter - brokerBefore) * 1e6) / RECORDS : null,
    recordsPerSecond: RECORDS / seconds,
  };
  say(`bench:stage: ${name}: ${seconds.toFixed(1)} s, ${result.cpuMicrosPerRecord.toFixed(1)} µs CPU per record in this process`);
  return result;
}

// 1. The bare client: one consumer, one transactional producer, a transaction per fetched batch.
const bareGroup = `bench-stage-bare-${stamp}`;
const bare = await measure(
  'bare kafkajs consume-transform-produce (transactions)',
  async () => {
    const client = kafkajsOf(kafka);
    const consumer = client.consumer({ groupId: bareGroup, readUncommitted: false });
    const txProducer = client.producer({ transactionalId: `bench-stage-bare-${stamp}`, idempotent: true, maxInFlightRequests: 1 });
    await Promise.all([consumer.connect(), txProducer.connect()]);
    await consumer.subscribe({ topic: input.name, fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachBatch: async ({ batch }) => {
        const last = batch.messages.at(-1);
        if (!last) return;
        const txn = await txProducer.transaction();
        try {
          await txn.send({ topic: bareOut.name, acks: -1, messages: batch.messages.map((m) => ({ key: m.key, value: m.value })) });
          await txn.sendOffsets({
            consumerGroupId: bareGroup,
            topics: [{ topic: batch.topic, partitions: [{ partition: batch.partition, offset: (BigInt(last.offset) + 1n).toString() }] }],
          });
          await txn.commit();
        } catch (error) {
          await txn.abort().catch(() => undefined);
          throw error;
        }
      },
    });
    return async () => {
      await consumer.disconnect();
      await txProducer.disconnect();
    };
  },
  bareGroup,
);

// 2. The project's pass-through stage: the stage loop with the transactional commit.
const stageGroup = `bench-stage-loop-${stamp}`;
const stage = await measure(
  'pass-through stage (runTransactionalStage: decode, copy, encode)',
  async () => {
    const handle = await runTransactionalStage({
      kafka,
      groupId: stageGroup,
      input,
      stage: 'bench-pass-through',
      logger,
      transactionalIdPrefix: `bench-stage-${stamp}`,
      transform: (batch) => ({
        outputs: [
          { topic: stageOut.name, messages: batch.records.map((r) => encodeRecord(stageOut, { key: r.value.id, value: r.value })) },
        ],
      }),
    });
    return () => handle.stop();
  },
  stageGroup,
);

const overhead = stage.cpuMicrosPerRecord - bare.cpuMicrosPerRecord;
say('');
say(
  `| case (${RECORDS.toLocaleString('en-US')} records, ${Math.round(bytes / RECORDS)} bytes each, ${PARTITIONS} partitions) | seconds | records/s | CPU µs per record (this process) | broker CPU µs per record |`,
);
say('|---|---:|---:|---:|---:|');
for (const m of [bare, stage]) {
  say(
    `| ${m.case} | ${m.seconds.toFixed(1)} | ${Math.round(m.recordsPerSecond).toLocaleString('en-US')} | ${m.cpuMicrosPerRecord.toFixed(1)} | ${m.brokerCpuMicrosPerRecord === null ? 'n/a' : m.brokerCpuMicrosPerRecord.toFixed(1)} |`,
  );
}
say(`bench:stage: the stage loop costs ${overhead.toFixed(1)} µs of CPU per record above the bare client (target: at most 15)`);
say(
  JSON.stringify({
    bench: 'stage-overhead',
    records: RECORDS,
    bytesPerRecord: bytes / RECORDS,
    partitions: PARTITIONS,
    bare,
    stage,
    overheadMicrosPerRecord: overhead,
  }),
);
await broker?.stop();
fs.rmSync(workDir, { recursive: true, force: true });
