import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createLocalObjectStore } from '@sl/object-store';
import { createMetricsRegistry } from '@sl/observability';
import { testLogger } from '@sl/testkit';
import { expect, it } from 'vitest';
import { createPartitionedSink, type SinkLayout } from '../src/index.ts';

// A service may run several sinks on one registry (the aggregation worker's scored and
// corrections sinks): the second must not throw on registering the same counters, and each
// sink's files and rows are counted under its own label.
it('shares its counters between the sinks of one registry, labelled by sink', async () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'sl-sink-metrics-'));
  const store = createLocalObjectStore({ root });
  const registry = createMetricsRegistry('test');
  const layout: SinkLayout<string> = {
    sizeOf: () => 10,
    *files(records, range) {
      yield { key: `${range.partition}-${range.firstOffset}.txt`, body: Buffer.from(records.map((r) => r.value).join('\n')), rows: records.length };
    },
  };
  const sink = (name: string) =>
    createPartitionedSink({ name, topic: name, store, layout, commit: async () => {}, logger: testLogger(), intentPrefix: `_state/${name}`, registry });
  try {
    const first = sink('first');
    const second = sink('second');
    const record = (value: string, offset: number) => ({ topic: 't', partition: 0, offset: String(offset), key: null, value, headers: {}, timestamp: 0 });
    await first.handleBatch({ topic: 'first', partition: 0, records: [record('a', 0), record('b', 1)], nextOffset: '2' });
    await second.handleBatch({ topic: 'second', partition: 0, records: [record('c', 0)], nextOffset: '1' });
    await first.flushAll();
    await second.flushAll();
    const metrics = await registry.metrics();
    expect(metrics).toContain('sl_sink_rows_written_total{sink="first",service="test"} 2');
    expect(metrics).toContain('sl_sink_rows_written_total{sink="second",service="test"} 1');
    expect(metrics).toContain('sl_sink_files_written_total{sink="second",service="test"} 1');
  } finally {
    await store.close();
    fs.rmSync(root, { recursive: true, force: true });
  }
});
