// Exactly-once commit for a topic-to-topic stage: the batch's outputs, its dead letters and its
// input offsets in one Kafka transaction. kafkajs sends no group generation with transactional
// offsets (no KIP-447), so a member paused past its session timeout could otherwise commit after
// its partition moved. The classic fix is used instead: one transactional id per INPUT PARTITION.
// Whoever owns a partition initialises that id's producer, which bumps the epoch, aborts any
// transaction a previous owner left open and fences that owner's later commits. Only then is the
// committed offset read and the partition processed from exactly there.
import type { Logger, Registry } from '@sl/observability';
import { fencedError } from '../errors/error-flags.ts';
import type { KafkaClient } from '../port/kafka-client.ts';
import type { PortTransaction, TransactionalProducer } from '../port/transactional-producer.ts';
import { type TopicMessageSource, topicRequests } from '../request-chunks.ts';
import { isRetriable } from '../retry-policy.ts';
import { stageCounter } from '../stage-instruments.ts';
import type { CompletedBatch, CommitStrategy, StageContext } from '../stage-loop.ts';
import { deadLetterTopicName } from '../topic.ts';

export interface TransactionalCommitOptions {
  kafka: KafkaClient;
  groupId: string;
  /** The input topic; transactional ids are `<prefix>.<input>.<partition>`. */
  input: string;
  transactionalIdPrefix: string;
  stage: string;
  logger: Logger;
  /** @default 60_000 ms */
  transactionTimeoutMs?: number;
  /** A partition's producer was dropped (fenced, moved away, in an unknown state): state derived from it is stale. */
  onPartitionReset?: (partition: number) => void;
  metrics?: Registry;
}

interface PartitionProducer {
  producer: TransactionalProducer;
  /** Set while the producer is ready and the consumer position was checked against the committed offset. */
  verified: boolean;
  /**
   * The offset this producer's last transaction committed for the partition. A transaction's
   * offsets become visible to OffsetFetch only once its markers are written, a moment after the
   * commit returns (kafkajs has no require_stable fetch), so a re-check right after a commit can
   * read the offset before it; the stage would then redo, and re-emit, a batch it just committed.
   */
  committedNext: string | undefined;
}

export function transactionalCommit(options: TransactionalCommitOptions): CommitStrategy {
  const { groupId, input } = options;
  const log = options.logger.child({ component: 'transactional-commit' });
  const labels = { stage: options.stage, topic: input };
  const aborted = stageCounter(options.metrics, 'sl_transactions_aborted_total', 'Transactions aborted (retried or fenced).');
  const fenced = stageCounter(
    options.metrics,
    'sl_transactions_fenced_total',
    'Times this member found its producer fenced by a newer owner.',
  );
  const dlqTopic = deadLetterTopicName(input);
  const producers = new Map<number, PartitionProducer>();
  const admin = options.kafka.admin();
  let adminConnected: Promise<void> | undefined;
  // The stage loop's consumer (to seek) and assignment guard (to ask the coordinator after a fence).
  let context: StageContext | undefined;

  const dropProducer = async (partition: number): Promise<void> => {
    const entry = producers.get(partition);
    producers.delete(partition);
    options.onPartitionReset?.(partition);
    await entry?.producer.disconnect().catch(() => undefined);
  };

  return {
    name: 'transactional',
    bind(stage) {
      context = stage;
    },
    // Producers of partitions that moved away are closed; owned ones are re-verified because the
    // consumer re-reads committed offsets after every rebalance.
    onAssignment(partitions) {
      const owned = new Set(partitions);
      for (const partition of [...producers.keys()]) {
        if (!owned.has(partition)) void dropProducer(partition);
        else {
          const entry = producers.get(partition);
          if (entry) entry.verified = false;
        }
      }
    },
    // The producer for a partition, initialised (fencing any previous owner), and a check that the
    // consumer is positioned at the offset committed by the last successful transaction.
    async prepare(partition, firstOffset) {
      let entry = producers.get(partition);
      if (!entry) {
        const producer = options.kafka.transactionalProducer({
          transactionalId: `${options.transactionalIdPrefix}.${input}.${partition}`,
          transactionTimeoutMs: options.transactionTimeoutMs ?? 60_000,
          // The broker answers CONCURRENT_TRANSACTIONS while it still writes the previous commit's
          // markers, which takes milliseconds; kafkajs's default first retry (200 ms here) put that
          // much on every such batch's latency. Retry fast, back off to the same ceiling.
          retry: { initialMs: 15, retries: 14, maxMs: 10_000 },
        });
        // Connecting runs InitProducerId: epoch bump, fencing, and the end of whatever the previous owner left open.
        await producer.connect();
        entry = { producer, verified: false, committedNext: undefined };
        producers.set(partition, entry);
      }
      if (!entry.verified) {
        // A connect that failed (the broker was down) is forgotten, so the batch's retry connects
        // again: a cached rejection failed every retry of one partition for nine minutes in the
        // chaos test, long after the broker was back.
        adminConnected ??= admin.connect().catch((error: unknown) => {
          adminConnected = undefined;
          throw error;
        });
        await adminConnected;
        const [offsets] = await admin.fetchOffsets({ groupId, topics: [input] });
        const fetched = offsets?.partitions.find((p) => p.partition === partition)?.offset ?? '-1';
        // No other member can have committed past this producer's own commit without fencing it first.
        const committed =
          entry.committedNext !== undefined && BigInt(entry.committedNext) > BigInt(fetched) ? entry.committedNext : fetched;
        entry.verified = true;
        if (committed !== '-1' && committed !== firstOffset) {
          log.info({ partition, committed, fetched: firstOffset }, 'consumer position differs from the committed offset; seeking');
          options.onPartitionReset?.(partition);
          context?.consumer.seek(input, partition, committed);
          return 'seeked';
        }
      }
      return 'ready';
    },
    // Sent with the batch's outcome, inside its transaction.
    deadLetterUndecodable: async (_partition, deadLetters) => deadLetters,
    async complete(outcome: CompletedBatch) {
      const entry = producers.get(outcome.partition);
      if (!entry) throw new Error(`no producer for ${input}[${outcome.partition}]: prepare() was not called for this batch`);
      let txn: PortTransaction | undefined;
      try {
        txn = await entry.producer.transaction();
        const topicMessages: TopicMessageSource[] = [...outcome.outputs];
        if (outcome.deadLetters.length > 0) topicMessages.push({ topic: dlqTopic, messages: outcome.deadLetters.map((d) => d.message) });
        // Each request is made when the previous one was sent: lazy outputs are never all alive at once.
        for (const request of topicRequests(topicMessages)) await txn.send(request);
        await txn.sendOffsets({ groupId, offsets: [{ topic: outcome.topic, partition: outcome.partition, offset: outcome.nextOffset }] });
        await txn.commit();
        entry.committedNext = outcome.nextOffset;
      } catch (error) {
        aborted?.inc(labels);
        await txn?.abort().catch(() => undefined);
        throw error;
      }
    },
    async failed(partition, error) {
      if (fencedError(error)) {
        // Another member initialised this partition's transactional id. If the coordinator says
        // that member owns the partition, this one is a zombie and stays away until the next join.
        // If this member owns it, the other was the zombie: the batch comes again and a new
        // producer fences it (once; it then finds out the same way).
        fenced?.inc(labels);
        log.warn({ partition, err: error }, 'producer fenced by another member; asking the coordinator who owns the partition');
        await dropProducer(partition);
        await context?.guard.confirm(partition).catch((checkError: unknown) => {
          log.warn({ partition, err: checkError }, 'could not ask the coordinator; the batch is retried');
        });
        return 'leave';
      }
      const entry = producers.get(partition);
      if (entry) entry.verified = false;
      // A producer in an unknown state is replaced rather than reused.
      if (!isRetriable(error)) await dropProducer(partition);
      return 'retry';
    },
    async close() {
      await Promise.all([...producers.keys()].map((p) => dropProducer(p)));
      if (adminConnected) await admin.disconnect();
    },
  };
}
