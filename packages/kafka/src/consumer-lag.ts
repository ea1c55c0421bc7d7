// How far each stage's consumer group is behind the end of its input topic.
//
// The end is the last stable offset (kafkajs's admin lists offsets read_committed). In a topic
// written in transactions, the last entry of a partition whose transactions are all finished is a
// commit (or abort) marker: a consumer that read everything commits the marker's own offset, one
// short of the end, and no position ever passes it. So for such an input (`transactionalInput`)
// one short of the end is caught up; counted as lag, a stage that is done showed 1 per partition
// for ever. (A real record left unread at the end of such a partition has its marker after it, so
// it still shows as 2: the rule never hides a record, it may show one marker too many.)

import { retryRetriable } from './retry-policy.ts';
import type { KafkaClient } from './port/kafka-client.ts';

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

export interface ConsumerLagOptions {
  /** The topic is written in transactions (by a transactional stage): see above. @default false */
  transactionalInput?: boolean;
}

export async function consumerLag(kafka: KafkaClient, groupId: string, topic: string, options: ConsumerLagOptions = {}): Promise<GroupLag> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const [ends, [committed]] = await retryRetriable(() => Promise.all([admin.fetchTopicOffsets(topic), admin.fetchOffsets({ groupId, topics: [topic] })]));
    const partitions = ends
      .map((end) => {
        const offset = committed?.partitions.find((p) => p.partition === end.partition)?.offset ?? '-1';
        const from = offset === '-1' ? BigInt(end.low) : BigInt(offset);
        const behind = BigInt(end.high) - from;
        const markerOnly = options.transactionalInput === true && offset !== '-1' && behind === 1n;
        return { partition: end.partition, committed: offset, end: end.high, lag: markerOnly ? 0 : Number(behind) };
      })
      .sort((a, b) => a.partition - b.partition);
    return { groupId, topic, partitions, total: partitions.reduce((n, p) => n + p.lag, 0) };
  } finally {
    await admin.disconnect();
  }
}
