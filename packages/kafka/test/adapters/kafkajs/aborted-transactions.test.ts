import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { dropAbortedRecords, type FetchedRecord } from '../../../src/adapters/kafkajs/aborted-transactions.ts';
import { readCommittedFilterFixed } from '../../../src/adapters/kafkajs/kafkajs-runtime.ts';

const ABORT = Buffer.from([0, 0, 0, 0]);
const COMMIT = Buffer.from([0, 0, 0, 1]);
const record = (offset: number, producerId: string, inTransaction = true): FetchedRecord => ({
  offset: String(offset),
  key: Buffer.from(`k${offset}`),
  batchContext: { producerId, inTransaction },
});
const marker = (offset: number, producerId: string, key: Buffer): FetchedRecord => ({
  offset: String(offset),
  key,
  isControlRecord: true,
  batchContext: { producerId, inTransaction: true },
});
const dataOffsets = (records: FetchedRecord[]) => records.filter((r) => !r.isControlRecord).map((r) => Number(r.offset));

// Producer 7's transaction starts first and is aborted last; producer 9's in between; producer 11 commits.
const overlapping = [
  record(0, '7'),
  record(1, '7'),
  record(2, '9'),
  record(3, '7'),
  record(4, '9'),
  marker(5, '9', ABORT),
  marker(6, '7', ABORT),
  record(7, '11'),
  record(8, '11'),
  marker(9, '11', COMMIT),
];
// As the broker sends it: in the order the transactions ended.
const endedOrder = [
  { producerId: '9', firstOffset: '2' },
  { producerId: '7', firstOffset: '0' },
];

describe('dropAbortedRecords', () => {
  it('drops aborted transactions listed in the order they ended, not started', () => {
    expect(dataOffsets(dropAbortedRecords({ messages: overlapping, abortedTransactions: endedOrder }))).toEqual([7, 8]);
  });

  it('drops every aborted transaction already open where the fetch starts', () => {
    const fromThree = overlapping.slice(3);
    expect(dataOffsets(dropAbortedRecords({ messages: fromThree, abortedTransactions: [...endedOrder].reverse() }))).toEqual([7, 8]);
  });

  it('keeps a later committed transaction of the same producer, and records outside transactions', () => {
    const messages = [record(0, '7'), marker(1, '7', ABORT), record(2, '7'), record(3, '5', false), marker(4, '7', COMMIT)];
    expect(dataOffsets(dropAbortedRecords({ messages, abortedTransactions: [{ producerId: '7', firstOffset: '0' }] }))).toEqual([2, 3]);
  });

  it('keeps everything when nothing was aborted', () => {
    expect(dropAbortedRecords({ messages: overlapping, abortedTransactions: [] })).toBe(overlapping);
    expect(dropAbortedRecords({ messages: overlapping, abortedTransactions: null })).toBe(overlapping);
  });
});

describe('kafkajs as @sl/kafka loads it', () => {
  it('builds batches with this filter, so consumers never see an aborted record', () => {
    expect(readCommittedFilterFixed()).toBe(true);
    const require = createRequire(import.meta.url);
    const Batch = require('kafkajs/src/consumer/batch.js') as new (
      topic: string,
      fetchedOffset: string,
      data: { partition: number; highWatermark: string; abortedTransactions: typeof endedOrder; messages: FetchedRecord[] },
    ) => { messages: FetchedRecord[] };
    const batch = new Batch('mentions.enriched', '0', {
      partition: 0,
      highWatermark: '10',
      abortedTransactions: endedOrder,
      messages: overlapping,
    });
    expect(batch.messages.map((m) => Number(m.offset))).toEqual([7, 8]);
  });
});
