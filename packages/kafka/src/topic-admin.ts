// Creates the topics a service uses (and their dead-letter topics) when they are missing.
import type { Admin, Kafka } from 'kafkajs';
import { deadLetterTopicName, type TopicDefinition } from './topic.ts';

export interface EnsureTopicsOptions {
  /** Add each topic's dead-letter topic. @default true */
  withDeadLetters?: boolean;
}

export async function ensureTopics(
  kafka: Kafka,
  topics: ReadonlyArray<TopicDefinition<unknown>>,
  options: EnsureTopicsOptions = {},
): Promise<string[]> {
  const admin: Admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const wanted = topics.flatMap((topic) => {
      const configEntries: Array<{ name: string; value: string }> = [{ name: 'cleanup.policy', value: topic.cleanupPolicy }];
      if (topic.retentionMs !== undefined) configEntries.push({ name: 'retention.ms', value: String(topic.retentionMs) });
      const main = { topic: topic.name, numPartitions: topic.partitions, replicationFactor: -1, configEntries };
      if (options.withDeadLetters === false) return [main];
      const dlq = {
        topic: deadLetterTopicName(topic.name),
        numPartitions: 1,
        replicationFactor: -1,
        configEntries: [{ name: 'cleanup.policy', value: 'delete' }],
      };
      return [main, dlq];
    });
    const missing = wanted.filter((t) => !existing.has(t.topic));
    if (missing.length > 0) {
      // Another service may create the same topic at the same moment; that is not an error.
      await admin.createTopics({ topics: missing, waitForLeaders: true }).catch((error: { type?: string }) => {
        if (error.type !== 'TOPIC_ALREADY_EXISTS') throw error;
      });
    }
    return missing.map((t) => t.topic);
  } finally {
    await admin.disconnect();
  }
}
