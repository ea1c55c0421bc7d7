import { describe, expect, it } from 'vitest';
import { createBatchingSender } from '../src/batching-sender.ts';
import type { EncodedMessage } from '../src/typed-producer.ts';

type TopicMessages = Array<{ topic: string; messages: EncodedMessage[] }>;

/** A sendBatch whose calls stay pending until the test settles them, one by one. */
function controlledBroker() {
  const calls: Array<{ batch: TopicMessages; resolve: () => void; reject: (e: unknown) => void }> = [];
  const waiters: Array<() => void> = [];
  return {
    calls,
    sendBatch: (batch: TopicMessages) =>
      new Promise<void>((resolve, reject) => {
        calls.push({ batch, resolve, reject });
        for (const w of waiters.splice(0)) w();
      }),
    /** Resolves once at least n calls were made. */
    async callCount(n: number): Promise<void> {
      while (calls.length < n) await new Promise<void>((r) => waiters.push(r));
    },
  };
}

const msg = (key: string, bytes = 1): EncodedMessage => ({ key, value: Buffer.alloc(bytes, key.charCodeAt(0)) });
const keysOf = (batch: TopicMessages) => batch.map(({ topic, messages }) => `${topic}:${messages.map((m) => m.key).join(',')}`);
/** Settles after every pending microtask and timer of length 0. */
const tick = () => new Promise((r) => setImmediate(r));

function track(promise: Promise<void>) {
  const state: { settled: 'pending' | 'resolved' | 'rejected'; error?: unknown } = { settled: 'pending' };
  promise.then(
    () => {
      state.settled = 'resolved';
    },
    (error: unknown) => {
      state.settled = 'rejected';
      state.error = error;
    },
  );
  return state;
}

describe('createBatchingSender', () => {
  it('waits lingerMs, then sends what arrived as one request grouped by topic', async () => {
    const broker = controlledBroker();
    const sender = createBatchingSender({ sendBatch: broker.sendBatch, lingerMs: 20 });
    const a = track(sender.send('t1', [msg('a'), msg('b')]));
    const b = track(sender.send('t2', [msg('c')]));
    const c = track(sender.send('t1', [msg('d')]));
    expect(sender.queued).toBe(4);
    await tick();
    expect(broker.calls).toHaveLength(0);
    await broker.callCount(1);
    expect(keysOf(broker.calls[0]?.batch ?? [])).toEqual(['t1:a,b,d', 't2:c']);
    expect(sender.queued).toBe(0);
    await tick();
    expect([a.settled, b.settled, c.settled]).toEqual(['pending', 'pending', 'pending']);
    broker.calls[0]?.resolve();
    await tick();
    expect([a.settled, b.settled, c.settled]).toEqual(['resolved', 'resolved', 'resolved']);
  });

  it('resolves an empty send at once without calling the broker', async () => {
    const broker = controlledBroker();
    const sender = createBatchingSender({ sendBatch: broker.sendBatch, lingerMs: 0 });
    await sender.send('t', []);
    await sender.flush();
    expect(broker.calls).toHaveLength(0);
  });

  it('cuts batches at maxBatchRecords and resolves a caller only when all its records were sent', async () => {
    const broker = controlledBroker();
    const sender = createBatchingSender({ sendBatch: broker.sendBatch, lingerMs: 0, maxBatchRecords: 2 });
    const first = track(sender.send('t', [msg('a'), msg('b'), msg('c')]));
    const second = track(sender.send('t', [msg('d')]));
    await broker.callCount(1);
    expect(keysOf(broker.calls[0]?.batch ?? [])).toEqual(['t:a,b']);
    broker.calls[0]?.resolve();
    await broker.callCount(2);
    expect(keysOf(broker.calls[1]?.batch ?? [])).toEqual(['t:c,d']);
    expect(first.settled).toBe('pending');
    broker.calls[1]?.resolve();
    await tick();
    expect([first.settled, second.settled]).toEqual(['resolved', 'resolved']);
    expect(broker.calls).toHaveLength(2);
  });

  it('cuts batches at maxBatchBytes of values, always taking at least one record', async () => {
    const sent: string[][] = [];
    const sender = createBatchingSender({
      sendBatch: async (batch) => {
        sent.push(batch.flatMap((t) => t.messages.map((m) => `${m.key}/${m.value.length}`)));
      },
      lingerMs: 0,
      maxBatchBytes: 10,
    });
    await Promise.all([sender.send('t', [msg('a', 4), msg('b', 6), msg('c', 1), msg('d', 25), msg('e', 3)])]);
    expect(sent).toEqual([['a/4', 'b/6'], ['c/1'], ['d/25'], ['e/3']]);
  });

  it('keeps one batch in flight; what arrives meanwhile goes, all together, in the next batch', async () => {
    const broker = controlledBroker();
    const sender = createBatchingSender({ sendBatch: broker.sendBatch, lingerMs: 0 });
    const a = track(sender.send('t', [msg('a')]));
    await broker.callCount(1);
    const b = track(sender.send('t', [msg('b')]));
    const c = track(sender.send('t', [msg('c')]));
    await tick();
    expect(broker.calls).toHaveLength(1);
    expect(sender.queued).toBe(2);
    broker.calls[0]?.resolve();
    await broker.callCount(2);
    expect(keysOf(broker.calls[1]?.batch ?? [])).toEqual(['t:b,c']);
    expect([a.settled, b.settled, c.settled]).toEqual(['resolved', 'pending', 'pending']);
    broker.calls[1]?.resolve();
    await tick();
    expect([b.settled, c.settled]).toEqual(['resolved', 'resolved']);
    expect(broker.calls).toHaveLength(2);
  });

  it('rejects exactly the callers in a failed batch, and later sends still work', async () => {
    const broker = controlledBroker();
    const sender = createBatchingSender({ sendBatch: broker.sendBatch, lingerMs: 5, maxBatchRecords: 2 });
    const a = track(sender.send('t', [msg('a')]));
    const split = track(sender.send('t', [msg('b'), msg('c')]));
    const d = track(sender.send('t', [msg('d')]));
    await broker.callCount(1);
    expect(keysOf(broker.calls[0]?.batch ?? [])).toEqual(['t:a,b']);
    broker.calls[0]?.resolve();
    await broker.callCount(2);
    expect(keysOf(broker.calls[1]?.batch ?? [])).toEqual(['t:c,d']);
    const failure = new Error('not enough replicas');
    broker.calls[1]?.reject(failure);
    await tick();
    expect(a).toEqual({ settled: 'resolved' });
    expect(split).toEqual({ settled: 'rejected', error: failure });
    expect(d).toEqual({ settled: 'rejected', error: failure });

    const e = track(sender.send('t', [msg('e')]));
    await broker.callCount(3);
    expect(keysOf(broker.calls[2]?.batch ?? [])).toEqual(['t:e']);
    broker.calls[2]?.resolve();
    await tick();
    expect(e).toEqual({ settled: 'resolved' });
  });

  it('rejects a caller whose first part failed even when its later part succeeds', async () => {
    const broker = controlledBroker();
    const sender = createBatchingSender({ sendBatch: broker.sendBatch, lingerMs: 0, maxBatchRecords: 1 });
    const both = track(sender.send('t', [msg('a'), msg('b')]));
    await broker.callCount(1);
    const failure = new Error('boom');
    broker.calls[0]?.reject(failure);
    await broker.callCount(2);
    broker.calls[1]?.resolve();
    await tick();
    expect(both).toEqual({ settled: 'rejected', error: failure });
  });

  it('sends a full batch at once instead of waiting out the linger', async () => {
    const broker = controlledBroker();
    const sender = createBatchingSender({ sendBatch: broker.sendBatch, lingerMs: 60_000, maxBatchRecords: 2 });
    const a = track(sender.send('t', [msg('a')]));
    await tick();
    expect(broker.calls).toHaveLength(0);
    const b = track(sender.send('t', [msg('b')]));
    await broker.callCount(1);
    expect(keysOf(broker.calls[0]?.batch ?? [])).toEqual(['t:a,b']);
    broker.calls[0]?.resolve();
    await tick();
    expect([a.settled, b.settled]).toEqual(['resolved', 'resolved']);
    expect(broker.calls).toHaveLength(1);
  });

  it('flush() sends what is lingering at once and waits for everything in flight', async () => {
    const broker = controlledBroker();
    const sender = createBatchingSender({ sendBatch: broker.sendBatch, lingerMs: 60_000, maxBatchRecords: 2 });
    const a = track(sender.send('t', [msg('a'), msg('b'), msg('c')]));
    const flushed = track(sender.flush());
    await broker.callCount(1);
    expect(keysOf(broker.calls[0]?.batch ?? [])).toEqual(['t:a,b']);
    broker.calls[0]?.resolve();
    await broker.callCount(2);
    expect(keysOf(broker.calls[1]?.batch ?? [])).toEqual(['t:c']);
    await tick();
    expect(flushed.settled).toBe('pending');
    broker.calls[1]?.resolve();
    await tick();
    expect([a.settled, flushed.settled]).toEqual(['resolved', 'resolved']);
    expect(sender.queued).toBe(0);
    // The cleared linger timer does not fire a second, empty send later.
    await new Promise((r) => setTimeout(r, 5));
    expect(broker.calls).toHaveLength(2);
  });

  it('flush() resolves even when a batch fails (the failure goes to its callers)', async () => {
    const sender = createBatchingSender({
      sendBatch: async () => {
        throw new Error('down');
      },
      lingerMs: 60_000,
    });
    const a = sender.send('t', [msg('a')]);
    await sender.flush();
    await expect(a).rejects.toThrow('down');
  });
});
