// Reads one partition from `from` up to (not including) `to`, committed records only, without a
// consumer group of its own: how a stateful stage replays the input between its last state
// snapshot and the offset its group committed, to rebuild exactly the state that offset implies.
import { randomBytes } from 'node:crypto';

import type { ConsumedRecord } from './consumer-runner.ts';
import { type ControlRecord, inOffsetOrder } from './control-record.ts';
import { decodeBatch } from './decode-batch.ts';
import type { TopicDefinition } from './topic.ts';
import type { KafkaClient } from './port/kafka-client.ts';
import { kafkajsOf } from './adapters/kafkajs/port-client.ts';

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
  const kafka = kafkajsOf(client);
  const consumer = kafka.consumer({ groupId: `read-range-${randomBytes(6).toString('hex')}`, readUncommitted: false, allowAutoTopicCreation: false });
  await consumer.connect();
  try {
    await consumer.subscribe({ topic: topic.name, fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`replaying ${topic.name}[${partition}] ${range.from}..${range.to} took longer than ${timeoutMs} ms`)), timeoutMs);
      const finish = () => {
        clearTimeout(timer);
        resolve();
      };
      let done = false;
      let next = from;
      // Done at the first offset at or past `to`, or at the partition's end. The batch-end event
      // also fires for batches holding only commit markers, which no record handler sees.
      consumer.on(consumer.events.END_BATCH_PROCESS, ({ payload }) => {
        if (done || payload.partition !== partition || payload.topic !== topic.name) return;
        if (BigInt(payload.lastOffset) + 1n >= to || (BigInt(payload.highWatermark) <= to && payload.offsetLag === '0')) {
          done = true;
          finish();
        }
      });
      consumer
        .run({
          autoCommit: false,
          eachBatch: async ({ batch }) => {
            if (done || batch.partition !== partition) return;
            // Fetches from before the seek took effect may overlap later ones: each offset once.
            const inRange = batch.messages.filter((m) => BigInt(m.offset) >= next && BigInt(m.offset) < to);
            const last = inRange.at(-1);
            if (last) next = BigInt(last.offset) + 1n;
            const { records, undecodable, controls } = decodeBatch(topic, { ...batch, messages: inRange });
            for (const item of inOffsetOrder(records, controls)) {
              const pending = 'record' in item ? onRecord(item.record) : options.onControl?.(item.control);
              if (pending) await pending;
            }
            result.read += records.length;
            result.undecodable += undecodable.length;
          },
        })
        .then(() => {
          consumer.seek({ topic: topic.name, partition, offset: range.from });
        })
        .catch(reject);
    });
  } finally {
    await consumer.disconnect();
  }
  return result;
}
