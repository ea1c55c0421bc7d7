// kafkajs 2.2.4 retries CONCURRENT_TRANSACTIONS for the requests that add partitions to a
// transaction, but not for AddOffsetsToTxn: a transaction that writes nothing (a batch of watermark
// ticks that releases nothing, records that all fail) asks to add its offsets straight after the
// previous commit, while the broker is still writing that commit's markers, and the broker
// answers CONCURRENT_TRANSACTIONS for a few milliseconds. kafkajs then throws, and a stage that
// aborts on a throw drops its partition's state and rebuilds it from a snapshot: in bench:alerts
// the amplification worker did that every few seconds, which was its per-mention alerts' p99
// (9.5 s). The broker changed nothing, so the same call is simply made again.
import { setTimeout as sleep } from 'node:timers/promises';
import type { Transaction } from 'kafkajs';
import { protocolErrorOfType } from './error-flags.ts';

const CONCURRENT: ReadonlySet<string> = new Set(['CONCURRENT_TRANSACTIONS']);
/** Waits between tries, ms: the markers take milliseconds, a loaded broker longer. */
const DELAYS_MS = [5, 10, 20, 40, 80, 160, 320, 640, 1_000, 1_000];

export async function sendOffsetsRetrying(txn: Transaction, request: Parameters<Transaction['sendOffsets']>[0]): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await txn.sendOffsets(request);
      return;
    } catch (error) {
      const delay = DELAYS_MS[attempt];
      if (delay === undefined || !protocolErrorOfType(error, CONCURRENT)) throw error;
      await sleep(delay);
    }
  }
}
