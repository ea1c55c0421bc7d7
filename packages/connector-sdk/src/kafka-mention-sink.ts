// The Kafka MentionSink: valid mentions to mentions.raw keyed by id (acks=all, idempotent
// producer), rejected items to mentions.raw.dlq as DeadLetter records with the reason.
import type { RawMention } from '@sl/contracts';
import { deadLetterMessage, deadLetterTopicName, type TopicDefinition, type TypedProducer } from '@sl/kafka';
import { ConnectorError } from './connector-error.ts';
import type { MentionSink } from './mention-sink.ts';

export interface KafkaMentionSinkOptions {
  producer: TypedProducer;
  /** mentions.raw, or a namespaced copy (renamed). */
  topic: TopicDefinition<RawMention>;
  /** @default Date.now */
  now?: () => number;
}

export function createKafkaMentionSink(options: KafkaMentionSinkOptions): MentionSink {
  const now = options.now ?? Date.now;
  const deadLetters = deadLetterTopicName(options.topic.name);
  return {
    async deliver({ connector, mentions, rejected }) {
      await options.producer.send(
        options.topic,
        mentions.map((mention) => ({ key: mention.id, value: mention, headers: { 'sl.connector': connector } })),
      );
      if (rejected.length === 0) return;
      const failedAt = now();
      const letters = rejected.map((item) =>
        deadLetterMessage(
          {
            // The item never reached the topic: no partition or offset, the connector's output as the value.
            topic: options.topic.name,
            partition: -1,
            offset: '-1',
            key: item.key === null ? null : Buffer.from(item.key),
            value: Buffer.from(safeJson(item.original)),
            headers: { 'sl.connector': connector },
          },
          new ConnectorError('INVALID_MENTION', item.reason),
          `connector:${connector}`,
          failedAt,
        ),
      );
      await options.producer.sendEncoded(deadLetters, letters);
    },
  };
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? 'null';
  } catch {
    return String(value);
  }
}
