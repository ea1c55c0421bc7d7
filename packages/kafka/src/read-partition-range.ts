// Reads one partition from `from` up to (not including) `to`, committed records only, without a
// consumer group of its own: how a stateful stage replays the input between its last state
// snapshot and the offset its group committed, to rebuild exactly the state that offset implies.
import { randomBytes } from 'node:crypto';

import type { ConsumedRecord } from './consumer-runner.ts';
import { type ControlRecord, inOffsetOrder } from './control-record.ts';
import { decodeBatch } from './decode-batch.ts';
import type { KafkaClient } from './port/kafka-client.ts';
import type { TopicDefinition } from './topic.ts';

export interface ReadRangeOptions {
  /** @default 120_000 ms */
  timeoutMs?: number;
  /** Called for control records (watermark ticks) in their place between the records; a promise is awaited. */
  onControl?: (control: ControlRecord) => void | Promise<void>;
}

export interface ReadRangeResult {
  /** Records handed to onRecord. */
  read: number;
  /** Messages in the range that could not be decoded (the live stage dead-lettered them). */
  undecodable: number;
}

export async function readPartitionRange<T>(
  client: KafkaClient,
  topic: TopicDefinition<T>,
  partition: number,
  range: { from: string; to: string },
  /** A promise it returns is awaited before the next record: a long replay can let the event loop turn. */
  onRecord: (record: ConsumedRecord<T>) => void | Promise<void>,
  options: ReadRangeOptions = {},
): Promise<ReadRangeResult> {
  const from = BigInt(range.from);
  const to = BigInt(range.to);
  const result: ReadRangeResult = { read: 0, undecodable: 0 };
  if (from >= to) return result;
  const timeoutMs = options.timeoutMs ?? 120_000;
  // A throwaway group that never commits; its only member is this reader.
  const consumer = client.consumer({ groupId: `read-range-${randomBytes(6).toString('hex')}` });
  await consumer.connect();
  try {
    await consumer.subscribe(topic.name, { fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`replaying ${topic.name}[${partition}] ${range.from}..${range.to} took longer than ${timeoutMs} ms`)),
        timeoutMs,
      );
      const finish = () => {
        clearTimeout(timer);
        resolve();
      };
      let done = false;
      let next = from;
      // Done at the first offset at or past `to`, or at the partition's end. The batch end is also
      // told for fetches holding only commit markers, which no record handler sees.
      consumer.onBatchEnd((end) => {
        if (done || end.partition !== partition || end.topic !== topic.name) return;
        const past = BigInt(end.lastOffset) + 1n;
        if (past >= to || (BigInt(end.highWatermark) <= to && past >= BigInt(end.highWatermark))) {
          done = true;
          finish();
        }
      });
      consumer
        .run(async (batch) => {
          if (done || batch.partition !== partition) return;
          // Fetches from before the seek took effect may overlap later ones: each offset once.
          const inRange = batch.records.filter((m) => BigInt(m.offset) >= next && BigInt(m.offset) < to);
          const last = inRange.at(-1);
          if (last) next = BigInt(last.offset) + 1n;
          const { records, undecodable, controls } = decodeBatch(topic, {
            topic: batch.topic,
            partition: batch.partition,
            messages: inRange,
          });
          for (const item of inOffsetOrder(records, controls)) {
            const pending = 'record' in item ? onRecord(item.record) : options.onControl?.(item.control);
            if (pending) await pending;
          }
          result.read += records.length;
          result.undecodable += undecodable.length;
        })
        .then(() => {
          consumer.seek(topic.name, partition, range.from);
        })
        .catch(reject);
    });
  } finally {
    await consumer.disconnect();
  }
  return result;
}
