// How far each stage's consumer group is behind the end of its input topic.
import type { Kafka } from 'kafkajs';
import { retryRetriable } from './retry-policy.ts';

export interface PartitionLag {
  partition: number;
  /** Next offset the group will read ('-1' when it never committed). */
  committed: string;
  end: string;
  lag: number;
}

export interface GroupLag {
  groupId: string;
  topic: string;
  partitions: PartitionLag[];
  total: number;
}

export async function consumerLag(kafka: Kafka, groupId: string, topic: string): Promise<GroupLag> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const [ends, [committed]] = await retryRetriable(() => Promise.all([admin.fetchTopicOffsets(topic), admin.fetchOffsets({ groupId, topics: [topic] })]));
    const partitions = ends
      .map((end) => {
        const offset = committed?.partitions.find((p) => p.partition === end.partition)?.offset ?? '-1';
        const from = offset === '-1' ? BigInt(end.low) : BigInt(offset);
        return { partition: end.partition, committed: offset, end: end.high, lag: Number(BigInt(end.high) - from) };
      })
      .sort((a, b) => a.partition - b.partition);
    return { groupId, topic, partitions, total: partitions.reduce((n, p) => n + p.lag, 0) };
  } finally {
    await admin.disconnect();
  }
}
