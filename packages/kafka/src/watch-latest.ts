// Follows a compacted topic for as long as a service runs: the newest value per key, updated
// live. Used for brand rules (brands.config): `sl brands apply` changes what every stage sees,
// with no restart. Resolves once the state has caught up with the topic's end at start-up.
import { randomBytes } from 'node:crypto';
import type { Logger } from '@sl/observability';
import type { KafkaClient } from './port/kafka-client.ts';
import { retryRetriable } from './retry-policy.ts';
import type { TopicDefinition } from './topic.ts';

export interface LiveTable<T> {
  /** The newest value per key; tombstoned keys are absent. */
  readonly values: ReadonlyMap<string, T>;
  stop(): Promise<void>;
}

export async function watchLatestByKey<T>(
  client: KafkaClient,
  topic: TopicDefinition<T>,
  options: { logger: Logger; onChange?: (values: ReadonlyMap<string, T>, changedKey: string) => void; timeoutMs?: number },
): Promise<LiveTable<T>> {
  const log = options.logger.child({ component: 'live-table', topic: topic.name });
  const values = new Map<string, T>();
  const admin = client.admin();
  await admin.connect();
  const ends = await retryRetriable(() => admin.fetchTopicOffsets(topic.name)).finally(() => admin.disconnect());
  const behind = new Map<number, bigint>();
  for (const p of ends) if (BigInt(p.high) > BigInt(p.low)) behind.set(p.partition, BigInt(p.high));

  let caughtUp: () => void = () => {};
  const ready = new Promise<void>((resolve) => {
    caughtUp = resolve;
  });
  if (behind.size === 0) caughtUp();

  // Every follower reads the whole topic itself: a group of its own that never commits. A crashed
  // follower would leave the table stale for the life of the process: it is started again.
  const consumer = client.consumer({ groupId: `live-${topic.name}-${randomBytes(6).toString('hex')}`, restartLogger: log });
  // Caught up is reaching the end offset, not a record at it: a topic written in transactions
  // (authors.influence) ends in a commit marker, and one whose last transaction was aborted ends
  // in records nobody is handed. Only the fetch's end sees those offsets (a dashboard restarted on
  // a written authors.influence waited for a record at the marker until its timeout, and crashed).
  const reached = (partition: number, lastOffset: string) => {
    const end = behind.get(partition);
    if (end === undefined || BigInt(lastOffset) + 1n < end) return;
    behind.delete(partition);
    if (behind.size === 0) caughtUp();
  };
  consumer.onBatchEnd((end) => reached(end.partition, end.lastOffset));
  await consumer.connect();
  await consumer.subscribe(topic.name, { fromBeginning: true });
  await consumer.run(async (batch) => {
    for (const message of batch.records) {
      const key = message.key?.toString() ?? '';
      try {
        if (message.value === null) values.delete(key);
        else values.set(key, topic.value.decode(message.value));
        options.onChange?.(values, key);
      } catch (error) {
        // A record this version cannot read is skipped, loudly; the previous value stays.
        log.error(
          { err: error, key, partition: batch.partition, offset: message.offset },
          'could not apply a record; keeping the previous value',
        );
      }
    }
  });
  const timeoutMs = options.timeoutMs ?? 60_000;
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    ready,
    new Promise<void>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${topic.name} did not catch up within ${timeoutMs} ms`)), timeoutMs);
    }),
  ]).finally(() => clearTimeout(timer));
  log.info({ keys: values.size }, 'caught up');
  return {
    values,
    stop: () => consumer.disconnect(),
  };
}
