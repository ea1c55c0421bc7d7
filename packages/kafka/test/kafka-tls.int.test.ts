// SASL over TLS against the local broker's SASL_SSL listener: the client trusts the broker only
// through the CA it is given, checks the name in the certificate, and authenticates inside TLS.
import { kafkajsOf } from '../src/adapters/kafkajs/port-client.ts';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import tls from 'node:tls';
import { type RunningKafkaBroker, startKafkaBroker } from '@sl/infra/kafka';
import { testLogger, uniqueName } from '@sl/testkit';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { alertsTopic, brandTeamReadAcls, createKafkaClient, ensureTopics, type KafkaSecurityOptions } from '../src/index.ts';
import { retriedConditionOf } from '../src/adapters/kafkajs/client-log-level.ts';

const admin = { username: 'admin', password: 'admin-Secret.1' };
const acme = { username: 'acme-team', password: 'acme-Secret.2' };
const topic = alertsTopic('acme').name;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sl-kafka-tls-'));
let broker: RunningKafkaBroker | undefined;

const secured = (user: { username: string; password: string }, servername?: string): KafkaSecurityOptions => ({
  sasl: { mechanism: 'scram-sha-256', ...user },
  tls: { caFile: broker?.caFile ?? '', ...(servername ? { servername } : {}) },
});
const client = (security: KafkaSecurityOptions) =>
  createKafkaClient({ brokers: broker?.brokers ?? [], clientId: 'tls-test', logger: testLogger(), security });

beforeAll(async () => {
  broker = await startKafkaBroker({ dataDir, security: { admin, users: [acme], tls: true } });
});

afterAll(async () => {
  await broker?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/** The TLS handshake alone, as Node's client makes it, to the broker's listener. */
async function handshake(options: tls.ConnectionOptions): Promise<string> {
  const [host, port] = (broker?.brokers[0] ?? '').split(':');
  return await new Promise((resolve) => {
    const socket = tls.connect({ host, port: Number(port), ...options }, () => {
      socket.destroy();
      resolve('ok');
    });
    socket.once('error', (error: Error & { code?: string }) => resolve(error.code ?? error.message));
  });
}

it('serves a certificate for 127.0.0.1 and localhost that only its own CA vouches for', async () => {
  const ca = fs.readFileSync(broker?.caFile ?? '', 'utf8');
  expect(await handshake({ ca })).toBe('ok');
  expect(await handshake({ ca, servername: 'localhost' })).toBe('ok');
  expect(await handshake({})).toBe('SELF_SIGNED_CERT_IN_CHAIN');
  expect(await handshake({ ca, servername: 'kafka.example' })).toBe('ERR_TLS_CERT_ALTNAME_INVALID');
});

it('authenticates with SCRAM inside TLS and reads what the admin wrote', async () => {
  const asAdmin = client(secured(admin));
  await ensureTopics(asAdmin, [alertsTopic('acme')], { withDeadLetters: false });
  const adminClient = asAdmin.admin();
  await adminClient.connect();
  await adminClient.grantAcls(brandTeamReadAcls({ username: acme.username, topics: [topic], groupPrefix: 'acme-team.' }));
  await adminClient.disconnect();
  const producer = kafkajsOf(asAdmin).producer({ allowAutoTopicCreation: false });
  await producer.connect();
  await producer.send({ topic, messages: [{ value: 'over-tls-1' }, { value: 'over-tls-2' }] });
  await producer.disconnect();

  // servername: the certificate's DNS name instead of the broker's address.
  const consumer = kafkajsOf(client(secured(acme, 'localhost'))).consumer({ groupId: uniqueName('acme-team.tls') });
  await consumer.connect();
  const values: string[] = [];
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      // Kafka 4's group coordinator answers the first join on a new broker with
      // GROUP_LOAD_IN_PROGRESS while it loads __consumer_offsets; kafkajs restarts the consumer
      // itself (restart: true), as the stage runners rely on. Any other crash fails.
      consumer.on(consumer.events.CRASH, ({ payload }) => {
        if (!(payload.restart && retriedConditionOf(payload.error) === 'coordinator-loading')) reject(payload.error);
      });
      consumer
        .run({
          eachMessage: async ({ message }) => {
            values.push(message.value?.toString() ?? '');
            if (values.length === 2) resolve();
          },
        })
        .catch(reject);
    });
  } finally {
    await consumer.disconnect();
  }
  expect(values).toEqual(['over-tls-1', 'over-tls-2']);
});
