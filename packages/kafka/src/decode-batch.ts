// Turns a fetched batch into records decoded with the topic's contract, setting aside the
// messages that cannot be decoded (with the reason) for the dead-letter topic. Shared by the
// stage loop and the readers so all treat bad records the same way.
import type { ConsumedRecord } from './consumer-runner.ts';
import { CONTROL_HEADER, type ControlRecord, parseControlMessage } from './control-record.ts';
import type { FailedRecord } from './dead-letter.ts';
import type { FetchedRecord } from './port/reporting-consumer.ts';
import type { TopicDefinition } from './topic.ts';

export class EmptyValueError extends Error {
  readonly code = 'EMPTY_VALUE';
  readonly retriable = false;
}

export function headersOf(headers: FetchedRecord['headers']): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (value === undefined) continue;
    out[name] = Array.isArray(value) ? value.map(String).join(',') : String(value);
  }
  return out;
}

export function failedRecord(topic: string, partition: number, message: FetchedRecord): FailedRecord {
  return { topic, partition, offset: message.offset, key: message.key, value: message.value, headers: headersOf(message.headers) };
}

export interface DecodedBatch<T> {
  records: ConsumedRecord<T>[];
  undecodable: Array<{ message: FetchedRecord; error: unknown }>;
  /** Control records (watermark ticks), set aside before decoding; see control-record.ts. */
  controls: ControlRecord[];
}

export function decodeBatch<T>(topic: TopicDefinition<T>, batch: { topic: string; partition: number; messages: readonly FetchedRecord[] }): DecodedBatch<T> {
  const records: ConsumedRecord<T>[] = [];
  const undecodable: DecodedBatch<T>['undecodable'] = [];
  const controls: ControlRecord[] = [];
  for (const message of batch.messages) {
    try {
      const control = message.headers?.[CONTROL_HEADER];
      if (control !== undefined) {
        controls.push(parseControlMessage(batch.partition, message.offset, String(control), message.value));
        continue;
      }
      if (message.value === null) throw new EmptyValueError(`record at offset ${message.offset} has no value`);
      records.push({
        topic: batch.topic,
        partition: batch.partition,
        offset: message.offset,
        key: message.key,
        value: topic.value.decode(message.value),
        headers: headersOf(message.headers),
        timestamp: Number(message.timestamp),
      });
    } catch (error) {
      undecodable.push({ message, error });
    }
  }
  return { records, undecodable, controls };
}
