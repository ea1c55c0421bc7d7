// Hand-built raw mentions, consumed records and a local object store for the archive's unit tests.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { RawMention } from '@sl/contracts';
import type { ConsumedRecord, PartitionBatch } from '@sl/kafka';
import { createLocalObjectStore, type ObjectStore } from '@sl/object-store';
import { parquetReadObjects } from 'hyparquet';

export const TOPIC = 'mentions.raw';
export const DAY1 = Date.UTC(2024, 4, 1, 12, 30, 0, 5);
export const DAY2 = Date.UTC(2024, 4, 2, 23, 59, 59, 999);

/** A mention whose fields all derive from its offset, so a row read back can be checked exactly. */
export function mention(n: number, source = 'rss', publishedAt = DAY1): RawMention {
  return {
    id: `${source}:m${n}`,
    source,
    sourceId: `m${n}`,
    text: `text ${n} é`,
    title: n % 2 === 0 ? `title ${n}` : null,
    url: n % 2 === 0 ? `https://example.com/${n}` : null,
    lang: n % 2 === 0 ? 'en' : null,
    publishedAt,
    ingestedAt: publishedAt + 1_000,
    author: { handle: `h${n}`, name: n % 2 === 0 ? `Name ${n}` : null, followers: n % 2 === 0 ? n * 10 : null },
    engagement: { likes: n, shares: n + 1, replies: n + 2 },
    parentId: n % 3 === 0 ? `m${n - 1}` : null,
  };
}

export function record(partition: number, offset: number, value: RawMention = mention(offset)): ConsumedRecord<RawMention> {
  return { topic: TOPIC, partition, offset: String(offset), key: Buffer.from(value.id), value, headers: {}, timestamp: value.ingestedAt };
}

export function batch(partition: number, records: ConsumedRecord<RawMention>[], nextOffset?: number): PartitionBatch<RawMention> {
  const end = nextOffset ?? Number(records.at(-1)?.offset ?? -1) + 1;
  return { topic: TOPIC, partition, records, nextOffset: String(end) };
}

/** The Parquet row the archive writes for a record. */
export function row(r: ConsumedRecord<RawMention>) {
  const m = r.value;
  return {
    id: m.id,
    source_id: m.sourceId,
    text: m.text,
    title: m.title,
    url: m.url,
    lang: m.lang,
    published_at: new Date(m.publishedAt),
    ingested_at: new Date(m.ingestedAt),
    author_handle: m.author.handle,
    author_name: m.author.name,
    author_followers: m.author.followers === null ? null : BigInt(m.author.followers),
    likes: BigInt(m.engagement.likes),
    shares: BigInt(m.engagement.shares),
    replies: BigInt(m.engagement.replies),
    parent_id: m.parentId,
    kafka_partition: r.partition,
    kafka_offset: BigInt(r.offset),
  };
}

export async function readRows(store: ObjectStore, key: string): Promise<Record<string, unknown>[]> {
  const body = await store.get(key);
  const file = body.buffer.slice(body.byteOffset, body.byteOffset + body.byteLength) as ArrayBuffer;
  return parquetReadObjects({ file });
}

export async function keys(store: ObjectStore, prefix = ''): Promise<string[]> {
  const out: string[] = [];
  for await (const object of store.list(prefix)) out.push(object.key);
  return out;
}

export async function snapshot(store: ObjectStore, prefix: string): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>();
  for (const key of await keys(store, prefix)) out.set(key, await store.get(key));
  return out;
}

export async function tempStore(): Promise<{ store: ObjectStore; dispose: () => Promise<void> }> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'sl-archive-'));
  const store = createLocalObjectStore({ root });
  return { store, dispose: () => rm(root, { recursive: true, force: true }) };
}

/** A commit that records each call with the raw/ objects that existed when it was made. */
export function recordingCommit(store: ObjectStore) {
  const calls: Array<{ partition: number; nextOffset: string; objects: string[] }> = [];
  const commit = async (partition: number, nextOffset: string): Promise<void> => {
    calls.push({ partition, nextOffset, objects: await keys(store, 'raw/') });
  };
  return { calls, commit, offsets: () => calls.map((c) => [c.partition, c.nextOffset]) };
}
