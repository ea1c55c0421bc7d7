// Splits what one transaction sends into requests small enough for the broker. kafkajs puts all of
// a request's messages for one partition into one record batch, and the broker refuses a batch
// over max.message.bytes (1 MiB by default) with MESSAGE_TOO_LARGE, which no retry cures: a stage
// whose outputs are bigger than its inputs (scores and flags added) would stall on a big fetch.
import type { EncodedMessage } from './typed-producer.ts';

export interface TopicMessages {
  topic: string;
  messages: EncodedMessage[];
}

/** Bytes per request, keys and values counted: well under 1 MiB, whatever the partitioning. */
export const DEFAULT_REQUEST_BYTES = 512 * 1024;

function sizeOf(message: EncodedMessage): number {
  const key = message.key === null ? 0 : typeof message.key === 'string' ? Buffer.byteLength(message.key) : message.key.length;
  // Record overhead (headers, varints, timestamps): a generous constant.
  return key + message.value.length + 64;
}

/**
 * Requests of at most `maxBytes` each, in order. A single message larger than that travels alone
 * (a topic may allow larger records, as the state snapshots' does).
 */
export function chunkTopicMessages(topicMessages: readonly TopicMessages[], maxBytes = DEFAULT_REQUEST_BYTES): TopicMessages[][] {
  const requests: TopicMessages[][] = [];
  let current: TopicMessages[] = [];
  let bytes = 0;
  const flush = () => {
    if (current.length > 0) requests.push(current);
    current = [];
    bytes = 0;
  };
  for (const { topic, messages } of topicMessages) {
    for (const message of messages) {
      const size = sizeOf(message);
      if (bytes > 0 && bytes + size > maxBytes) flush();
      const last = current.at(-1);
      if (last && last.topic === topic) last.messages.push(message);
      else current.push({ topic, messages: [message] });
      bytes += size;
    }
  }
  flush();
  return requests;
}
