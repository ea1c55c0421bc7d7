// Brand-scoped access on a real broker: SASL/SCRAM-SHA-256, the StandardAuthorizer denying what
// no ACL allows, and one brand team's credentials reading its own alerts and never another
// brand's. Also the environment settings services get their security from, and that no password
// reaches a log line. The broker here is this file's own (the shared one has no SASL).
import { kafkajsOf } from '../src/adapters/kafkajs/port-client.ts';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { type RunningKafkaBroker, startKafkaBroker } from '@sl/infra/kafka';
import { createRootLogger, type Logger } from '@sl/observability';
import { testLogger, uniqueName } from '@sl/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  alertsTopic,
  brandTeamReadAcls,
  createKafkaClient,
  ensureTopics,
  type KafkaClient,
  type KafkaSecurityOptions,
  parseKafkaSecurityEnv,
} from '../src/index.ts';
import { retriedConditionOf } from '../src/adapters/kafkajs/client-log-level.ts';

const admin = { username: 'admin', password: 'admin-Secret.1' };
const acme = { username: 'acme-team', password: 'acme-Secret.2' };
const globex = { username: 'globex-team', password: 'globex-Secret.3' };
const acmeAlerts = alertsTopic('acme').name;
const globexAlerts = alertsTopic('globex').name;

const scram = (user: { username: string; password: string }): KafkaSecurityOptions => ({ sasl: { mechanism: 'scram-sha-256', ...user } });

/** A logger whose lines the test reads back, parsed. */
function capturingLogger(): { logger: Logger; lines: () => string[] } {
  const chunks: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  return {
    logger: createRootLogger({ service: 'security-test', level: 'debug', destination }),
    lines: () => chunks.join('').split('\n').filter(Boolean),
  };
}

/** Every value of a topic from the beginning, read with the given group; rejects with what the broker answers. */
async function readValues(kafka: KafkaClient, topic: string, groupId: string, count: number): Promise<string[]> {
  const consumer = kafkajsOf(kafka).consumer({ groupId, allowAutoTopicCreation: false });
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    const values: string[] = [];
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
            if (values.length === count) resolve();
          },
        })
        .catch(reject);
    });
    return values;
  } finally {
    await consumer.disconnect();
  }
}

async function failure(promise: Promise<unknown>): Promise<{ name: string; type: string | undefined; message: string }> {
  try {
    await promise;
  } catch (error) {
    const e = error as Error & { type?: string };
    return { name: e.name, type: e.type, message: e.message };
  }
  throw new Error('expected the call to fail, and it succeeded');
}

describe('security settings from the environment', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sl-kafka-security-env-'));
  const caFile = path.join(dir, 'ca.pem');
  fs.writeFileSync(caFile, '-----BEGIN CERTIFICATE-----\n');
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('means a plain connection when nothing is set, and treats empty values as unset', () => {
    expect(parseKafkaSecurityEnv({})).toEqual({});
    expect(parseKafkaSecurityEnv({ KAFKA_SASL_MECHANISM: '', KAFKA_TLS: '', KAFKA_TLS_CA_FILE: '' })).toEqual({});
  });

  it('reads SASL and TLS into frozen options', () => {
    const security = parseKafkaSecurityEnv({
      KAFKA_SASL_MECHANISM: 'SCRAM-SHA-512',
      KAFKA_SASL_USERNAME: 'acme-team',
      KAFKA_SASL_PASSWORD: 'pw',
      KAFKA_TLS: '1',
      KAFKA_TLS_CA_FILE: caFile,
      KAFKA_TLS_SERVERNAME: 'kafka.internal',
    });
    expect(security).toEqual({
      sasl: { mechanism: 'scram-sha-512', username: 'acme-team', password: 'pw' },
      tls: { caFile, servername: 'kafka.internal' },
    });
    expect(Object.isFrozen(security)).toBe(true);
    expect(Object.isFrozen(security.sasl)).toBe(true);
    expect(Object.isFrozen(security.tls)).toBe(true);
    expect(parseKafkaSecurityEnv({ KAFKA_TLS: 'true' })).toEqual({ tls: {} });
  });

  it('stops at start on an invalid combination, naming the variable and never the password', () => {
    const message = (env: Record<string, string>) => {
      try {
        parseKafkaSecurityEnv(env);
      } catch (error) {
        expect((error as { code?: string }).code).toBe('INVALID_CONFIG');
        return (error as Error).message;
      }
      return 'no error';
    };
    expect(message({ KAFKA_SASL_MECHANISM: 'scram-sha-256', KAFKA_SASL_PASSWORD: 'hunter2' })).toBe(
      'invalid configuration: KAFKA_SASL_USERNAME: required when KAFKA_SASL_MECHANISM is set',
    );
    expect(message({ KAFKA_SASL_USERNAME: 'acme-team', KAFKA_SASL_PASSWORD: 'hunter2' })).toBe(
      'invalid configuration: KAFKA_SASL_MECHANISM: required when KAFKA_SASL_USERNAME is set; KAFKA_SASL_MECHANISM: required when KAFKA_SASL_PASSWORD is set',
    );
    expect(message({ KAFKA_SASL_MECHANISM: 'gssapi', KAFKA_SASL_USERNAME: 'u', KAFKA_SASL_PASSWORD: 'hunter2' })).toMatch(
      /^invalid configuration: KAFKA_SASL_MECHANISM: /,
    );
    expect(message({ KAFKA_SASL_MECHANISM: 'plain', KAFKA_SASL_USERNAME: 'u', KAFKA_SASL_PASSWORD: 'hunter2' })).toBe(
      'invalid configuration: KAFKA_TLS: must be 1 with KAFKA_SASL_MECHANISM=plain, which would otherwise send the password in clear text',
    );
    expect(message({ KAFKA_TLS_CA_FILE: caFile })).toBe('invalid configuration: KAFKA_TLS: must be 1 when KAFKA_TLS_CA_FILE is set');
    expect(message({ KAFKA_TLS: '1', KAFKA_TLS_CA_FILE: path.join(dir, 'missing.pem') })).toBe(
      'invalid configuration: KAFKA_TLS_CA_FILE: no readable file at this path',
    );
    expect(message({ KAFKA_TLS: '1', KAFKA_TLS_CERT_FILE: caFile })).toBe(
      'invalid configuration: KAFKA_TLS_KEY_FILE: KAFKA_TLS_CERT_FILE and KAFKA_TLS_KEY_FILE are set together',
    );
    expect(message({ KAFKA_TLS: 'maybe' })).toMatch(/^invalid configuration: KAFKA_TLS: /);
  });
});

it('masks the SASL password and secret-named fields in kafkajs log lines', () => {
  const { logger, lines } = capturingLogger();
  const kafka = createKafkaClient({ brokers: ['127.0.0.1:1'], clientId: 'redaction-test', logger, security: scram(acme) });
  kafkajsOf(kafka)
    .logger()
    .error(`connecting with ${acme.password}`, {
      sasl: { ...acme, mechanism: 'scram-sha-256' },
      password: acme.password,
      retry: { note: `x${acme.password}x` },
      ssl: true,
    });
  const logged = lines().map((line) => JSON.parse(line) as Record<string, unknown>);
  expect(logged).toHaveLength(1);
  expect(logged[0]).toMatchObject({
    component: 'kafkajs',
    msg: 'connecting with [redacted]',
    sasl: '[redacted]',
    password: '[redacted]',
    retry: { note: 'x[redacted]x' },
    ssl: true,
  });
  expect(lines().join('\n')).not.toContain(acme.password);
});

describe('a SASL/SCRAM broker with brand-scoped ACLs', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sl-kafka-sasl-'));
  let broker: RunningKafkaBroker | undefined;
  const client = (security: KafkaSecurityOptions, logger: Logger = testLogger()) =>
    createKafkaClient({ brokers: broker?.brokers ?? [], clientId: 'security-test', logger, security });

  beforeAll(async () => {
    broker = await startKafkaBroker({ dataDir, security: { admin, users: [acme, globex] } });
    const asAdmin = client(scram(admin));
    await ensureTopics(asAdmin, [alertsTopic('acme'), alertsTopic('globex')], { withDeadLetters: false });
    const adminClient = asAdmin.admin();
    await adminClient.connect();
    try {
      await adminClient.grantAcls([
        ...brandTeamReadAcls({ username: acme.username, topics: [acmeAlerts], groupPrefix: 'acme-team.' }),
        ...brandTeamReadAcls({ username: globex.username, topics: [globexAlerts], groupPrefix: 'globex-team.' }),
      ]);
    } finally {
      await adminClient.disconnect();
    }
    const producer = kafkajsOf(asAdmin).producer({ allowAutoTopicCreation: false });
    await producer.connect();
    await producer.send({ topic: acmeAlerts, messages: ['a1', 'a2', 'a3'].map((value) => ({ key: 'acme', value: `acme-${value}` })) });
    await producer.send({ topic: globexAlerts, messages: ['g1', 'g2'].map((value) => ({ key: 'globex', value: `globex-${value}` })) });
    await producer.disconnect();
  });

  afterAll(async () => {
    await broker?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it("lets acme-team read acme's alerts and refuses it globex's", async () => {
    const asAcme = client(scram(acme));
    expect(await readValues(asAcme, acmeAlerts, uniqueName('acme-team.reader'), 3)).toEqual(['acme-a1', 'acme-a2', 'acme-a3']);
    expect(await failure(readValues(asAcme, globexAlerts, uniqueName('acme-team.reader'), 2))).toEqual({
      name: 'KafkaJSProtocolError',
      type: 'TOPIC_AUTHORIZATION_FAILED',
      message: 'Not authorized to access topics: [Topic authorization failed]',
    });
  });

  it("lets globex-team read globex's alerts and refuses it acme's", async () => {
    const asGlobex = client(scram(globex));
    expect(await readValues(asGlobex, globexAlerts, uniqueName('globex-team.reader'), 2)).toEqual(['globex-g1', 'globex-g2']);
    expect(await failure(readValues(asGlobex, acmeAlerts, uniqueName('globex-team.reader'), 3))).toEqual({
      name: 'KafkaJSProtocolError',
      type: 'TOPIC_AUTHORIZATION_FAILED',
      message: 'Not authorized to access topics: [Topic authorization failed]',
    });
  });

  it('refuses a team a consumer group outside its prefix, and writes to its own alerts', async () => {
    const asAcme = client(scram(acme));
    // The broker answers FindCoordinator with GROUP_AUTHORIZATION_FAILED; kafkajs reports that as
    // "no coordinator". The same client found one for its own prefix in the tests above.
    expect(await failure(readValues(asAcme, acmeAlerts, uniqueName('globex-team.reader'), 3))).toEqual({
      name: 'KafkaJSGroupCoordinatorNotFound',
      type: undefined,
      message: 'Failed to find group coordinator',
    });
    const producer = kafkajsOf(asAcme).producer({ allowAutoTopicCreation: false, retry: { retries: 0 } });
    await producer.connect();
    try {
      expect(await failure(producer.send({ topic: acmeAlerts, messages: [{ value: 'forged' }] }))).toEqual({
        name: 'KafkaJSProtocolError',
        type: 'TOPIC_AUTHORIZATION_FAILED',
        message: 'Not authorized to access topics: [Topic authorization failed]',
      });
    } finally {
      await producer.disconnect();
    }
    const adminClient = kafkajsOf(client(scram(admin))).admin();
    await adminClient.connect();
    try {
      const ends = async (topic: string) =>
        (await adminClient.fetchTopicOffsets(topic)).map(({ partition, low, high }) => ({ partition, low, high }));
      expect(await ends(acmeAlerts)).toEqual([{ partition: 0, low: '0', high: '3' }]);
      expect(await ends(globexAlerts)).toEqual([{ partition: 0, low: '0', high: '2' }]);
    } finally {
      await adminClient.disconnect();
    }
  });

  it('fails authentication with a wrong password, and logs the failure without the password', async () => {
    const { logger, lines } = capturingLogger();
    const wrong = { username: acme.username, password: 'not-the-Password.9' };
    const asImpostor = client(scram(wrong), logger);
    const consumer = kafkajsOf(asImpostor).consumer({ groupId: uniqueName('acme-team.reader') });
    expect(await failure(consumer.connect())).toEqual({
      name: 'KafkaJSSASLAuthenticationError',
      type: undefined,
      message:
        'SASL SCRAM SHA256 authentication failed: Authentication failed during authentication due to invalid credentials with SASL mechanism SCRAM-SHA-256',
    });
    await consumer.disconnect();
    const logged = lines().join('\n');
    expect(logged).toContain('SASL SCRAM SHA256 authentication failed');
    expect(logged).not.toContain(wrong.password);
    // Wrong credentials need a person: kafkajs's lines about them stay at error level.
    const saslLines = lines()
      .map((line) => JSON.parse(line) as { level: number; msg: string })
      .filter((line) => line.msg.startsWith('SASL SCRAM SHA256 authentication failed'));
    expect(saslLines.length).toBeGreaterThan(0);
    expect(saslLines.map((line) => line.level)).toEqual(saslLines.map(() => 50));
  });

  it('uses KAFKA_SASL_* from the environment when the caller passes no security', async () => {
    // The only client in this file created without `security`, so the first (and kept) parse of
    // process.env happens here.
    const saved = { ...process.env };
    Object.assign(process.env, {
      KAFKA_SASL_MECHANISM: 'scram-sha-256',
      KAFKA_SASL_USERNAME: acme.username,
      KAFKA_SASL_PASSWORD: acme.password,
    });
    try {
      const fromEnv = createKafkaClient({ brokers: broker?.brokers ?? [], clientId: 'security-env-test', logger: testLogger() });
      expect(await readValues(fromEnv, acmeAlerts, uniqueName('acme-team.env-reader'), 3)).toEqual(['acme-a1', 'acme-a2', 'acme-a3']);
    } finally {
      for (const key of ['KAFKA_SASL_MECHANISM', 'KAFKA_SASL_USERNAME', 'KAFKA_SASL_PASSWORD']) {
        if (saved[key] === undefined) delete process.env[key];
        else process.env[key] = saved[key];
      }
    }
  });
});
