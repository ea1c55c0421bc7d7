// The kafkajs side of the port's stage consumer: kafkajs's eachBatch payload becomes a batch and
// its control, offsets are resolved and committed only by the stage, a consumer kafkajs gave up on
// is started again (crash-restart.ts), and "which partitions does this member own now" is read
// from the coordinator's group description (kafkajs encodes assignments with its own protocol).
import type { Consumer, ConsumerRunConfig, Kafka } from 'kafkajs';
import type { StageConsumer, StageConsumerOptions } from '../../port/stage-consumer.ts';
import { restartWhenAbandoned } from './crash-restart.ts';
import { portCall } from './error-flags.ts';
import { kafkajs } from './kafkajs-runtime.ts';

export function kafkajsStageConsumer(kafka: Kafka, options: StageConsumerOptions): StageConsumer {
  const consumer: Consumer = kafka.consumer({
    groupId: options.groupId,
    sessionTimeout: options.sessionTimeoutMs ?? 30_000,
    heartbeatInterval: options.heartbeatIntervalMs ?? 3_000,
    allowAutoTopicCreation: false,
    // Upstream stages write in transactions: never read what they aborted.
    readUncommitted: false,
    minBytes: options.minBytes ?? 1,
    maxWaitTimeInMs: options.maxWaitTimeMs ?? 5_000,
  });
  let memberId: string | undefined;
  consumer.on(consumer.events.GROUP_JOIN, (event) => {
    memberId = event.payload.memberId;
  });
  let restarts: ReturnType<typeof restartWhenAbandoned> | undefined;

  return {
    connect: () => portCall(() => consumer.connect()),
    subscribe: (topic, subscription = {}) =>
      portCall(() => consumer.subscribe({ topic, fromBeginning: subscription.fromBeginning ?? false })),
    async run(eachBatch) {
      const runOptions: ConsumerRunConfig = {
        autoCommit: false,
        eachBatchAutoResolve: false,
        partitionsConsumedConcurrently: options.partitionsConsumedConcurrently ?? 1,
        // kafkajs hands eachBatch only batches with records left after filtering; the stage
        // loop's own errors (an out-of-group one included) go back to kafkajs as they are, so it
        // rejoins when it sees its own.
        eachBatch: async (payload) => {
          const { batch } = payload;
          if (batch.messages.length === 0) return;
          await eachBatch(
            {
              topic: batch.topic,
              partition: batch.partition,
              records: batch.messages,
              lastOffset: batch.lastOffset(),
              highWatermark: batch.highWatermark,
            },
            {
              heartbeat: () => payload.heartbeat(),
              isRunning: () => payload.isRunning(),
              isStale: () => payload.isStale(),
              resolveOffset: (offset) => payload.resolveOffset(offset),
            },
          );
        },
      };
      restarts ??= restartWhenAbandoned(consumer, () => consumer.run(runOptions), options.logger, options.retry);
      await consumer.run(runOptions);
    },
    onAssignment(listener) {
      consumer.on(consumer.events.GROUP_JOIN, (event) =>
        listener({ memberId: event.payload.memberId, partitions: event.payload.memberAssignment }),
      );
    },
    async currentAssignment(topic) {
      const group = await portCall(() => consumer.describeGroup());
      const me = group.state === 'Stable' ? group.members.find((member) => member.memberId === memberId) : undefined;
      if (!me || me.memberAssignment.length === 0) return [];
      return kafkajs.AssignerProtocol.MemberAssignment.decode(me.memberAssignment)?.assignment[topic] ?? [];
    },
    seek: (topic, partition, offset) => consumer.seek({ topic, partition, offset }),
    commit: (offsets) => portCall(() => consumer.commitOffsets(offsets)),
    async disconnect() {
      restarts?.stop();
      await consumer.disconnect();
    },
  };
}
