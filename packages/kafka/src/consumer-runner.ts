// A stage that consumes without writing to Kafka in a transaction (a storage sink, the alert
// dispatcher): the one stage loop (stage-loop.ts) with a consumer commit — each batch's end once
// its handler resolved ('after-batch'), or by the handler's owner once its output is durable
// ('manual'). A record that cannot be decoded or processed goes to the dead-letter topic with the
// reason; an outage (a retriable error) is waited out with backoff. Nothing crashes the loop,
// nothing is dropped.
import type { Logger, Registry } from '@sl/observability';
import { consumerCommit } from './commit/consumer-commit.ts';
import type { ControlRecord } from './control-record.ts';
import type { KafkaClient } from './port/kafka-client.ts';
import type { RetryPolicy } from './retry-policy.ts';
import { runStageLoop } from './stage-loop.ts';
import type { TopicDefinition } from './topic.ts';
import type { TypedProducer } from './typed-producer.ts';

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
  const loop = await runStageLoop<T>({
    kafka: options.kafka,
    groupId: options.groupId,
    topic: options.topic,
    stage: options.stage,
    logger: options.logger,
    handle: async (batch) => ({ outputs: [], failures: (await options.handleBatch(batch))?.failures ?? [] }),
    commit: consumerCommit({ mode: options.commitMode ?? 'after-batch', producer: options.producer, input: options.topic.name }),
    ...(options.fromBeginning !== undefined ? { fromBeginning: options.fromBeginning } : {}),
    ...(options.retry ? { retry: options.retry } : {}),
    ...(options.sessionTimeoutMs !== undefined ? { sessionTimeoutMs: options.sessionTimeoutMs } : {}),
    ...(options.heartbeatIntervalMs !== undefined ? { heartbeatIntervalMs: options.heartbeatIntervalMs } : {}),
    ...(options.onAssignment ? { onAssignment: options.onAssignment } : {}),
    ...(options.metrics ? { metrics: options.metrics } : {}),
  });
  return {
    joined: loop.joined,
    async commit(partition, nextOffset) {
      await loop.consumer.commit([{ topic: options.topic.name, partition, offset: nextOffset }]);
    },
    stop: () => loop.stop(),
  };
}
