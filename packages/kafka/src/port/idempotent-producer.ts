// A producer with an id the broker uses to drop a retried duplicate, one request in flight so
// order holds; outside transactions. Sends wait for every replica (acks=all). Its errors are read
// with the flags readers (errors/error-flags.ts): `producerIdLostError` says the id is gone for
// good and only a new producer can send (typed-producer.ts replaces it).
import type { EncodedMessage } from '../typed-producer.ts';

export interface IdempotentProducer {
  connect(): Promise<void>;
  send(topic: string, messages: EncodedMessage[]): Promise<void>;
  /** One request for several topics' records. */
  sendBatch(topicMessages: Array<{ topic: string; messages: EncodedMessage[] }>): Promise<void>;
  /** Called with true when the producer connects, false when it is disconnected. */
  onConnection(listener: (connected: boolean) => void): void;
  disconnect(): Promise<void>;
}
