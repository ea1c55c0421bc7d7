// An idempotent producer that encodes values with the topic's contract.
import type { Logger } from '@sl/observability';
import { producerIdLostError } from './errors/error-flags.ts';
import { ProducerResetError } from './producer-fencing.ts';
import type { TopicDefinition } from './topic.ts';
import type { KafkaClient } from './port/kafka-client.ts';
import type { IdempotentProducer } from './port/idempotent-producer.ts';

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
  /**
   * Called with true when a producer connects (the first, or one replacing a lost id), false when
   * it is disconnected. kafkajs says nothing when it loses a broker: sends fail instead.
   */
  onConnection(listener: (connected: boolean) => void): void;
  /** Producers that replaced one whose id was lost (see producer-fencing.ts). */
  readonly replacements: number;
  disconnect(): Promise<void>;
}

export interface EncodedMessage {
  key: string | Buffer | null;
  value: Buffer;
  /** A partition of its own choosing (watermark ticks); otherwise the key decides. */
  partition?: number;
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

export interface IdempotentProducerOptions {
  /** Told when a producer whose id was lost is replaced, or cannot be yet. @default silent */
  logger?: Logger;
}

/** One producer and the sends using it, so a replaced one is closed only once they are done. */
interface ProducerSlot {
  producer: IdempotentProducer;
  inFlight: number;
  retired: boolean;
  closed: boolean;
}

export async function createIdempotentProducer(client: KafkaClient, options: IdempotentProducerOptions = {}): Promise<TypedProducer> {
  const log = options.logger?.child({ component: 'idempotent-producer' });
  const listeners: Array<(connected: boolean) => void> = [];
  const connectProducer = async (): Promise<ProducerSlot> => {
    const producer = client.idempotentProducer();
    const slot: ProducerSlot = { producer, inFlight: 0, retired: false, closed: false };
    producer.onConnection((connected) => {
      if (connected) for (const listener of listeners) listener(true);
      else if (slot === current) for (const listener of listeners) listener(false);
    });
    try {
      await producer.connect();
    } catch (error) {
      // connect() opens the cluster's sockets before it asks for a producer id: close them.
      await producer.disconnect().catch(() => undefined);
      throw error;
    }
    return slot;
  };
  const closeWhenIdle = (slot: ProducerSlot): void => {
    if (!slot.retired || slot.inFlight > 0 || slot.closed) return;
    slot.closed = true;
    void slot.producer.disconnect().catch(() => undefined);
  };
  let current: ProducerSlot = await connectProducer();
  let replacing: Promise<void> | undefined;
  let replacements = 0;
  let closing = false;

  /** Swaps `failed` for a new producer (a new id), once however many sends saw it fail. */
  const replace = (failed: ProducerSlot, cause: Error): Promise<void> => {
    if (failed !== current || closing) return replacing ?? Promise.resolve();
    replacing ??= (async () => {
      try {
        const next = await connectProducer();
        current = next;
        replacements += 1;
        failed.retired = true;
        closeWhenIdle(failed);
        log?.warn({ err: cause, replacements }, 'producer id lost; a new producer replaced it');
      } catch (error) {
        log?.warn(
          { err: error, lost: cause.message },
          'producer id lost; its replacement could not connect yet, the next send tries again',
        );
        throw error;
      } finally {
        replacing = undefined;
      }
    })();
    return replacing;
  };

  /** Runs one send; a lost producer id is replaced and the send reported as retriable. */
  const guarded = async (send: (producer: IdempotentProducer) => Promise<unknown>): Promise<void> => {
    if (replacing) await replacing.catch(() => undefined);
    const slot = current;
    slot.inFlight += 1;
    try {
      await send(slot.producer);
    } catch (error) {
      const lost = producerIdLostError(error);
      if (!lost) throw error;
      // What the failed request appended stays appended, on this partition or, in a request for
      // several, on the others (kafkajs reports one partition's error and drops the rest's
      // results). A caller that sends the same records again may write them twice under the new
      // id, which the broker cannot drop: on mentions.raw the enricher flags a re-sent id as a
      // duplicate of itself (within its recent-id memory); elsewhere readers must be idempotent.
      const replaced = await replace(slot, lost).then(
        () => true,
        () => false,
      );
      throw new ProducerResetError(lost, replaced);
    } finally {
      slot.inFlight -= 1;
      closeWhenIdle(slot);
    }
  };

  const sendEncoded = async (topic: string, messages: ReadonlyArray<EncodedMessage>): Promise<void> => {
    if (messages.length === 0) return;
    await guarded((producer) => producer.send(topic, [...messages]));
  };
  return {
    sendEncoded,
    send: (topic, records) =>
      sendEncoded(
        topic.name,
        records.map((r) => encodeRecord(topic, r)),
      ),
    sendBatch: (topicMessages) =>
      guarded((producer) => producer.sendBatch(topicMessages.map((t) => ({ topic: t.topic, messages: [...t.messages] })))),
    onConnection(listener) {
      listeners.push(listener);
    },
    get replacements() {
      return replacements;
    },
    async disconnect() {
      closing = true;
      if (replacing) await replacing.catch(() => undefined);
      await current.producer.disconnect();
    },
  };
}
