// Turns a push source (a WebSocket, a webhook handler) into the async iterable a connector's
// read() yields from: events are pushed as they arrive and taken as batches of what is waiting.
// The queue is bounded: push() returns false when full, so the source can pause (backpressure).

export interface PushQueue<T> extends AsyncIterable<T[]> {
  /** Adds an event; false when the queue holds `capacity` events (the event is still kept). */
  push(event: T): boolean;
  /** No more events: the iteration ends once what is queued is taken. */
  end(): void;
  /** The source failed: the iteration throws `error` after what is queued is taken. */
  fail(error: unknown): void;
  readonly size: number;
}

export function createPushQueue<T>(options: { capacity?: number; maxBatch?: number } = {}): PushQueue<T> {
  const capacity = options.capacity ?? 10_000;
  const maxBatch = options.maxBatch ?? 500;
  const queued: T[] = [];
  let ended = false;
  let failure: { error: unknown } | undefined;
  let wake: (() => void) | undefined;
  const notify = () => {
    wake?.();
    wake = undefined;
  };
  return {
    get size() {
      return queued.length;
    },
    push(event) {
      queued.push(event);
      notify();
      return queued.length < capacity;
    },
    end() {
      ended = true;
      notify();
    },
    fail(error) {
      failure = { error };
      notify();
    },
    async *[Symbol.asyncIterator]() {
      while (true) {
        if (queued.length > 0) {
          yield queued.splice(0, maxBatch);
          continue;
        }
        if (failure) throw failure.error;
        if (ended) return;
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
      }
    },
  };
}
