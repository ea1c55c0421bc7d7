import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ConsumedRecord } from '@sl/kafka';
import { createLocalObjectStore } from '@sl/object-store';
import { testLogger } from '@sl/testkit';
import { expect, it } from 'vitest';
import { createPartitionedSink, type SinkLayout } from '../src/index.ts';

// A client hands keys that are views into the whole fetch response; a buffered record must not
// keep that response alive until its flush (memory outside the heap and its limit).
it('buffers a copy of each key, not a view into the fetched bytes', async () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'sl-sink-keys-'));
  const store = createLocalObjectStore({ root });
  const flushed: Array<ConsumedRecord<string>> = [];
  const layout: SinkLayout<string> = {
    sizeOf: () => 10,
    *files(records, range) {
      flushed.push(...records);
      yield {
        key: `out/${range.partition}-${range.firstOffset}.txt`,
        body: Buffer.from(records.map((r) => r.value).join('\n')),
        rows: records.length,
      };
    },
  };
  const sink = createPartitionedSink({
    name: 'keys',
    topic: 'keys',
    store,
    layout,
    commit: async () => {},
    logger: testLogger(),
    intentPrefix: '_state/keys',
    policy: { maxRecords: 3, maxBytes: 1_000, maxTotalBytes: 1_000, maxAgeMs: 3_600_000 },
  });
  // One "fetch response" of 64 KiB; the keys are slices of it, as kafkajs makes them.
  const response = Buffer.alloc(64 * 1024, 0x61);
  response.write('acme', 0);
  response.write('globex', 4);
  const keys = [response.subarray(0, 4), response.subarray(4, 10), null];
  const records = keys.map((key, i) => ({
    topic: 'keys',
    partition: 0,
    offset: String(i),
    key,
    value: `v${i}`,
    headers: {},
    timestamp: 0,
  }));
  try {
    await sink.handleBatch({ topic: 'keys', partition: 0, records, nextOffset: '3' });
    expect(flushed.map((r) => r.key?.toString() ?? null)).toEqual(['acme', 'globex', null]);
    expect(flushed.map((r) => r.key?.buffer === response.buffer)).toEqual([false, false, false]);
    expect(flushed.map((r) => r.value)).toEqual(['v0', 'v1', 'v2']);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});
