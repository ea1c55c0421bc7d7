// An idempotent producer that encodes values with the topic's contract.
import type { Kafka, Producer } from 'kafkajs';
import { kafkajs } from './kafkajs-runtime.ts';
import { ProducerResetError, producerIdLostError } from './producer-fencing.ts';
import type { TopicDefinition } from './topic.ts';

export interface OutgoingRecord<T> {
  key: string | Buffer | null;
  value: T;
  headers?: Record<string, string>;
  timestamp?: number;
}

export interface TypedProducer {
  send<T>(topic: TopicDefinition<T>, records: ReadonlyArray<OutgoingRecord<T>>): Promise<void>;
  sendEncoded(topic: string, messages: ReadonlyArray<EncodedMessage>): Promise<void>;
  /** One request for several topics' records. */
  sendBatch(topicMessages: ReadonlyArray<{ topic: string; messages: ReadonlyArray<EncodedMessage> }>): Promise<void>;
  /** Called with true when the producer (re)connects to the cluster, false when it loses it. */
  onConnection(listener: (connected: boolean) => void): void;
  /** Producers that replaced one whose id was lost (see producer-fencing.ts). */
  readonly replacements: number;
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
  const listeners: Array<(connected: boolean) => void> = [];
  const connectProducer = async (): Promise<Producer> => {
    // Idempotence makes the broker drop a retried duplicate; one request in flight keeps order.
    const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false });
    producer.on(producer.events.CONNECT, () => {
      for (const listener of listeners) listener(true);
    });
    producer.on(producer.events.DISCONNECT, () => {
      if (producer === current) for (const listener of listeners) listener(false);
    });
    await producer.connect();
    return producer;
  };
  let current: Producer = await connectProducer();
  let replacing: Promise<void> | undefined;
  let replacements = 0;
  let closed = false;

  /** Swaps `failed` for a new producer (a new id), once however many sends saw it fail. */
  const replace = (failed: Producer): Promise<void> => {
    if (failed !== current || closed) return replacing ?? Promise.resolve();
    replacing ??= (async () => {
      try {
        const next = await connectProducer();
        current = next;
        replacements += 1;
        void failed.disconnect().catch(() => undefined);
      } finally {
        replacing = undefined;
      }
    })();
    return replacing;
  };

  /** Runs one send; a lost producer id is replaced and reported as retriable. */
  const guarded = async (send: (producer: Producer) => Promise<unknown>): Promise<void> => {
    if (replacing) await replacing.catch(() => undefined);
    const producer = current;
    try {
      await send(producer);
    } catch (error) {
      const lost = producerIdLostError(error);
      if (!lost) throw error;
      // Whatever this send's failed request appended stays appended: a caller that sends the same
      // records again may write them twice, which downstream dedupe flags; none is lost.
      await replace(producer).catch(() => undefined);
      throw new ProducerResetError(lost);
    }
  };

  const sendEncoded = async (topic: string, messages: ReadonlyArray<EncodedMessage>): Promise<void> => {
    if (messages.length === 0) return;
    await guarded((producer) => producer.send({ topic, acks: -1, compression: kafkajs.CompressionTypes.None, messages: [...messages] }));
  };
  return {
    sendEncoded,
    send: (topic, records) => sendEncoded(topic.name, records.map((r) => encodeRecord(topic, r))),
    sendBatch: (topicMessages) =>
      guarded((producer) =>
        producer.sendBatch({
          acks: -1,
          compression: kafkajs.CompressionTypes.None,
          topicMessages: topicMessages.map((t) => ({ topic: t.topic, messages: [...t.messages] })),
        }),
      ),
    onConnection(listener) {
      listeners.push(listener);
    },
    get replacements() {
      return replacements;
    },
    async disconnect() {
      closed = true;
      if (replacing) await replacing.catch(() => undefined);
      await current.disconnect();
    },
  };
}
