// Before a sink uploads the files of a flush it CLAIMS the flush's offset range: it creates the
// intent `from-<firstOffset>` only if no writer has (If-None-Match). Whoever flushes from that
// offset later — the next owner after a crash, or a member that lost the partition and has not
// noticed yet — finds the claim and ends its flush at exactly the same offset, so a time- or
// size-triggered flush can never produce files that overlap ones already written. Claims are
// kept (a few hundred bytes each): deleting one would let a late writer claim the same start
// with another end.
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

/** The intent now in force for this start offset: ours if we created it, else the earlier claim. */
export async function claimIntent(store: ObjectStore, key: string, intent: FlushIntent): Promise<{ intent: FlushIntent; claimed: boolean }> {
  if (await store.putIfAbsent(key, Buffer.from(`${JSON.stringify(intent)}\n`), { contentType: 'application/json' })) return { intent, claimed: true };
  const existing = await readIntent(store, key);
  if (!existing) throw Object.assign(new Error(`flush claim ${key} exists but cannot be read`), { retriable: true });
  return { intent: existing, claimed: false };
}
