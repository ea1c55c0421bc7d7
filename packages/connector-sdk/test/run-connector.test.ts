import { testLogger } from '@sl/testkit';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  checkpointContract,
  createMemoryCheckpointStore,
  createMemoryMentionSink,
  createPushQueue,
  defineConnector,
  malformed,
  renderProgressBar,
  runConnector,
  validateItems,
} from '../src/index.ts';

const mention = (id: string, extra: object = {}) => ({ source: 'test', id, text: `text ${id}`, publishedAt: '2025-11-24T10:00:00Z', author: { handle: 'a' }, ...extra });

// A connector over a fixed list, three items a batch, the checkpoint being the next index.
const listConnector = (items: unknown[]) =>
  defineConnector({
    name: 'list',
    description: 'test',
    configSchema: z.object({ size: z.number().int().positive().default(3) }),
    checkpointSchema: z.object({ next: z.number().int() }),
    async *read(ctx) {
      for (let next = ctx.checkpoint?.next ?? 0; next < items.length; next += ctx.config.size) {
        yield { items: items.slice(next, next + ctx.config.size), checkpoint: { next: next + ctx.config.size } };
      }
    },
  });

describe('runConnector', () => {
  it('delivers each batch before saving its checkpoint, dead-letters bad items and goes on', async () => {
    const order: string[] = [];
    const sink = createMemoryMentionSink();
    const store = createMemoryCheckpointStore();
    const summary = await runConnector({
      connector: listConnector([mention('1'), mention('2', { publishedAt: 'later' }), malformed('not JSON', 'xx{'), mention('3'), mention('3')]),
      instance: 'list-1',
      config: {},
      checkpoints: {
        load: store.load,
        save: async (c) => {
          order.push('save');
          await store.save(c);
        },
      },
      sink: {
        deliver: async (d) => {
          order.push('deliver');
          await sink.deliver(d);
        },
      },
      logger: testLogger(),
    });
    expect(summary).toMatchObject({ outcome: 'completed', batches: 2, accepted: 2, rejected: 2, checkpoint: { next: 6 } });
    expect(order).toEqual(['deliver', 'save', 'deliver', 'save']);
    expect(sink.mentions.map((m) => m.id)).toEqual(['test:1', 'test:3']);
    expect(sink.rejected.map((r) => [r.key, r.reason])).toEqual([
      ['test:2', expect.stringMatching(/^publishedAt: expected an ISO 8601 date-time/)],
      [null, 'not JSON'],
    ]);
    expect(store.history.map((h) => h.position)).toEqual([{ next: 3 }, { next: 6 }]);
  });

  it('saves no checkpoint when delivery fails (the batch is read again next run)', async () => {
    const store = createMemoryCheckpointStore();
    const failing = { deliver: async () => Promise.reject(Object.assign(new Error('broker down'), { retriable: true })) };
    await expect(runConnector({ connector: listConnector([mention('1')]), instance: 'x', config: {}, checkpoints: store, sink: failing, logger: testLogger() })).rejects.toThrow('broker down');
    expect(store.history).toHaveLength(0);
  });

  it('rejects a stored checkpoint that does not fit the connector', async () => {
    const store = createMemoryCheckpointStore([{ connector: 'x', kind: 'list', position: { next: 'three' }, savedAt: 0 }]);
    await expect(
      runConnector({ connector: listConnector([]), instance: 'x', config: {}, checkpoints: store, sink: createMemoryMentionSink(), logger: testLogger() }),
    ).rejects.toMatchObject({ code: 'INVALID_CHECKPOINT' });
  });
});

describe('validateItems', () => {
  it('sends a repeated id once per batch', () => {
    const result = validateItems([mention('1'), mention('1')], 0);
    expect([result.accepted.length, result.duplicates]).toEqual([1, 1]);
  });
});

describe('checkpointContract', () => {
  it('round-trips JSON and refuses what it did not write', () => {
    const checkpoint = { connector: 'blog', kind: 'rss', position: { feeds: { a: { publishedMs: 1, id: 'x' } } }, savedAt: 5 };
    const bytes = checkpointContract.encode(checkpoint);
    expect(JSON.parse(bytes.toString())).toEqual({ v: 1, ...checkpoint });
    expect(checkpointContract.decode(bytes)).toEqual(checkpoint);
    expect(() => checkpointContract.decode(Buffer.from('{"v":2}'))).toThrow(/version 2/);
    expect(() => checkpointContract.decode(Buffer.from('nope'))).toThrow(/not JSON/);
  });
});

describe('createPushQueue', () => {
  it('yields what was pushed as batches, then ends', async () => {
    const queue = createPushQueue<number>({ maxBatch: 2 });
    queue.push(1);
    queue.push(2);
    queue.push(3);
    queue.end();
    const batches: number[][] = [];
    for await (const batch of queue) batches.push(batch);
    expect(batches).toEqual([[1, 2], [3]]);
  });

  it('wakes a waiting reader and surfaces a failure', async () => {
    const queue = createPushQueue<string>();
    const reading = (async () => {
      const seen: string[][] = [];
      for await (const batch of queue) seen.push(batch);
      return seen;
    })();
    queue.push('a');
    await new Promise((resolve) => setImmediate(resolve));
    queue.fail(new Error('socket closed'));
    await expect(reading).rejects.toThrow('socket closed');
  });
});

describe('renderProgressBar', () => {
  it('draws the share done', () => {
    expect(renderProgressBar({ done: 50, total: 200, unit: 'bytes' }, 8)).toBe('[##------]  25% 50/200 bytes');
    expect(renderProgressBar({ done: 7 })).toBe('7 items');
  });
});
