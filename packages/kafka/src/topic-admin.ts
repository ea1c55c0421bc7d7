// Creates the topics a service uses (and their dead-letter topics) when they are missing.
import { setTimeout as sleep } from 'node:timers/promises';
import type { KafkaAdmin } from './port/kafka-admin.ts';
import { backoffDelay, defaultRetryPolicy, isRetriable } from './retry-policy.ts';
import { deadLetterTopicName, type TopicDefinition } from './topic.ts';
import type { KafkaClient } from './port/kafka-client.ts';

export interface EnsureTopicsOptions {
  /** Add each topic's dead-letter topic. @default true */
  withDeadLetters?: boolean;
  /**
   * How long an unreachable broker (or one still starting) is waited for. It is every service's
   * first call to Kafka: a worker started while the broker restarts waits instead of exiting.
   * @default 120_000 ms
   */
  waitMs?: number;
}

// kafkajs's own waitForLeaders gives up on UNKNOWN_TOPIC_OR_PARTITION, which a busy broker
// answers for a moment after creating a topic; here that only means "not yet".
async function waitForLeaders(admin: KafkaAdmin, topics: string[], timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const { topics: metadata } = await admin.fetchTopicMetadata({ topics });
      const ready = metadata.length === topics.length && metadata.every((t) => t.partitions.length > 0 && t.partitions.every((p) => p.leader >= 0));
      if (ready) return;
    } catch (error) {
      const type = (error as { type?: string }).type;
      if (type !== 'UNKNOWN_TOPIC_OR_PARTITION' && type !== 'LEADER_NOT_AVAILABLE') throw error;
    }
    if (Date.now() > deadline) throw new Error(`topics ${topics.join(', ')} have no leaders after ${timeoutMs} ms`);
    await sleep(100);
  }
}

export async function ensureTopics(
  kafka: KafkaClient,
  topics: ReadonlyArray<TopicDefinition<unknown>>,
  options: EnsureTopicsOptions = {},
): Promise<string[]> {
  const deadline = Date.now() + (options.waitMs ?? 120_000);
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await ensureTopicsOnce(kafka, topics, options);
    } catch (error) {
      if (!isRetriable(error) || Date.now() > deadline) throw error;
      await sleep(backoffDelay(defaultRetryPolicy, attempt));
    }
  }
}

async function ensureTopicsOnce(
  kafka: KafkaClient,
  topics: ReadonlyArray<TopicDefinition<unknown>>,
  options: EnsureTopicsOptions,
): Promise<string[]> {
  const admin: KafkaAdmin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const wanted = topics.flatMap((topic) => {
      const configEntries: Array<{ name: string; value: string }> = [{ name: 'cleanup.policy', value: topic.cleanupPolicy }];
      if (topic.retentionMs !== undefined) configEntries.push({ name: 'retention.ms', value: String(topic.retentionMs) });
      if (topic.maxMessageBytes !== undefined) configEntries.push({ name: 'max.message.bytes', value: String(topic.maxMessageBytes) });
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
      await admin.createTopics({ topics: missing, waitForLeaders: false }).catch((error: { type?: string }) => {
        if (error.type !== 'TOPIC_ALREADY_EXISTS') throw error;
      });
      await waitForLeaders(admin, missing.map((t) => t.topic));
    }
    return missing.map((t) => t.topic);
  } finally {
    await admin.disconnect();
  }
}
