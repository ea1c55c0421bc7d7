// Follows a topic for as long as someone watches it (`sl alerts tail`): either everything the
// topic still keeps and then what arrives, or only what is written from the call on. Committed
// records only, decoded with the topic's contract. Watching must leave no trace: the consumer
// group is throwaway, never commits an offset, and is deleted when the follower stops.
import { randomBytes } from 'node:crypto';

import type { ConsumedRecord } from './consumer-runner.ts';
import { decodeBatch } from './decode-batch.ts';
import type { KafkaClient } from './port/kafka-client.ts';
import { retryRetriable } from './retry-policy.ts';
import type { TopicDefinition } from './topic.ts';

export interface FollowTopicOptions<T> {
  /** 'beginning': every record the topic keeps, then new ones; 'end': only records written after the call. */
  from: 'beginning' | 'end';
  /** Each record, in offset order per partition. Must not await stop() (stop waits for it). */
  onRecord: (record: ConsumedRecord<T>) => void;
  /** A record the contract cannot read; it is skipped. @default skipped silently */
  onUndecodable?: (failure: { partition: number; offset: string; error: unknown }) => void;
  /** @default `follow-<topic>-<12 random hex digits>` */
  groupId?: string;
}

export interface TopicFollower {
  readonly groupId: string;
  /** Resolves once stopped; rejects if the consumer failed for good (kafkajs will not restart it). */
  readonly done: Promise<void>;
  /** Leaves and deletes the group; safe to call more than once. groupDeleted is false when the broker refused. */
  stop(): Promise<{ groupDeleted: boolean }>;
}

/** The topic does not exist: following it would only wait for the broker to say so again. */
export class UnknownTopicError extends Error {
  readonly code = 'UNKNOWN_TOPIC';
  readonly retriable = false;
  readonly topic: string;
  constructor(topic: string) {
    super(`topic ${topic} does not exist`);
    this.name = 'UnknownTopicError';
    this.topic = topic;
  }
}

export function isUnknownTopicError(error: unknown): error is UnknownTopicError {
  return (error as { code?: unknown } | null)?.code === 'UNKNOWN_TOPIC' && typeof (error as { topic?: unknown }).topic === 'string';
}

/** Resolves once the consumer has joined and the start position is set; records then flow to onRecord. */
export async function followTopic<T>(
  client: KafkaClient,
  topic: TopicDefinition<T>,
  options: FollowTopicOptions<T>,
): Promise<TopicFollower> {
  const admin = client.admin();
  await admin.connect();
  let ends: Array<{ partition: number; high: string }> = [];
  try {
    if (!(await admin.listTopics()).includes(topic.name)) throw new UnknownTopicError(topic.name);
    // "From now on" is from this call, not from whenever the group join completes: records
    // written while joining are not lost. Offsets from a read-committed listing (the LSO).
    if (options.from === 'end') ends = await retryRetriable(() => admin.fetchTopicOffsets(topic.name));
  } finally {
    await admin.disconnect();
  }

  const groupId = options.groupId ?? `follow-${topic.name}-${randomBytes(6).toString('hex')}`;
  const consumer = client.consumer({ groupId });
  let stopping = false;
  let settle: { resolve: () => void; reject: (error: unknown) => void } = { resolve: () => {}, reject: () => {} };
  const done = new Promise<void>((resolve, reject) => {
    settle = { resolve, reject };
  });
  // Whoever follows may only ever call stop(); a crash nobody awaited must not kill the process.
  done.catch(() => {});
  consumer.onGiveUp((error) => settle.reject(error));

  await consumer.connect();
  try {
    await consumer.subscribe(topic.name, { fromBeginning: options.from === 'beginning' });
    await consumer.run(async (batch) => {
      const { records, undecodable } = decodeBatch(topic, { topic: batch.topic, partition: batch.partition, messages: batch.records });
      for (const { message, error } of undecodable) options.onUndecodable?.({ partition: batch.partition, offset: message.offset, error });
      for (const record of records) {
        if (stopping) return;
        options.onRecord(record);
      }
    });
    // kafkajs applies a seek before its next fetch and drops a fetch answered for a partition with
    // a seek pending, so nothing from before these offsets is handed on.
    for (const end of ends) consumer.seek(topic.name, end.partition, end.high);
  } catch (error) {
    await consumer.disconnect();
    throw error;
  }

  let stopped: Promise<{ groupDeleted: boolean }> | undefined;
  const stop = () => {
    stopped ??= (async () => {
      stopping = true;
      await consumer.disconnect();
      settle.resolve();
      // The group holds no offsets; deleting it keeps `kafka-consumer-groups --list` clean.
      const cleaner = client.admin();
      try {
        await cleaner.connect();
        await cleaner.deleteGroups([groupId]);
        return { groupDeleted: true };
      } catch {
        return { groupDeleted: false };
      } finally {
        await cleaner.disconnect().catch(() => {});
      }
    })();
    return stopped;
  };
  return { groupId, done, stop };
}
