// kafkajs has no producer linger: one awaited send per record caps a producer at a few thousand
// records a second. This collects what callers hand it, sends it as one request per batch, and
// settles each caller's promise only when the broker has acknowledged every one of its records.
import type { EncodedMessage } from './typed-producer.ts';

export interface BatchingSenderOptions {
  /** Sends one batch; rejects when the broker did not take it. */
  sendBatch: (topicMessages: Array<{ topic: string; messages: EncodedMessage[] }>) => Promise<void>;
  /** Wait this long for more records before sending a part-filled batch. @default 2 ms */
  lingerMs?: number;
  /** @default 5_000 records */
  maxBatchRecords?: number;
  /** @default 4 MiB (keyed on value bytes; the broker's limit is per request) */
  maxBatchBytes?: number;
}

interface Ticket {
  remaining: number;
  settled: boolean;
  resolve: () => void;
  reject: (error: unknown) => void;
}

interface Pending {
  topic: string;
  message: EncodedMessage;
  ticket: Ticket;
}

export interface BatchingSender {
  send(topic: string, messages: ReadonlyArray<EncodedMessage>): Promise<void>;
  /** Sends everything queued and waits for it. */
  flush(): Promise<void>;
  readonly queued: number;
}

export function createBatchingSender(options: BatchingSenderOptions): BatchingSender {
  const lingerMs = options.lingerMs ?? 2;
  const maxRecords = options.maxBatchRecords ?? 5_000;
  const maxBytes = options.maxBatchBytes ?? 4 * 1024 * 1024;
  let queue: Pending[] = [];
  let timer: NodeJS.Timeout | undefined;
  let inFlight: Promise<void> | undefined;

  const takeBatch = (): Pending[] => {
    let bytes = 0;
    let count = 0;
    while (count < queue.length && count < maxRecords) {
      const size = queue[count]?.message.value.length ?? 0;
      if (count > 0 && bytes + size > maxBytes) break;
      bytes += size;
      count += 1;
    }
    const batch = queue.slice(0, count);
    queue = queue.slice(count);
    return batch;
  };

  const sendOne = async (batch: Pending[]): Promise<void> => {
    const byTopic = new Map<string, EncodedMessage[]>();
    for (const item of batch) {
      const list = byTopic.get(item.topic) ?? [];
      list.push(item.message);
      byTopic.set(item.topic, list);
    }
    try {
      await options.sendBatch([...byTopic].map(([topic, messages]) => ({ topic, messages })));
      for (const { ticket } of batch) {
        ticket.remaining -= 1;
        if (ticket.remaining === 0 && !ticket.settled) {
          ticket.settled = true;
          ticket.resolve();
        }
      }
    } catch (error) {
      for (const { ticket } of batch) {
        if (!ticket.settled) {
          ticket.settled = true;
          ticket.reject(error);
        }
      }
    }
  };

  // One batch in flight at a time: what arrives meanwhile becomes the next batch, so load
  // itself sets the batch size and the linger only matters when traffic is light.
  const drain = (): Promise<void> => {
    if (!inFlight && queue.length === 0) return Promise.resolve();
    inFlight ??= (async () => {
      while (queue.length > 0) await sendOne(takeBatch());
      inFlight = undefined;
    })();
    return inFlight;
  };

  const schedule = (): void => {
    if (inFlight) return;
    // A full batch goes now, even when a linger timer is already waiting for a part-filled one.
    if (queue.length >= maxRecords || lingerMs === 0) {
      clearTimeout(timer);
      timer = undefined;
      void drain();
      return;
    }
    if (timer) return;
    timer = setTimeout(() => {
      timer = undefined;
      void drain();
    }, lingerMs);
  };

  return {
    get queued() {
      return queue.length;
    },
    send(topic, messages) {
      if (messages.length === 0) return Promise.resolve();
      return new Promise<void>((resolve, reject) => {
        const ticket: Ticket = { remaining: messages.length, settled: false, resolve, reject };
        for (const message of messages) queue.push({ topic, message, ticket });
        schedule();
      });
    },
    async flush() {
      if (timer) {
        clearTimeout(timer);
        timer = undefined;
      }
      while (queue.length > 0 || inFlight) await drain();
    },
  };
}
