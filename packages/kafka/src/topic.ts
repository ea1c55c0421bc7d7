// A topic as the code knows it: its name, how its records are keyed and encoded, and how the
// broker should keep them. Every topic has a dead-letter topic beside it.
import type { Contract } from '@sl/contracts';

export type CleanupPolicy = 'delete' | 'compact' | 'compact,delete';

export interface TopicDefinition<T> {
  name: string;
  /** What the key holds, for people reading the catalogue (e.g. "mention id", "brand id"). */
  key: string;
  value: Contract<T>;
  partitions: number;
  cleanupPolicy: CleanupPolicy;
  /** @default 7 days; undefined keeps the broker default */
  retentionMs?: number;
  /** Largest record the topic accepts, bytes; undefined keeps the broker default (about 1 MiB). */
  maxMessageBytes?: number;
}

export function deadLetterTopicName(topic: string): string {
  return `${topic}.dlq`;
}

/** The same topic under another name: tests own their names. */
export function renamed<T>(topic: TopicDefinition<T>, name: string): TopicDefinition<T> {
  return { ...topic, name };
}
