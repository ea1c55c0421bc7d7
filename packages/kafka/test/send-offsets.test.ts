// AddOffsetsToTxn answered CONCURRENT_TRANSACTIONS (the previous commit's markers still being
// written) is asked again, in the same transaction; anything else is the stage's to handle.
import type { Transaction } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { kafkajs } from '../src/adapters/kafkajs/kafkajs-runtime.ts';
import { sendOffsetsRetrying } from '../src/adapters/kafkajs/send-offsets.ts';

const { KafkaJSProtocolError } = kafkajs;
const refusal = (type: string, code: number) => new KafkaJSProtocolError(Object.assign(new Error(`refused: ${type}`), { type, code, retriable: true }));
const request = { consumerGroupId: 'g', topics: [{ topic: 't', partitions: [{ partition: 0, offset: '5' }] }] };

/** A transaction whose sendOffsets fails with the given errors, then succeeds. */
function transaction(failures: Error[]): { txn: Transaction; calls: () => number } {
  let calls = 0;
  const txn = {
    sendOffsets: async () => {
      const failure = failures[calls++];
      if (failure) throw failure;
    },
  } as unknown as Transaction;
  return { txn, calls: () => calls };
}

describe('sendOffsetsRetrying', () => {
  it('asks again while the broker answers CONCURRENT_TRANSACTIONS, then goes on', async () => {
    const { txn, calls } = transaction([refusal('CONCURRENT_TRANSACTIONS', 51), refusal('CONCURRENT_TRANSACTIONS', 51)]);
    await sendOffsetsRetrying(txn, request);
    expect(calls()).toBe(3);
  });

  it('throws any other error at once', async () => {
    const fenced = refusal('INVALID_PRODUCER_EPOCH', 47);
    const { txn, calls } = transaction([fenced]);
    await expect(sendOffsetsRetrying(txn, request)).rejects.toBe(fenced);
    expect(calls()).toBe(1);
  });

  it('gives up after ten more tries (about 3.3 s of waiting) and throws the last refusal', async () => {
    const refusals = Array.from({ length: 11 }, () => refusal('CONCURRENT_TRANSACTIONS', 51));
    const { txn, calls } = transaction(refusals);
    await expect(sendOffsetsRetrying(txn, request)).rejects.toBe(refusals[10]);
    expect(calls()).toBe(11);
  });
});
