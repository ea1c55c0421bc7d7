// A producer with a transactional id: what it sends in a transaction, and the consumer offsets it
// sends with it, become visible to read_committed readers together or not at all. Starting one
// fences any earlier producer with the same id (its transactions can no longer commit).
import type { EncodedMessage } from '../typed-producer.ts';

export interface TopicMessages {
  topic: string;
  messages: EncodedMessage[];
}

export interface PortTransaction {
  send(topicMessages: TopicMessages[]): Promise<void>;
  /** Commits the group's offsets (the next offsets to read) with the transaction. */
  sendOffsets(request: { groupId: string; offsets: Array<{ topic: string; partition: number; offset: string }> }): Promise<void>;
  commit(): Promise<void>;
  abort(): Promise<void>;
}

export interface TransactionalProducerOptions {
  transactionalId: string;
  /** @default 60_000 ms */
  transactionTimeoutMs?: number;
  /** How the client retries a request the broker refused for now (e.g. a transaction still being completed). @default the client's */
  retry?: { initialMs: number; retries: number; maxMs: number };
}

export interface TransactionalProducer {
  /** Connects and fences earlier producers of the same transactional id. */
  connect(): Promise<void>;
  transaction(): Promise<PortTransaction>;
  disconnect(): Promise<void>;
}
