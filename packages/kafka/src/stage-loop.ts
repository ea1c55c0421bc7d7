// The one loop every consumer-group stage runs, whatever it does with a batch and however it
// commits: skip a batch of a partition this member does not own (assignment-guard.ts), decode
// with the topic's contract, hand the records to the stage, blame a failing handler on the records
// that fail alone and dead-letter them with the reason, heartbeat while the batch takes long, and
// retry an attempt that failed for an outage after a backoff, heartbeating. How a batch's outcome
// becomes durable is the commit strategy's (commit/*.ts): after the batch, after a durable upload,
// or in one transaction with the outputs. Nothing crashes the loop, nothing is dropped.

import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger, Registry } from '@sl/observability';
import { type AssignmentGuard, guardAssignment } from './assignment-guard.ts';
import type { ConsumedRecord, PartitionBatch } from './consumer-runner.ts';
import { inOffsetOrder } from './control-record.ts';
import { deadLetterMessage } from './dead-letter.ts';
import { decodeBatch, failedRecord } from './decode-batch.ts';
import { outOfGroupError } from './errors/error-flags.ts';
import type { KafkaClient } from './port/kafka-client.ts';
import type { FetchedBatch, FetchedRecord } from './port/reporting-consumer.ts';
import type { BatchControl, StageConsumer } from './port/stage-consumer.ts';
import { backoffDelay, defaultRetryPolicy, isRetriable, type RetryPolicy } from './retry-policy.ts';
import { onGroupJoin, stageCounter, whileHeartbeating } from './stage-instruments.ts';
import { stuckBatchWatch } from './stuck-batch.ts';
import { deadLetterTopicName, type TopicDefinition } from './topic.ts';
import type { EncodedMessage } from './typed-producer.ts';

export interface StageOutput {
  topic: string;
  /**
   * In order. A lazy iterable (a state snapshot's chunks) is drawn while the commit sends, one
   * request at a time, after the handler returned and before the next batch is handled: what it
   * reads must not change in between. While a batch's records are isolated one by one, each
   * record's outputs are drawn before the next record is handled.
   */
  messages: Iterable<EncodedMessage>;
}

export interface StageResult {
  /** Records for other topics; a transactional commit writes them with the offsets, the others have none. */
  outputs: StageOutput[];
  /** Records the handler could not process; they are dead-lettered and count as done. */
  failures?: Array<{ offset: string; error: unknown }>;
  /**
   * The handler stopped early: the offset just past the last record (or control record) it
   * handled, inside the batch. Only that much is committed (with the outputs), and the consumer
   * reads the rest of the batch again from there, as the next batch. A stage cuts a batch whose
   * outputs would grow past a bound, so one commit (one transaction) never holds more than that.
   * Honoured for a whole batch only, not while its records are isolated one by one. @default the batch's nextOffset
   */
  consumedTo?: string;
}

/** What a batch came to, for the commit strategy to make durable. */
export interface CompletedBatch {
  topic: string;
  partition: number;
  /** The offset just past the batch's last record: what to commit. */
  nextOffset: string;
  outputs: StageOutput[];
  /** Dead letters for `<topic>.dlq`, with their reason headers. */
  deadLetters: DeadLetter[];
}

/** A dead letter, with the offset of the record it stands for. */
export interface DeadLetter {
  offset: string;
  message: EncodedMessage;
}

/** What the loop made that a strategy may use: the consumer (to seek, to commit) and its assignment guard. */
export interface StageContext {
  consumer: StageConsumer;
  guard: Pick<AssignmentGuard, 'confirm'>;
}

export interface CommitStrategy {
  /** Names the strategy in logs. */
  readonly name: string;
  /** Called once, before the consumer runs. */
  bind(context: StageContext): void;
  /** Told of every (re)join with the partitions this member now owns. */
  onAssignment(partitions: number[]): void;
  /**
   * Readies the partition before a batch (a transactional producer, fencing the previous owner)
   * and checks the consumer's position: 'seeked' when it moved the consumer, and the batch is left
   * to be fetched again from there.
   */
  prepare(partition: number, firstOffset: string): Promise<'ready' | 'seeked'>;
  /**
   * Dead letters of records that could not be decoded, before the handler runs. A strategy whose
   * handler may commit by itself (a sink's upload) sends them now, so no commit passes a record
   * that was not dead-lettered; a transactional one keeps them for the batch's transaction.
   */
  deadLetterUndecodable(partition: number, deadLetters: DeadLetter[]): Promise<DeadLetter[]>;
  /** Makes the outcome durable; on failure leaves nothing half done (a transaction is aborted). */
  complete(outcome: CompletedBatch): Promise<void>;
  /**
   * An attempt failed with `error`: 'retry' the batch after a backoff, or 'leave' it (another
   * member owns the partition now). The strategy drops what the attempt left stale.
   */
  failed(partition: number, error: unknown): Promise<'retry' | 'leave'>;
  /** Releases what the strategy holds (producers), after the consumer left. */
  close(): Promise<void>;
}

export interface StageLoopOptions<T> {
  kafka: KafkaClient;
  groupId: string;
  topic: TopicDefinition<T>;
  /** Names the stage in logs, metrics and dead-letter headers. */
  stage: string;
  logger: Logger;
  /** The stage's work on one partition's batch; see StageResult. */
  handle: (batch: PartitionBatch<T>) => Promise<StageResult> | StageResult;
  /** The handler's state derived from a partition is stale: its batch failed, or was isolated. */
  onPartitionReset?: (partition: number) => void;
  commit: CommitStrategy;
  /** Where a new group starts. @default true */
  fromBeginning?: boolean;
  retry?: RetryPolicy;
  /** @default 30_000 ms */
  sessionTimeoutMs?: number;
  /** @default 3_000 ms */
  heartbeatIntervalMs?: number;
  /** @default 1 */
  partitionsConsumedConcurrently?: number;
  /**
   * A fetch waits until this many bytes are ready (or fetchMaxWaitMs passed). Every batch pays one
   * commit (a whole transaction for a transactional stage), so a live-paced stage whose batches
   * hold a few records may want more; bench:pipeline, whose stages read a backlog, saw 500–2,600
   * records a batch and no gain from 64 KiB / 50 ms, so the default answers at the first byte.
   * @default 1 byte
   */
  fetchMinBytes?: number;
  /** The most a fetch waits for fetchMinBytes: the latency it can add. @default 5_000 ms */
  fetchMaxWaitMs?: number;
  /** Called on each group (re)join with the partitions this member now owns. */
  onAssignment?: (partitions: number[]) => void;
  metrics?: Registry;
}

export interface StageLoop {
  readonly consumer: StageConsumer;
  /** Resolves once the consumer has joined its group the first time. */
  readonly joined: Promise<void>;
  /** The partitions the latest join gave this member. */
  owned(): number[];
  /** Leaves the group; the batch in progress finishes or is abandoned uncommitted. */
  stop(): Promise<void>;
}

export async function runStageLoop<T>(options: StageLoopOptions<T>): Promise<StageLoop> {
  const { topic, stage, commit } = options;
  const log = options.logger.child({ component: 'stage-loop', stage, topic: topic.name, groupId: options.groupId, commit: commit.name });
  const retry = options.retry ?? defaultRetryPolicy;
  const heartbeatMs = options.heartbeatIntervalMs ?? 3_000;
  const labels = { stage, topic: topic.name };
  const processed = stageCounter(options.metrics, 'sl_records_processed_total', 'Records a stage finished (including dead-lettered ones).');
  const deadLettered = stageCounter(options.metrics, 'sl_records_dead_lettered_total', 'Records sent to a dead-letter topic.');
  const retries = stageCounter(options.metrics, 'sl_batch_retries_total', 'Batches retried after a retriable error.');
  // Records per batch is records per commit (per transaction for a transactional stage), the
  // cost a stage pays once per batch whatever its size.
  const batches = stageCounter(options.metrics, 'sl_batches_processed_total', 'Batches a stage finished, each with one commit.');
  const cuts = stageCounter(
    options.metrics,
    'sl_batches_cut_total',
    'Batches the stage committed only in part (its outputs bounded); the rest was read again as the next batch.',
  );

  const consumer = options.kafka.stageConsumer({
    groupId: options.groupId,
    sessionTimeoutMs: options.sessionTimeoutMs ?? 30_000,
    heartbeatIntervalMs: heartbeatMs,
    partitionsConsumedConcurrently: options.partitionsConsumedConcurrently ?? 1,
    ...(options.fetchMinBytes !== undefined ? { minBytes: options.fetchMinBytes } : {}),
    ...(options.fetchMaxWaitMs !== undefined ? { maxWaitTimeMs: options.fetchMaxWaitMs } : {}),
    logger: log,
    retry,
  });
  const joined = onGroupJoin(consumer, topic.name, log, (partitions) => {
    commit.onAssignment(partitions);
    options.onAssignment?.(partitions);
  });
  const assignment = guardAssignment(consumer, topic.name, log);
  commit.bind({ consumer, guard: assignment });
  const letter = (partition: number, message: FetchedRecord, error: unknown): DeadLetter => ({
    offset: message.offset,
    message: deadLetterMessage(failedRecord(topic.name, partition, message), error, stage),
  });

  // A handler error that is not an outage is blamed on records: the batch is handled one record
  // at a time and only the records that fail alone are dead-lettered. Control records keep their
  // place between the records, so state that depends on them (event-time watermarks) sees the
  // same sequence as an unbroken batch would.
  const handleIsolating = async (batch: PartitionBatch<T>): Promise<StageResult> => {
    try {
      return await options.handle(batch);
    } catch (error) {
      if (isRetriable(error) || outOfGroupError(error)) throw error;
      options.onPartitionReset?.(batch.partition);
      log.warn({ partition: batch.partition, err: error }, 'batch failed; isolating the records that fail');
      const outputs: StageOutput[] = [];
      const failures: NonNullable<StageResult['failures']> = [];
      for (const item of inOffsetOrder(batch.records, batch.controls ?? [])) {
        if ('control' in item) {
          const one = await options.handle({
            ...batch,
            records: [],
            controls: [item.control],
            nextOffset: (BigInt(item.control.offset) + 1n).toString(),
          });
          outputs.push(...drawn(one.outputs));
          continue;
        }
        const record: ConsumedRecord<T> = item.record;
        try {
          const one = await options.handle({
            ...batch,
            records: [record],
            controls: [],
            nextOffset: (BigInt(record.offset) + 1n).toString(),
          });
          outputs.push(...drawn(one.outputs));
          failures.push(...(one.failures ?? []));
        } catch (recordError) {
          if (isRetriable(recordError) || outOfGroupError(recordError)) throw recordError;
          failures.push({ offset: record.offset, error: recordError });
        }
      }
      return { outputs, failures };
    }
  };

  const attempt = async (batch: FetchedBatch, control: BatchControl): Promise<void> => {
    const first = batch.records[0];
    const last = batch.records.at(-1);
    if (!first || !last) return;
    if ((await commit.prepare(batch.partition, first.offset)) === 'seeked') return;
    const { records, undecodable, controls } = decodeBatch(topic, {
      topic: batch.topic,
      partition: batch.partition,
      messages: batch.records,
    });
    const early = await commit.deadLetterUndecodable(
      batch.partition,
      undecodable.map(({ message, error }) => letter(batch.partition, message, error)),
    );
    const batchEnd = (BigInt(last.offset) + 1n).toString();
    // The handler sees every batch, even one whose records were all dead-lettered, so a sink that
    // commits by itself can move its offset past them.
    const result = await handleIsolating({ topic: batch.topic, partition: batch.partition, records, controls, nextOffset: batchEnd });
    const nextOffset = cutOffset(result.consumedTo, first.offset, batchEnd);
    const cut = nextOffset !== batchEnd;
    const within = (offset: string) => !cut || BigInt(offset) < BigInt(nextOffset);
    // Looked up only when the handler gave up on records: most batches have none.
    const failures = result.failures ?? [];
    const byOffset = failures.length > 0 ? new Map(batch.records.map((m) => [m.offset, m])) : undefined;
    const failed = failures.flatMap(({ offset, error }) => {
      const message = byOffset?.get(offset);
      return message ? [letter(batch.partition, message, error)] : [];
    });
    // Past a cut, undecodable records are dead-lettered when the rest of the batch comes again.
    await commit.complete({
      topic: batch.topic,
      partition: batch.partition,
      nextOffset,
      outputs: result.outputs,
      deadLetters: [...early.filter((d) => within(d.offset)), ...failed],
    });
    processed?.inc(labels, cut ? batch.records.filter((m) => within(m.offset)).length : batch.records.length);
    batches?.inc(labels);
    if (cut) cuts?.inc(labels);
    const lettered = undecodable.filter(({ message }) => within(message.offset));
    const letters = lettered.length + failed.length;
    if (letters > 0) {
      deadLettered?.inc(labels, letters);
      for (const { message, error } of lettered)
        log.warn({ partition: batch.partition, offset: message.offset, err: error }, 'record dead-lettered');
      for (const { offset, error } of result.failures ?? [])
        log.warn({ partition: batch.partition, offset, err: error }, 'record dead-lettered');
    }
    if (!cut) {
      control.resolveOffset(last.offset);
      return;
    }
    // kafkajs drops the batches it fetched past this one for the partition and fetches from here.
    control.resolveOffset((BigInt(nextOffset) - 1n).toString());
    consumer.seek(batch.topic, batch.partition, nextOffset);
  };

  const eachBatch = async (batch: FetchedBatch, control: BatchControl): Promise<void> => {
    const { partition } = batch;
    if (!assignment.owns(partition)) return;
    const stuck = stuckBatchWatch();
    for (let n = 0; control.isRunning() && !control.isStale(); n += 1) {
      try {
        // A batch can take longer than the session timeout (an enricher's warm-up, a slow upload):
        // without heartbeats the group drops this member mid-batch.
        await whileHeartbeating(control, heartbeatMs, () => attempt(batch, control));
      } catch (error) {
        const decision = await commit.failed(partition, error);
        options.onPartitionReset?.(partition);
        // Dropped by the coordinator (this process stalled past its session): nothing of the
        // batch is committed, and kafkajs rejoins only when it sees the protocol error itself.
        const rejoin = outOfGroupError(error);
        if (rejoin) {
          log.warn({ partition, err: rejoin }, 'out of the group mid-batch; left uncommitted, the consumer rejoins');
          throw rejoin;
        }
        if (decision === 'leave') return;
        retries?.inc(labels);
        const delayMs = backoffDelay(retry, n);
        log.warn({ partition, attempt: n, delayMs, err: error, retriable: isRetriable(error) }, 'batch failed; retrying it');
        const report = stuck.failed();
        if (report) log.error({ partition, ...report, err: error }, 'batch keeps failing; its partition makes no progress');
        await sleepWithHeartbeat(delayMs, control);
        continue;
      }
      // Done: a heartbeat that reports a rebalance goes to the consumer, which rejoins; it must
      // not send the batch round this loop again.
      await control.heartbeat();
      return;
    }
  };

  await consumer.connect();
  await consumer.subscribe(topic.name, { fromBeginning: options.fromBeginning ?? true });
  await consumer.run(eachBatch);
  log.info({ deadLetters: deadLetterTopicName(topic.name) }, 'stage running');

  return {
    consumer,
    joined,
    owned: () => assignment.owned(),
    async stop() {
      log.info('stopping stage');
      await consumer.disconnect();
      await commit.close();
    },
  };
}

/** Outputs with their lazy messages made now, while what they read is as of their record. */
function drawn(outputs: readonly StageOutput[]): StageOutput[] {
  return outputs.map((output) => ({ topic: output.topic, messages: [...output.messages] }));
}

/** Where a batch's commit ends: the handler's cut when it is inside the batch, else the batch's end. */
function cutOffset(consumedTo: string | undefined, firstOffset: string, batchEnd: string): string {
  if (consumedTo === undefined || consumedTo === batchEnd) return batchEnd;
  const at = BigInt(consumedTo);
  if (at <= BigInt(firstOffset) || at > BigInt(batchEnd)) {
    // A programming error in the handler; committing it would skip or repeat records.
    throw new TypeError(`consumedTo ${consumedTo} is not inside the batch (${firstOffset} to ${batchEnd})`);
  }
  return consumedTo;
}

/**
 * Waits before the next attempt, heartbeating. A heartbeat saying the group is rebalancing or has
 * dropped this member ends the wait with that error: the batch is given up so that the consumer
 * rejoins at once rather than holding the whole group's rebalance up for the rest of an outage.
 */
async function sleepWithHeartbeat(ms: number, control: BatchControl): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until && control.isRunning() && !control.isStale()) {
    await sleep(Math.min(1_000, until - Date.now()));
    try {
      await control.heartbeat();
    } catch (error) {
      const rejoin = outOfGroupError(error);
      if (rejoin) throw rejoin;
    }
  }
}
