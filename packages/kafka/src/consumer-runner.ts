// Runs one stage's consumer: batches in, each record decoded with the topic's contract, the
// stage's handler called, offsets committed only for what the handler finished. A record that
// cannot be decoded or processed goes to the dead-letter topic with the reason; an outage
// (a retriable error) is waited out with backoff. Nothing crashes the loop, nothing is dropped.
import { setTimeout as sleep } from 'node:timers/promises';
import type { ConsumerRunConfig, EachBatchPayload, KafkaMessage } from 'kafkajs';
import type { Logger, Registry } from '@sl/observability';
import { deadLetterMessage } from './dead-letter.ts';
import { guardAssignment } from './assignment-guard.ts';
import { restartWhenAbandoned } from './crash-restart.ts';
import { outOfGroupError } from './errors/error-flags.ts';
import { onGroupJoin, stageCounter, whileHeartbeating } from './stage-instruments.ts';
import type { ControlRecord } from './control-record.ts';
import { decodeBatch, failedRecord } from './decode-batch.ts';
import { backoffDelay, defaultRetryPolicy, isRetriable, type RetryPolicy } from './retry-policy.ts';
import { deadLetterTopicName, type TopicDefinition } from './topic.ts';
import type { TypedProducer } from './typed-producer.ts';
import type { KafkaClient } from './port/kafka-client.ts';
import { kafkajsOf } from './adapters/kafkajs/port-client.ts';

export interface ConsumedRecord<T> {
  topic: string;
  partition: number;
  offset: string;
  key: Buffer | null;
  value: T;
  headers: Record<string, string>;
  /** Broker timestamp, epoch ms. */
  timestamp: number;
}

export interface PartitionBatch<T> {
  topic: string;
  partition: number;
  /** Decoded records in offset order; undecodable ones have already been dead-lettered. */
  records: ConsumedRecord<T>[];
  /** Control records of the batch (watermark ticks), in offset order; most stages ignore them. */
  controls?: ControlRecord[];
  /** The offset just past this batch's last message: what to commit once all of it is done. */
  nextOffset: string;
}

export interface BatchOutcome {
  /** Records the handler could not process; they are dead-lettered and count as done. */
  failures?: Array<{ offset: string; error: unknown }>;
}

export interface ConsumerRunnerOptions<T> {
  kafka: KafkaClient;
  groupId: string;
  topic: TopicDefinition<T>;
  /** Names the stage in logs, metrics and dead-letter headers. */
  stage: string;
  logger: Logger;
  /** Used for dead letters; the runner does not close it. */
  producer: TypedProducer;
  /** Called for every batch, also when all its records were dead-lettered (records is then empty). */
  // biome-ignore lint/suspicious/noConfusingVoidType: most handlers return nothing; they must still type-check
  handleBatch: (batch: PartitionBatch<T>) => Promise<BatchOutcome | undefined | void>;
  /**
   * 'after-batch': commit each batch's end once handleBatch resolves.
   * 'manual': the handler's owner calls handle.commit() when its output is durable (a sink).
   * @default 'after-batch'
   */
  commitMode?: 'after-batch' | 'manual';
  /** Where a new group starts. @default true */
  fromBeginning?: boolean;
  retry?: RetryPolicy;
  /** @default 30_000 ms */
  sessionTimeoutMs?: number;
  /** @default 3_000 ms */
  heartbeatIntervalMs?: number;
  /** Called on each group (re)join with the partitions this member now owns. */
  onAssignment?: (partitions: number[]) => void;
  metrics?: Registry;
}

export interface ConsumerHandle {
  /** Commits `nextOffset` for a partition of the handled topic (manual mode). */
  commit(partition: number, nextOffset: string): Promise<void>;
  /** Leaves the group cleanly; the batch in progress finishes or is abandoned uncommitted. */
  stop(): Promise<void>;
  /** Resolves once the consumer has joined its group the first time. */
  readonly joined: Promise<void>;
}

export async function runConsumer<T>(options: ConsumerRunnerOptions<T>): Promise<ConsumerHandle> {
  const { topic, stage, producer } = options;
  const kafka = kafkajsOf(options.kafka);
  const log = options.logger.child({ component: 'consumer-runner', stage, topic: topic.name, groupId: options.groupId });
  const retry = options.retry ?? defaultRetryPolicy;
  const commitMode = options.commitMode ?? 'after-batch';
  const dlqTopic = deadLetterTopicName(topic.name);
  const labels = { stage, topic: topic.name };
  const processed = stageCounter(options.metrics, 'sl_records_processed_total', 'Records a stage finished (including dead-lettered ones).');
  const deadLettered = stageCounter(options.metrics, 'sl_records_dead_lettered_total', 'Records sent to a dead-letter topic.');
  const retries = stageCounter(options.metrics, 'sl_batch_retries_total', 'Batches retried after a retriable error.');

  const consumer = kafka.consumer({
    groupId: options.groupId,
    sessionTimeout: options.sessionTimeoutMs ?? 30_000,
    heartbeatInterval: options.heartbeatIntervalMs ?? 3_000,
    allowAutoTopicCreation: false,
    readUncommitted: false,
  });

  const joined = onGroupJoin(consumer, topic.name, log, (partitions) => options.onAssignment?.(partitions));
  const assignment = guardAssignment(consumer, topic.name, log);

  const heartbeatMs = options.heartbeatIntervalMs ?? 3_000;
  // Waits out an outage, heartbeating so the group keeps this member; gives up only when the
  // consumer is stopping or lost the partition (then nothing is committed and the new owner redoes it).
  const withRetry = async <R>(what: string, payload: EachBatchPayload, work: () => Promise<R>): Promise<R | undefined> => {
    for (let attempt = 0; ; attempt += 1) {
      if (!payload.isRunning() || payload.isStale()) return undefined;
      try {
        return await whileHeartbeating(payload, heartbeatMs, work);
      } catch (error) {
        if (!isRetriable(error)) throw error;
        retries?.inc(labels);
        const delay = backoffDelay(retry, attempt);
        log.warn({ err: error, attempt, delayMs: delay, partition: payload.batch.partition }, `${what} failed; retrying`);
        await sleepWithHeartbeat(delay, payload);
      }
    }
  };

  const sendDeadLetters = async (payload: EachBatchPayload, items: Array<{ message: KafkaMessage; error: unknown }>): Promise<boolean> => {
    if (items.length === 0) return true;
    const { topic: name, partition } = payload.batch;
    const messages = items.map(({ message, error }) => deadLetterMessage(failedRecord(name, partition, message), error, stage));
    const sent = await withRetry('dead-letter send', payload, async () => {
      await producer.sendEncoded(dlqTopic, messages);
      return true;
    });
    if (sent) {
      deadLettered?.inc(labels, items.length);
      for (const { message, error } of items) {
        log.warn({ partition, offset: message.offset, err: error }, 'record dead-lettered');
      }
    }
    return sent === true;
  };

  // A handler error that is not an outage is blamed on a record: run the batch one record at a
  // time so only the records that fail alone are dead-lettered.
  const isolate = async (payload: EachBatchPayload, batch: PartitionBatch<T>): Promise<BatchOutcome['failures']> => {
    const failures: NonNullable<BatchOutcome['failures']> = [];
    for (const record of batch.records) {
      const single: PartitionBatch<T> = { ...batch, records: [record], nextOffset: (BigInt(record.offset) + 1n).toString() };
      try {
        const outcome = await withRetry('record', payload, async () => (await options.handleBatch(single)) ?? {});
        if (outcome === undefined) return undefined;
        failures.push(...(outcome.failures ?? []));
      } catch (error) {
        if (outOfGroupError(error)) throw error;
        failures.push({ offset: record.offset, error });
      }
    }
    return failures;
  };

  const handlePayload = async (payload: EachBatchPayload): Promise<void> => {
    const { batch } = payload;
    if (batch.messages.length === 0 || !assignment.owns(batch.partition)) return;
    const { records, undecodable, controls } = decodeBatch(topic, batch);
    if (!(await sendDeadLetters(payload, undecodable))) return;

    const lastOffset = batch.messages[batch.messages.length - 1]?.offset ?? batch.lastOffset();
    const partitionBatch: PartitionBatch<T> = {
      topic: batch.topic,
      partition: batch.partition,
      records,
      controls,
      nextOffset: (BigInt(lastOffset) + 1n).toString(),
    };
    let failures: BatchOutcome['failures'];
    // The handler sees every batch, even one whose records were all dead-lettered, so a sink
    // that commits by itself can move its offset past them.
    try {
      const outcome = await withRetry('batch', payload, async () => (await options.handleBatch(partitionBatch)) ?? {});
      if (outcome === undefined) return;
      failures = outcome.failures;
    } catch (error) {
      if (outOfGroupError(error)) throw error;
      log.warn({ err: error, partition: batch.partition }, 'batch failed; isolating the records that fail');
      failures = await isolate(payload, partitionBatch);
      if (failures === undefined) return;
    }
    if (failures && failures.length > 0) {
      const byOffset = new Map(batch.messages.map((m) => [m.offset, m]));
      const items = failures.flatMap(({ offset, error }) => {
        const message = byOffset.get(offset);
        return message ? [{ message, error }] : [];
      });
      if (!(await sendDeadLetters(payload, items))) return;
    }
    processed?.inc(labels, batch.messages.length);
    payload.resolveOffset(lastOffset);
    if (commitMode === 'after-batch') {
      await consumer.commitOffsets([{ topic: batch.topic, partition: batch.partition, offset: partitionBatch.nextOffset }]);
    }
    await payload.heartbeat();
  };

  await consumer.connect();
  await consumer.subscribe({ topic: topic.name, fromBeginning: options.fromBeginning ?? true });
  const runOptions: ConsumerRunConfig = {
    autoCommit: false,
    eachBatchAutoResolve: false,
    eachBatch: async (payload) => {
      try {
        await handlePayload(payload);
      } catch (error) {
        // Dropped by the coordinator (this process stalled past its session): nothing of the
        // batch is committed, and kafkajs rejoins only when it sees the protocol error itself.
        const rejoin = outOfGroupError(error);
        if (!rejoin) throw error;
        log.warn({ partition: payload.batch.partition, err: rejoin }, 'out of the group mid-batch; left uncommitted, kafkajs rejoins');
        throw rejoin;
      }
    },
  };
  const restarts = restartWhenAbandoned(consumer, () => consumer.run(runOptions), log, retry);
  await consumer.run(runOptions);

  return {
    joined,
    async commit(partition, nextOffset) {
      await consumer.commitOffsets([{ topic: topic.name, partition, offset: nextOffset }]);
    },
    async stop() {
      log.info('stopping consumer');
      restarts.stop();
      await consumer.disconnect();
    },
  };
}

/**
 * Waits before the next attempt, heartbeating. A heartbeat saying the group is rebalancing or has
 * dropped this member ends the wait with that error: the batch is given up so that kafkajs rejoins
 * at once rather than holding the whole group's rebalance up for the rest of an outage.
 */
async function sleepWithHeartbeat(ms: number, payload: EachBatchPayload): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until && payload.isRunning() && !payload.isStale()) {
    await sleep(Math.min(1_000, until - Date.now()));
    try {
      await payload.heartbeat();
    } catch (error) {
      const rejoin = outOfGroupError(error);
      if (rejoin) throw rejoin;
    }
  }
}
