// Before a sink uploads the files of a flush it records the flush's offset range. After a crash
// the next owner of the partition reads it and ends its first flush at exactly the same offset,
// so a time- or size-triggered flush can never produce files that overlap ones already written.
import type { ObjectStore } from '@sl/object-store';

export interface FlushIntent {
  topic: string;
  partition: number;
  firstOffset: string;
  lastOffset: string;
  keys: string[];
  writtenAt: string;
}

export function intentKey(prefix: string, topic: string, partition: number, firstOffset: string): string {
  return `${prefix}/topic=${topic}/partition=${partition}/from-${firstOffset}.json`;
}

export async function readIntent(store: ObjectStore, key: string): Promise<FlushIntent | undefined> {
  if (!(await store.head(key))) return undefined;
  return JSON.parse((await store.get(key)).toString('utf8')) as FlushIntent;
}

export async function writeIntent(store: ObjectStore, key: string, intent: FlushIntent): Promise<void> {
  await store.put(key, Buffer.from(`${JSON.stringify(intent)}\n`), { contentType: 'application/json' });
}
