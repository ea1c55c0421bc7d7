// Splits what one transaction sends into requests small enough for the broker. kafkajs puts all of
// a request's messages for one partition into one record batch, and the broker refuses a batch
// over max.message.bytes (1 MiB by default) with MESSAGE_TOO_LARGE, which no retry cures: a stage
// whose outputs are bigger than its inputs (scores and flags added) would stall on a big fetch.
// Requests are made as they are drawn, so a lazy source of messages (a state snapshot's chunks)
// has about one request's worth alive at a time when each request is sent before the next is drawn.
import type { EncodedMessage } from './typed-producer.ts';

export interface TopicMessages {
  topic: string;
  messages: EncodedMessage[];
}

/** A topic's messages to send, in order; an iterable is drawn from as the requests are made. */
export interface TopicMessageSource {
  topic: string;
  messages: Iterable<EncodedMessage>;
}

/** Bytes per request, keys and values counted: well under 1 MiB, whatever the partitioning. */
export const DEFAULT_REQUEST_BYTES = 512 * 1024;

function sizeOf(message: EncodedMessage): number {
  const key = message.key === null ? 0 : typeof message.key === 'string' ? Buffer.byteLength(message.key) : message.key.length;
  // Record overhead (headers, varints, timestamps): a generous constant.
  return key + message.value.length + 64;
}

/**
 * Requests of at most `maxBytes` each, in order, each made when it is drawn. A single message
 * larger than that travels alone (a topic may allow larger records, as the state snapshots' does).
 */
export function* topicRequests(sources: Iterable<TopicMessageSource>, maxBytes = DEFAULT_REQUEST_BYTES): Generator<TopicMessages[]> {
  let current: TopicMessages[] = [];
  let bytes = 0;
  for (const { topic, messages } of sources) {
    for (const message of messages) {
      const size = sizeOf(message);
      if (bytes > 0 && bytes + size > maxBytes) {
        yield current;
        current = [];
        bytes = 0;
      }
      const last = current.at(-1);
      if (last && last.topic === topic) last.messages.push(message);
      else current.push({ topic, messages: [message] });
      bytes += size;
    }
  }
  if (current.length > 0) yield current;
}

/** Every request of `topicRequests` at once. */
export function chunkTopicMessages(topicMessages: readonly TopicMessageSource[], maxBytes = DEFAULT_REQUEST_BYTES): TopicMessages[][] {
  return [...topicRequests(topicMessages, maxBytes)];
}
