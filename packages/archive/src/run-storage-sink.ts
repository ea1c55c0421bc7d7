// Runs a partitioned storage sink as a consumer-group member: batches into the sink, offsets
// committed by the sink itself once its files are durable, a timer for age-based flushes, and a
// stop that makes what is buffered durable before leaving the group.
import { isRetriable, KafkaError, type KafkaClient, runConsumer, type TopicDefinition, type TypedProducer } from '@sl/kafka';
import type { HealthReport, Logger, Registry } from '@sl/observability';
import type { PartitionedSink } from './partitioned-sink.ts';

export interface StorageSinkRunnerOptions<T> {
  kafka: KafkaClient;
  topic: TopicDefinition<T>;
  groupId: string;
  stage: string;
  /** Used for dead letters. */
  producer: TypedProducer;
  /** Built with a commit function that calls the runner's `commit` (see `commitThrough`). */
  sink: PartitionedSink<T>;
  logger: Logger;
  registry?: Registry;
  /** How often buffers are checked for their age. @default 1_000 ms */
  tickMs?: number;
  /** @default 30_000 ms */
  sessionTimeoutMs?: number;
  /**
   * Runs before a partition's first batch after every assignment, with that batch's first offset:
   * state the layout keeps in memory is rebuilt from the log up to there. The batch waits for it; a
   * failure is retried with the batch (never blamed on its records).
   */
  beforeFirstBatch?: (partition: number, firstOffset: string) => Promise<void>;
}

export interface StorageSinkRunner {
  health(): HealthReport;
  /** Flushes what is buffered, commits it, and leaves the group. */
  stop(): Promise<void>;
}

/**
 * The sink needs a commit function before the consumer exists, and the consumer hands it batches
 * only once running: this late binding lets both be built in the natural order.
 */
export function commitThrough(): { commit: (partition: number, nextOffset: string) => Promise<void>; bind: (commit: (partition: number, nextOffset: string) => Promise<void>) => void } {
  let target: ((partition: number, nextOffset: string) => Promise<void>) | undefined;
  return {
    commit: (partition, nextOffset) => {
      if (!target) return Promise.reject(new Error('the sink committed before its consumer started'));
      return target(partition, nextOffset);
    },
    bind: (commit) => {
      target = commit;
    },
  };
}

export async function runStorageSink<T>(options: StorageSinkRunnerOptions<T>, binding: ReturnType<typeof commitThrough>): Promise<StorageSinkRunner> {
  const { sink, logger } = options;
  let lastError: string | undefined;
  // Partitions whose state was rebuilt since the latest assignment. Every assignment starts again:
  // a partition kept across a rebalance may have been another member's in between (this one out of
  // the group), and what that member read is not in this process.
  const prepared = new Set<number>();
  const prepare = async (partition: number, firstOffset: string | undefined): Promise<void> => {
    if (!options.beforeFirstBatch || firstOffset === undefined || prepared.has(partition)) return;
    try {
      await options.beforeFirstBatch(partition, firstOffset);
    } catch (error) {
      if (isRetriable(error)) throw error;
      throw new KafkaError('PREPARE_FAILED', `rebuilding ${options.topic.name}[${partition}] up to offset ${firstOffset} failed; the batch is retried`, { retriable: true }, error);
    }
    prepared.add(partition);
  };
  const consumer = await runConsumer({
    kafka: options.kafka,
    groupId: options.groupId,
    topic: options.topic,
    stage: options.stage,
    logger,
    producer: options.producer,
    ...(options.registry ? { metrics: options.registry } : {}),
    ...(options.sessionTimeoutMs ? { sessionTimeoutMs: options.sessionTimeoutMs, heartbeatIntervalMs: Math.min(3_000, Math.floor(options.sessionTimeoutMs / 5)) } : {}),
    commitMode: 'manual',
    handleBatch: async (batch) => {
      await prepare(batch.partition, batch.records[0]?.offset);
      return sink.handleBatch(batch);
    },
    onAssignment: (partitions) => {
      prepared.clear();
      sink.onAssignment(partitions);
    },
  });
  binding.bind((partition, nextOffset) => consumer.commit(partition, nextOffset));
  // One timed flush at a time: ticks during a slow flush (an outage being retried) would queue
  // behind it and then upload the same files again, once per queued tick.
  let flushing = false;
  const timer = setInterval(() => {
    if (flushing) return;
    flushing = true;
    sink
      .flushDue()
      .then(
        () => {
          lastError = undefined;
        },
        (error: unknown) => {
          lastError = String(error);
          logger.warn({ err: error }, 'timed flush failed; it is retried on the next tick');
        },
      )
      .finally(() => {
        flushing = false;
      });
  }, options.tickMs ?? 1_000);
  return {
    health: () => ({
      status: lastError ? 'degraded' : 'ok',
      checks: { objectStore: { ok: !lastError, ...(lastError ? { detail: lastError } : {}) }, buffered: { ok: true, detail: String(sink.buffered) } },
    }),
    async stop() {
      clearInterval(timer);
      // Make what is buffered durable while still a member (so the commit counts), then leave.
      await sink.flushAll().catch((error: unknown) => logger.warn({ err: error }, 'final flush failed; the records are read again on restart'));
      await consumer.stop();
    },
  };
}
