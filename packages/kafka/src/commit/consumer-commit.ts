// Commits for stages that do not write to Kafka in a transaction: dead letters go out with the
// stage's idempotent producer, then the consumer commits the batch's end ('after-batch'), or
// leaves committing to the stage ('manual': a storage sink commits once its files are durable).
import type { StageConsumer } from '../port/stage-consumer.ts';
import type { CommitStrategy, CompletedBatch, DeadLetter } from '../stage-loop.ts';
import { deadLetterTopicName } from '../topic.ts';
import type { TypedProducer } from '../typed-producer.ts';

export function consumerCommit(options: { mode: 'after-batch' | 'manual'; producer: TypedProducer; input: string }): CommitStrategy {
  const dlqTopic = deadLetterTopicName(options.input);
  let consumer: StageConsumer | undefined;
  // Per partition, the offset of the last record dead-lettered: an attempt retried after a later
  // step failed (the handler's outage, the commit) must not send the same letters again. A new
  // assignment starts again (the partition is read again from its committed offset; a letter sent
  // before a crash may then go twice: dead letters are at least once outside a transaction).
  const sentThrough = new Map<number, bigint>();
  const send = async (partition: number, deadLetters: DeadLetter[]) => {
    const after = sentThrough.get(partition) ?? -1n;
    const fresh = deadLetters.filter((d) => BigInt(d.offset) > after);
    if (fresh.length === 0) return;
    await options.producer.sendEncoded(
      dlqTopic,
      fresh.map((d) => d.message),
    );
    sentThrough.set(
      partition,
      fresh.reduce((max, d) => (BigInt(d.offset) > max ? BigInt(d.offset) : max), after),
    );
  };
  return {
    name: options.mode,
    bind(context) {
      consumer = context.consumer;
    },
    onAssignment: () => sentThrough.clear(),
    prepare: async () => 'ready',
    // Sent before the handler runs: a sink may commit past them during it.
    async deadLetterUndecodable(partition, deadLetters) {
      await send(partition, deadLetters);
      return [];
    },
    async complete(outcome: CompletedBatch) {
      await send(outcome.partition, outcome.deadLetters);
      if (options.mode === 'after-batch')
        await consumer?.commit([{ topic: outcome.topic, partition: outcome.partition, offset: outcome.nextOffset }]);
    },
    failed: async () => 'retry',
    close: async () => undefined,
  };
}
