// Reads a topic from the beginning up to its end as it stands when called: the way a service
// loads a compacted topic (brand rules, connector checkpoints, author scores) at start-up.
import { randomBytes } from 'node:crypto';

import type { KafkaClient } from './port/kafka-client.ts';
import { retryRetriable } from './retry-policy.ts';
import type { TopicDefinition } from './topic.ts';

export interface LatestByKey<T> {
  /** The newest value per key; a key whose newest record is a tombstone is absent. */
  values: Map<string, T>;
  /** Records read, including superseded ones and tombstones. */
  read: number;
}

export async function readLatestByKey<T>(
  client: KafkaClient,
  topic: TopicDefinition<T>,
  options: { timeoutMs?: number } = {},
): Promise<LatestByKey<T>> {
  const admin = client.admin();
  await admin.connect();
  // A topic nobody created yet holds nothing: answer at once rather than retrying "unknown topic".
  const exists = await admin
    .listTopics()
    .then((names) => names.includes(topic.name))
    .catch(async (error: unknown) => {
      await admin.disconnect();
      throw error;
    });
  if (!exists) {
    await admin.disconnect();
    return { values: new Map(), read: 0 };
  }
  const ends = await retryRetriable(() => admin.fetchTopicOffsets(topic.name)).finally(() => admin.disconnect());
  const remaining = new Map<number, bigint>();
  for (const p of ends) {
    const high = BigInt(p.high);
    if (high > BigInt(p.low)) remaining.set(p.partition, high);
  }
  const values = new Map<string, T>();
  let read = 0;
  if (remaining.size === 0) return { values, read };

  // A throwaway group that never commits: reading must not disturb anyone's offsets.
  const consumer = client.consumer({ groupId: `read-to-end-${randomBytes(6).toString('hex')}` });
  await consumer.connect();
  try {
    await consumer.subscribe(topic.name, { fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`reading ${topic.name} to its end took longer than ${options.timeoutMs ?? 30_000} ms`)),
        options.timeoutMs ?? 30_000,
      );
      const reached = (partition: number, lastOffset: string) => {
        const end = remaining.get(partition);
        if (end !== undefined && BigInt(lastOffset) + 1n >= end) remaining.delete(partition);
        if (remaining.size === 0) {
          clearTimeout(timer);
          resolve();
        }
      };
      // Done is reaching the end offset, not a count. A transactional topic ends in a commit
      // marker that no record handler sees; the batch end does see its offset.
      consumer.onBatchEnd((end) => reached(end.partition, end.lastOffset));
      consumer
        .run(async (batch) => {
          for (const message of batch.records) {
            read += 1;
            const key = message.key?.toString() ?? '';
            if (message.value === null) values.delete(key);
            else values.set(key, topic.value.decode(message.value));
          }
        })
        .catch(reject);
    });
  } finally {
    await consumer.disconnect();
  }
  return { values, read };
}
