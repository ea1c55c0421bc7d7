// The levels kafkajs's lines get in our logs: what the client retries by itself below error,
// what needs a person at error. The lines are worded as kafkajs 2.2.4 writes them (the broker's
// answers in its own catalogue's words), and the last tests read the real bridge's output.
import { kafkajsOf } from '../../../src/adapters/kafkajs/port-client.ts';
import { Writable } from 'node:stream';
import { createMetricsRegistry, createRootLogger } from '@sl/observability';
import { describe, expect, it } from 'vitest';
import { type ClientLogEntry, clientLogLevel, protocolErrorMessages, retriedConditionOf } from '../../../src/adapters/kafkajs/client-log-level.ts';
import { createKafkaClient } from '../../../src/index.ts';
import { kafkajsProtocolErrors } from '../../../src/adapters/kafkajs/kafkajs-runtime.ts';

const messages = protocolErrorMessages(kafkajsProtocolErrors);
const classify = (entry: ClientLogEntry) => clientLogLevel(entry, messages);

const loading = "The coordinator is loading and hence can't process requests for this group";
const concurrent = 'The producer attempted to update a transaction while another concurrent operation on the same transaction was ongoing';
const rebalancing = 'The group is rebalancing, so a rejoin is needed';

describe('clientLogLevel', () => {
  it('puts one retried broker answer at debug, naming the condition', () => {
    expect(classify({ namespace: 'Connection', level: 'error', message: 'Response JoinGroup(key: 11, version: 5)', error: loading })).toEqual({
      level: 'debug',
      condition: 'coordinator-loading',
    });
    expect(classify({ namespace: 'Connection', level: 'error', message: 'Response AddOffsetsToTxn(key: 25, version: 1)', error: concurrent })).toEqual({
      level: 'debug',
      condition: 'concurrent-transaction',
    });
    expect(classify({ namespace: 'Connection', level: 'error', message: 'Response Heartbeat(key: 12, version: 3)', error: rebalancing })).toEqual({
      level: 'debug',
      condition: 'rebalance',
    });
    expect(
      classify({ namespace: 'Connection', level: 'error', message: 'Response FindCoordinator(key: 10, version: 2)', error: 'The group coordinator is not available' }),
    ).toEqual({ level: 'debug', condition: 'coordinator-not-available' });
    expect(
      classify({ namespace: 'Producer', level: 'error', message: 'Failed to send messages: This server is not the leader for that topic-partition' }),
    ).toEqual({ level: 'debug', condition: 'leader-election' });
    expect(classify({ namespace: 'ConsumerGroup', level: 'warn', message: `${rebalancing}, resync group` })).toEqual({ level: 'debug', condition: 'rebalance' });
    expect(classify({ namespace: 'Admin', level: 'warn', message: 'Could not create topics', error: 'The group coordinator is not available' })).toEqual({
      level: 'debug',
      condition: 'coordinator-not-available',
    });
    // ensureTopics waiting for the leaders of a topic it has just created.
    expect(
      classify({ namespace: 'Connection', level: 'error', message: 'Response Metadata(key: 3, version: 6)', error: 'This server does not host this topic-partition' }),
    ).toEqual({ level: 'debug', condition: 'topic-not-yet-known' });
    // Two services creating the same topic at once.
    expect(classify({ namespace: 'Connection', level: 'error', message: 'Response CreateTopics(key: 19, version: 3)', error: 'Topic creation errors' })).toEqual({
      level: 'debug',
      condition: 'create-topics-answer',
    });
  });

  it('puts a consumer crash kafkajs restarts from at info, and at warn once its retries ran out', () => {
    expect(classify({ namespace: 'Consumer', level: 'error', message: `Crash: KafkaJSProtocolError: ${loading}` })).toEqual({
      level: 'info',
      condition: 'coordinator-loading',
    });
    expect(classify({ namespace: 'Consumer', level: 'error', message: `Crash: KafkaJSError: ${rebalancing}` })).toEqual({ level: 'info', condition: 'rebalance' });
    expect(classify({ namespace: 'Consumer', level: 'error', message: `Crash: KafkaJSNumberOfRetriesExceeded: ${loading}` })).toEqual({
      level: 'warn',
      condition: 'coordinator-loading',
    });
    expect(classify({ namespace: 'Consumer', level: 'error', message: 'Restarting the consumer in 300ms' })).toEqual({ level: 'info', condition: 'consumer-restart' });
    expect(classify({ namespace: 'Runner', level: 'warn', message: 'The group is rebalancing, re-joining', error: rebalancing })).toEqual({
      level: 'info',
      condition: 'rebalance',
    });
  });

  it('puts one failed attempt to reach a broker, and a member re-joining after its session expired, at warn', () => {
    expect(classify({ namespace: 'Connection', level: 'error', message: 'Connection error: connect ECONNREFUSED 127.0.0.1:19092' })).toEqual({
      level: 'warn',
      condition: 'broker-unreachable',
    });
    expect(classify({ namespace: 'Connection', level: 'error', message: 'Connection timeout' })).toEqual({ level: 'warn', condition: 'broker-unreachable' });
    expect(classify({ namespace: 'Connection', level: 'error', message: 'Connection error: read ECONNRESET' })).toEqual({ level: 'warn', condition: 'broker-unreachable' });
    expect(
      classify({ namespace: 'BrokerPool', level: 'error', message: 'Failed to connect to seed broker, trying another broker from the list: Connection error: connect ECONNREFUSED 127.0.0.1:19092' }),
    ).toEqual({ level: 'warn', condition: 'broker-unreachable' });
    expect(
      classify({
        namespace: 'Runner',
        level: 'error',
        message: 'The coordinator is not aware of this member, re-joining the group',
        error: 'The coordinator is not aware of this member',
      }),
    ).toEqual({ level: 'warn', condition: 'member-expired' });
    expect(
      classify({ namespace: 'Connection', level: 'error', message: 'Response Heartbeat(key: 12, version: 3)', error: 'The coordinator is not aware of this member' }),
    ).toEqual({ level: 'debug', condition: 'member-expired' });
  });

  it('keeps at error what needs a person', () => {
    const needsPerson: ClientLogEntry[] = [
      { namespace: 'Consumer', level: 'error', message: 'Crash: KafkaJSProtocolError: Not authorized to access topics: [Topic authorization failed]' },
      { namespace: 'Consumer', level: 'error', message: 'Crash: KafkaJSGroupCoordinatorNotFound: Failed to find group coordinator' },
      { namespace: 'Runner', level: 'error', message: 'Error when calling eachBatch', error: 'decode failed' },
      {
        namespace: 'Connection',
        level: 'error',
        message: 'Response EndTxn(key: 26, version: 1)',
        error: 'There is a newer producer with the same transactionalId which fences the current one',
      },
      { namespace: 'Connection', level: 'error', message: 'Response CreateTopics(key: 19, version: 3)', error: 'Invalid replication factor' },
      { namespace: 'Consumer', level: 'error', message: 'Crash: KafkaJSNumberOfRetriesExceeded: Connection error: connect ECONNREFUSED 127.0.0.1:19092' },
      { namespace: 'Consumer', level: 'error', message: 'Crash: KafkaJSNoBrokerAvailableError: No broker available' },
      { namespace: 'Connection', level: 'error', message: 'Connection error: self-signed certificate in certificate chain' },
      { namespace: 'BrokerPool', level: 'error', message: 'Failed to connect to seed broker, trying another broker from the list: Connection error: unable to verify the first certificate' },
      { namespace: 'SASLSCRAMAuthenticator', level: 'error', message: 'SASL SCRAM SHA256 authentication failed' },
    ];
    for (const entry of needsPerson) expect(classify(entry).level, entry.message).toBe('error');
    // A consumer restarting on a topic nobody created would restart forever.
    expect(classify({ namespace: 'Consumer', level: 'error', message: 'Crash: KafkaJSProtocolError: This server does not host this topic-partition' })).toEqual({
      level: 'error',
      condition: 'topic-not-yet-known',
    });
    expect(classify({ namespace: 'Admin', level: 'warn', message: 'Could not delete groups', error: 'The group is not empty' })).toEqual({ level: 'warn' });
    expect(classify({ namespace: 'Producer', level: 'warn', message: 'Limiting retries for the idempotent producer may invalidate EoS guarantees' })).toEqual({
      level: 'warn',
    });
  });

  it('finds the condition anywhere in an error thrown by kafkajs, for our own restart lines', () => {
    const protocol = Object.assign(new Error(loading), { name: 'KafkaJSProtocolError', type: 'GROUP_LOAD_IN_PROGRESS' });
    expect(retriedConditionOf(protocol)).toBe('coordinator-loading');
    expect(retriedConditionOf(Object.assign(new Error(loading), { name: 'KafkaJSNumberOfRetriesExceeded', cause: protocol }))).toBe('coordinator-loading');
    expect(retriedConditionOf(Object.assign(new Error('denied'), { type: 'TOPIC_AUTHORIZATION_FAILED' }))).toBeUndefined();
    expect(retriedConditionOf(new Error('Failed to find group coordinator'))).toBeUndefined();
  });
});

describe("the client's log bridge", () => {
  function capture() {
    const chunks: string[] = [];
    const destination = new Writable({
      write(chunk, _encoding, done) {
        chunks.push(String(chunk));
        done();
      },
    });
    const logger = createRootLogger({ service: 'log-level-test', level: 'debug', destination });
    return { logger, lines: () => chunks.join('').split('\n').filter(Boolean).map((line) => JSON.parse(line) as Record<string, unknown>) };
  }

  it('writes what a clean start logs below error level, counts it, and keeps the rest at error', async () => {
    const { logger, lines } = capture();
    const registry = createMetricsRegistry('log-level-test');
    const kafka = createKafkaClient({ brokers: ['127.0.0.1:1'], clientId: 'log-level-test', logger, security: {}, metrics: registry });
    const client = kafkajsOf(kafka).logger();
    client.namespace('Connection').error('Response JoinGroup(key: 11, version: 5)', { error: loading, correlationId: 3 });
    client.namespace('Connection').error('Response AddPartitionsToTxn(key: 24, version: 1)', { error: concurrent, correlationId: 4 });
    client.namespace('Consumer').error(`Crash: KafkaJSProtocolError: ${loading}`, { groupId: 'g' });
    client.namespace('Consumer').error('Restarting the consumer in 300ms', { groupId: 'g', retryTime: 300 });
    client.namespace('Runner').error('Error when calling eachBatch', { error: 'boom' });

    expect(lines().map((line) => [line.level, line.msg, line.retried ?? null, line.kafkajsLevel])).toEqual([
      [20, 'Response JoinGroup(key: 11, version: 5)', 'coordinator-loading', 'ERROR'],
      [20, 'Response AddPartitionsToTxn(key: 24, version: 1)', 'concurrent-transaction', 'ERROR'],
      [30, `Crash: KafkaJSProtocolError: ${loading}`, 'coordinator-loading', 'ERROR'],
      [30, 'Restarting the consumer in 300ms', 'consumer-restart', 'ERROR'],
      [50, 'Error when calling eachBatch', null, 'ERROR'],
    ]);
    const counted = (await registry.getSingleMetric('sl_kafka_client_retried_total')?.get())?.values.map((v) => [v.labels.condition, v.value]);
    expect(counted).toEqual([
      ['coordinator-loading', 2],
      ['concurrent-transaction', 1],
      ['consumer-restart', 1],
    ]);
  });
});
