// The local broker launcher (infra/kafka) with kafkajs: loopback only, data kept across a clean restart, clean stop.
import { kafkajsOf } from '../src/adapters/kafkajs/port-client.ts';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { KAFKA_VERSION, startKafkaBroker } from '@sl/infra/kafka';
import { testLogger } from '@sl/testkit';
import { afterAll, expect, it } from 'vitest';
import { createKafkaClient } from '../src/index.ts';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sl-kafka-broker-'));
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

function listening(pid: number): string[] {
  return execFileSync('ss', ['-ltnpH'], { encoding: 'utf8' })
    .split('\n')
    .filter((line) => line.includes(`pid=${pid},`))
    .map((line) => line.trim().split(/\s+/)[3] ?? '');
}

it('runs the chosen Kafka version, binds 127.0.0.1 only, keeps its records across a clean restart, and exits 0 on stop', async () => {
  const logger = testLogger();
  let broker = await startKafkaBroker({ dataDir });
  // The controller writes the metadata version of the release it runs when it formats the log
  // (4.4-IVn for 4.4.0): proof that SL_KAFKA_VERSION, not a stale cache, chose the jars.
  const [major, minor] = KAFKA_VERSION.split('.');
  expect(fs.readFileSync(broker.logFile, 'utf8')).toMatch(new RegExp(`at metadata\\.version ${major}\\.${minor}-IV\\d+ `));
  const addresses = listening(broker.pid);
  expect(addresses).toHaveLength(2);
  for (const address of addresses) expect(address).toMatch(/^(127\.0\.0\.1|\[::ffff:127\.0\.0\.1\]):\d+$/);

  let kafka = createKafkaClient({ brokers: broker.brokers, clientId: 'broker-test', logger });
  const admin = kafkajsOf(kafka).admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic: 'kept', numPartitions: 1 }], waitForLeaders: true });
  await admin.disconnect();
  const producer = kafkajsOf(kafka).producer();
  await producer.connect();
  await producer.send({ topic: 'kept', messages: Array.from({ length: 100 }, (_, i) => ({ key: `k${i}`, value: `v${i}` })) });
  await producer.disconnect();
  await broker.stop();
  expect(fs.readFileSync(broker.logFile, 'utf8')).toContain('shut down completed');

  broker = await startKafkaBroker({ dataDir });
  kafka = createKafkaClient({ brokers: broker.brokers, clientId: 'broker-test', logger });
  const consumer = kafkajsOf(kafka).consumer({ groupId: 'reader' });
  const values: string[] = [];
  await consumer.connect();
  await consumer.subscribe({ topic: 'kept', fromBeginning: true });
  await new Promise<void>((resolve) => {
    void consumer.run({
      eachMessage: async ({ message }) => {
        values.push(message.value?.toString() ?? '');
        if (values.length === 100) resolve();
      },
    });
  });
  await consumer.disconnect();
  await broker.stop();
  expect(values).toEqual(Array.from({ length: 100 }, (_, i) => `v${i}`));
});
