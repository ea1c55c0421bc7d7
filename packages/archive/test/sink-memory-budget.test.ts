import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createLocalObjectStore } from '@sl/object-store';
import { createMetricsRegistry } from '@sl/observability';
import { testLogger } from '@sl/testkit';
import { expect, it } from 'vitest';
import { createPartitionedSink, type SinkLayout } from '../src/index.ts';

// One memory budget over all of a sink's partitions: when the buffers together reach it, the
// largest is flushed (and committed) at once, though no partition reached its own limits.
it('flushes the largest buffer when all partitions together reach maxTotalBytes', async () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'sl-sink-budget-'));
  const store = createLocalObjectStore({ root });
  const registry = createMetricsRegistry('test');
  const layout: SinkLayout<string> = {
    sizeOf: () => 10,
    *files(records, range) {
      yield {
        key: `out/${range.partition}-${range.firstOffset}-${range.lastOffset}.txt`,
        body: Buffer.from(records.map((r) => r.value).join('\n')),
        rows: records.length,
      };
    },
  };
  const commits: Array<[number, string]> = [];
  const sink = createPartitionedSink({
    name: 'budget',
    topic: 'budget',
    store,
    layout,
    commit: async (partition, next) => {
      commits.push([partition, next]);
    },
    logger: testLogger(),
    intentPrefix: '_state/budget',
    registry,
    policy: { maxRecords: 1_000, maxBytes: 1_000, maxTotalBytes: 100, maxAgeMs: 3_600_000 },
  });
  const records = (partition: number, from: number, count: number) =>
    Array.from({ length: count }, (_, i) => ({
      topic: 'budget',
      partition,
      offset: String(from + i),
      key: null,
      value: `p${partition}-${from + i}`,
      headers: {},
      timestamp: 0,
    }));
  try {
    // 40 + 50 bytes: under the budget, nothing written.
    await sink.handleBatch({ topic: 'budget', partition: 0, records: records(0, 0, 4), nextOffset: '4' });
    await sink.handleBatch({ topic: 'budget', partition: 1, records: records(1, 0, 5), nextOffset: '5' });
    expect(commits).toEqual([]);
    expect(sink.buffered).toBe(9);
    // 40 + 50 + 20 = 110 bytes: partition 1 (the largest) is flushed, 60 bytes stay.
    await sink.handleBatch({ topic: 'budget', partition: 2, records: records(2, 0, 2), nextOffset: '2' });
    expect(commits).toEqual([[1, '5']]);
    expect(sink.buffered).toBe(6);
    const written: string[] = [];
    for await (const object of store.list('out/')) written.push(object.key);
    expect(written).toEqual(['out/1-0-4.txt']);
    expect(await registry.metrics()).toContain('sl_sink_budget_flushes_total{sink="budget",service="test"} 1');
  } finally {
    await store.close();
    fs.rmSync(root, { recursive: true, force: true });
  }
});
