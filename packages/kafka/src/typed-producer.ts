// An idempotent producer that encodes values with the topic's contract.
import type { Kafka, Producer } from 'kafkajs';
import { kafkajs } from './kafkajs-runtime.ts';
import type { TopicDefinition } from './topic.ts';

export interface OutgoingRecord<T> {
  key: string | Buffer | null;
  value: T;
  headers?: Record<string, string>;
  timestamp?: number;
}

export interface TypedProducer {
  readonly raw: Producer;
  send<T>(topic: TopicDefinition<T>, records: ReadonlyArray<OutgoingRecord<T>>): Promise<void>;
  sendEncoded(topic: string, messages: ReadonlyArray<EncodedMessage>): Promise<void>;
  disconnect(): Promise<void>;
}

export interface EncodedMessage {
  key: string | Buffer | null;
  value: Buffer;
  headers?: Record<string, string>;
  timestamp?: string;
}

export function encodeRecord<T>(topic: TopicDefinition<T>, record: OutgoingRecord<T>): EncodedMessage {
  return {
    key: record.key,
    value: topic.value.encode(record.value),
    ...(record.headers ? { headers: record.headers } : {}),
    ...(record.timestamp !== undefined ? { timestamp: String(record.timestamp) } : {}),
  };
}

export async function createIdempotentProducer(kafka: Kafka): Promise<TypedProducer> {
  // Idempotence makes the broker drop a retried duplicate; one request in flight keeps order.
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false });
  await producer.connect();
  const sendEncoded = async (topic: string, messages: ReadonlyArray<EncodedMessage>): Promise<void> => {
    if (messages.length === 0) return;
    await producer.send({ topic, acks: -1, compression: kafkajs.CompressionTypes.None, messages: [...messages] });
  };
  return {
    raw: producer,
    sendEncoded,
    send: (topic, records) => sendEncoded(topic.name, records.map((r) => encodeRecord(topic, r))),
    disconnect: () => producer.disconnect(),
  };
}
