// The kafkajs adapter's side of the port: a kafkajs client behind the project's interfaces
// (port/*.ts). What the consumer and the transactional producer reject with is the port's
// KafkaError, flagged here (error-flags.ts). The package's own modules that still drive kafkajs
// directly (the range readers, the typed producer, the watermark's log-end reader) reach the
// kafkajs client through `kafkajsOf`; nothing outside the package can.
import type { Consumer, ConsumerRunConfig, Kafka } from 'kafkajs';
import { registerClientErrorFlags } from '../../errors/client-error-flags.ts';
import type { AclGrant, KafkaAdmin } from '../../port/kafka-admin.ts';
import { restartWhenAbandoned } from './crash-restart.ts';
import { createLogEndReader } from './log-end-offsets.ts';
import { kafkajs } from './kafkajs-runtime.ts';
import { kafkajsErrorFlags, portCall } from './error-flags.ts';
import { sendOffsetsRetrying } from './send-offsets.ts';
import { kafkajsStageConsumer } from './stage-consumer.ts';
import type { IdempotentProducer } from '../../port/idempotent-producer.ts';
import type { KafkaClient } from '../../port/kafka-client.ts';
import type { Assignment, ConsumerOptions, ReportingConsumer } from '../../port/reporting-consumer.ts';
import type { PortTransaction, TransactionalProducer, TransactionalProducerOptions } from '../../port/transactional-producer.ts';

const clients = new WeakMap<KafkaClient, Kafka>();

/** The kafkajs client behind a port client made by this adapter. */
export function kafkajsOf(client: KafkaClient): Kafka {
  const kafka = clients.get(client);
  if (!kafka) throw new TypeError(`this Kafka client was not made by the kafkajs adapter (adapter: ${String(client.adapter)})`);
  return kafka;
}

export function kafkajsPortClient(kafka: Kafka): KafkaClient {
  // From here on the port's flag readers (fenced, out of the group, ...) know kafkajs's errors.
  registerClientErrorFlags(kafkajsErrorFlags);
  const client: KafkaClient = {
    adapter: 'kafkajs',
    admin: () => portAdmin(kafka),
    consumer: (options) => reportingConsumer(kafka, options),
    stageConsumer: (options) => kafkajsStageConsumer(kafka, options),
    idempotentProducer: () => idempotentProducer(kafka),
    logEndReader: () => createLogEndReader(kafka),
    transactionalProducer: (options) => transactionalProducer(kafka, options),
  };
  clients.set(client, kafka);
  return client;
}

// kafkajs's admin has every call of the port's with compatible shapes but ACLs, which kafkajs
// takes as its own enums.
function portAdmin(kafka: Kafka): KafkaAdmin {
  const admin = kafka.admin();
  return {
    ...admin,
    grantAcls: (grants) =>
      portCall(async () => {
        await admin.createAcls({ acl: grants.map(kafkajsAcl) });
      }),
  };
}

function kafkajsAcl(grant: AclGrant) {
  const { AclOperationTypes, AclPermissionTypes, AclResourceTypes, ResourcePatternTypes } = kafkajs;
  return {
    principal: grant.principal,
    host: grant.host,
    operation: { read: AclOperationTypes.READ, write: AclOperationTypes.WRITE, describe: AclOperationTypes.DESCRIBE }[grant.operation],
    permissionType: AclPermissionTypes.ALLOW,
    resourceType: grant.resource.type === 'topic' ? AclResourceTypes.TOPIC : AclResourceTypes.GROUP,
    resourceName: grant.resource.name,
    resourcePatternType: grant.resource.pattern === 'literal' ? ResourcePatternTypes.LITERAL : ResourcePatternTypes.PREFIXED,
  };
}

function reportingConsumer(kafka: Kafka, options: ConsumerOptions): ReportingConsumer {
  const consumer: Consumer = kafka.consumer({
    groupId: options.groupId,
    readUncommitted: options.readCommitted === false,
    allowAutoTopicCreation: false,
    ...(options.sessionTimeoutMs !== undefined ? { sessionTimeout: options.sessionTimeoutMs } : {}),
    ...(options.heartbeatIntervalMs !== undefined ? { heartbeatInterval: options.heartbeatIntervalMs } : {}),
    ...(options.maxBytes !== undefined ? { maxBytes: options.maxBytes } : {}),
    ...(options.maxWaitTimeMs !== undefined ? { maxWaitTimeInMs: options.maxWaitTimeMs } : {}),
  });
  let restarts: ReturnType<typeof restartWhenAbandoned> | undefined;
  return {
    connect: () => portCall(() => consumer.connect()),
    subscribe: (topic, subscription = {}) =>
      portCall(() => consumer.subscribe({ topic, fromBeginning: subscription.fromBeginning ?? false })),
    run: (eachBatch) => {
      const runOptions: ConsumerRunConfig = {
        autoCommit: false,
        // kafkajs hands eachBatch only batches with records left after filtering.
        eachBatch: async ({ batch }) =>
          eachBatch({
            topic: batch.topic,
            partition: batch.partition,
            records: batch.messages,
            lastOffset: batch.lastOffset(),
            highWatermark: batch.highWatermark,
          }),
      };
      if (options.restartLogger) restarts ??= restartWhenAbandoned(consumer, () => consumer.run(runOptions), options.restartLogger);
      return portCall(() => consumer.run(runOptions));
    },
    onAssignment(listener) {
      consumer.on(consumer.events.GROUP_JOIN, (event) => {
        const assignment: Assignment = { memberId: event.payload.memberId, partitions: event.payload.memberAssignment };
        listener(assignment);
      });
    },
    onBatchEnd(listener) {
      // kafkajs fires it after eachBatch, and for fetches that held only transaction markers.
      consumer.on(consumer.events.END_BATCH_PROCESS, ({ payload }) =>
        listener({
          topic: payload.topic,
          partition: payload.partition,
          lastOffset: payload.lastOffset,
          highWatermark: payload.highWatermark,
        }),
      );
    },
    onGiveUp(listener) {
      consumer.on(consumer.events.CRASH, ({ payload }) => {
        if (!payload.restart) listener(payload.error);
      });
    },
    seek: (topic, partition, offset) => consumer.seek({ topic, partition, offset }),
    commit: (offsets) => portCall(() => consumer.commitOffsets(offsets)),
    disconnect: () => {
      restarts?.stop();
      return consumer.disconnect();
    },
  };
}

// Sends reject with kafkajs's own errors: the flag readers know them (a lost producer id among them),
// and the typed producer replaces a producer whose id was lost.
function idempotentProducer(kafka: Kafka): IdempotentProducer {
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false });
  return {
    connect: () => producer.connect(),
    async send(topic, messages) {
      await producer.send({ topic, acks: -1, compression: kafkajs.CompressionTypes.None, messages });
    },
    async sendBatch(topicMessages) {
      await producer.sendBatch({ acks: -1, compression: kafkajs.CompressionTypes.None, topicMessages });
    },
    onConnection(listener) {
      producer.on(producer.events.CONNECT, () => listener(true));
      producer.on(producer.events.DISCONNECT, () => listener(false));
    },
    disconnect: () => producer.disconnect(),
  };
}

function transactionalProducer(kafka: Kafka, options: TransactionalProducerOptions): TransactionalProducer {
  const producer = kafka.producer({
    transactionalId: options.transactionalId,
    idempotent: true,
    maxInFlightRequests: 1,
    transactionTimeout: options.transactionTimeoutMs ?? 60_000,
    allowAutoTopicCreation: false,
    ...(options.retry
      ? { retry: { initialRetryTime: options.retry.initialMs, retries: options.retry.retries, maxRetryTime: options.retry.maxMs } }
      : {}),
  });
  return {
    connect: () =>
      portCall(async () => {
        await producer.connect();
        // kafkajs runs InitProducerId (the epoch bump that fences older producers) at the first
        // transaction: an empty one, aborted, does it now.
        const init = await producer.transaction();
        await init.abort();
      }),
    async transaction(): Promise<PortTransaction> {
      const txn = await portCall(() => producer.transaction());
      return {
        send: (topicMessages) =>
          portCall(async () => {
            await txn.sendBatch({ acks: -1, topicMessages });
          }),
        sendOffsets: ({ groupId, offsets }) => {
          const topics = new Map<string, Array<{ partition: number; offset: string }>>();
          for (const { topic, partition, offset } of offsets) topics.set(topic, [...(topics.get(topic) ?? []), { partition, offset }]);
          return portCall(() =>
            sendOffsetsRetrying(txn, {
              consumerGroupId: groupId,
              topics: [...topics].map(([topic, partitions]) => ({ topic, partitions })),
            }),
          );
        },
        commit: () => portCall(() => txn.commit()),
        abort: () => portCall(() => txn.abort()),
      };
    },
    disconnect: () => producer.disconnect(),
  };
}
