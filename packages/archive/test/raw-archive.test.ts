import type { RawMention } from '@sl/contracts';
import { type ObjectStore, ObjectStoreError } from '@sl/object-store';
import { createRootLogger } from '@sl/observability';
import { afterEach, describe, expect, it } from 'vitest';
import { intentKey, readIntent } from '../src/flush-intents.ts';
import type { FlushPolicy } from '../src/flush-policy.ts';
import { createRawArchiveSink, RAW_ARCHIVE_INTENTS } from '../src/raw-archive.ts';
import { batch, DAY1, DAY2, keys, mention, readRows, record, recordingCommit, row, snapshot, TOPIC, tempStore } from './archive-fixtures.ts';

const logger = createRootLogger({ service: 't', level: 'silent' });
const disposers: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const dispose of disposers.splice(0)) await dispose();
});

async function setup(policy: Partial<FlushPolicy>, store?: ObjectStore) {
  let own = store;
  if (!own) {
    const temp = await tempStore();
    disposers.push(temp.dispose);
    own = temp.store;
  }
  const clock = { now: 1_000_000 };
  const commits = recordingCommit(own);
  const sink = createRawArchiveSink({ topic: TOPIC, store: own, commit: commits.commit, logger, policy, now: () => clock.now });
  return { store: own, sink, commits, clock };
}

/** Wraps a store so that chosen puts fail, as an outage would. */
function failingPuts(store: ObjectStore, shouldFail: (key: string, attempt: number) => boolean): ObjectStore & { puts: string[] } {
  const puts: string[] = [];
  return {
    ...store,
    puts,
    async put(key, body, options) {
      puts.push(key);
      if (shouldFail(key, puts.filter((k) => k === key).length)) {
        throw new ObjectStoreError('OBJECT_STORE_UNAVAILABLE', `disk busy writing ${key}`, { key });
      }
      await store.put(key, body, options);
    },
  };
}

const part = (source: string, date: string, partition: number, first: number, last: number) =>
  `raw/v1/source=${source}/date=${date}/part-${partition}-${first}-${last}.parquet`;

const range = (partition: number, first: number, last: number, value?: (n: number) => RawMention) =>
  Array.from({ length: last - first + 1 }, (_, i) => record(partition, first + i, value?.(first + i)));

describe('raw archive sink', () => {
  it('flushes at maxRecords into one file per source and date, then commits last + 1', async () => {
    const { store, sink, commits } = await setup({ maxRecords: 4 });
    const r10 = record(0, 10, mention(10, 'rss', DAY1));
    const r11 = record(0, 11, mention(11, 'news', DAY1));
    const r12 = record(0, 12, mention(12, 'rss', DAY2));
    const r13 = record(0, 13, mention(13, 'rss', DAY1));
    await sink.handleBatch(batch(0, [r10, r11, r12, r13]));
    const files = [part('news', '2024-05-01', 0, 10, 13), part('rss', '2024-05-01', 0, 10, 13), part('rss', '2024-05-02', 0, 10, 13)];
    expect(await keys(store, 'raw/')).toEqual(files);
    // The flush commits 14 once every file exists; the batch end (also 14) is then committed too.
    expect(commits.calls).toEqual([
      { partition: 0, nextOffset: '14', objects: files },
      { partition: 0, nextOffset: '14', objects: files },
    ]);
    expect(await readRows(store, part('news', '2024-05-01', 0, 10, 13))).toEqual([row(r11)]);
    expect(await readRows(store, part('rss', '2024-05-01', 0, 10, 13))).toEqual([row(r10), row(r13)]);
    expect(await readRows(store, part('rss', '2024-05-02', 0, 10, 13))).toEqual([row(r12)]);
    expect(sink.buffered).toBe(0);
    // The flush's claim stays, so no later writer can start a flush at 10 with another end.
    expect(await keys(store, '_sink-state/')).toEqual([intentKey(RAW_ARCHIVE_INTENTS, TOPIC, 0, '10')]);
  });

  it('commits nothing and writes nothing before a flush', async () => {
    const { store, sink, commits } = await setup({ maxRecords: 4 });
    await sink.handleBatch(batch(0, range(0, 10, 12)));
    expect(sink.buffered).toBe(3);
    expect(commits.calls).toEqual([]);
    expect(await keys(store, 'raw/')).toEqual([]);
  });

  it('does not buffer a redelivered batch twice', async () => {
    const { store, sink, commits } = await setup({ maxRecords: 4 });
    await sink.handleBatch(batch(0, range(0, 10, 11)));
    await sink.handleBatch(batch(0, range(0, 10, 11)));
    expect(sink.buffered).toBe(2);
    await sink.handleBatch(batch(0, range(0, 11, 13)));
    expect(await keys(store, 'raw/')).toEqual([part('rss', '2024-05-01', 0, 10, 13)]);
    expect((await readRows(store, part('rss', '2024-05-01', 0, 10, 13))).map((r) => r.id)).toEqual(['rss:m10', 'rss:m11', 'rss:m12', 'rss:m13']);
    expect(commits.offsets()).toEqual([
      [0, '14'],
      [0, '14'],
    ]);
  });

  it('rebuilds the buffer when the consumer rewinds below its first offset', async () => {
    const { store, sink, commits } = await setup({ maxRecords: 4 });
    await sink.handleBatch(batch(0, range(0, 10, 12)));
    await sink.handleBatch(batch(0, range(0, 7, 8)));
    expect(sink.buffered).toBe(2);
    await sink.handleBatch(batch(0, range(0, 9, 10)));
    expect(await keys(store, 'raw/')).toEqual([part('rss', '2024-05-01', 0, 7, 10)]);
    expect((await readRows(store, part('rss', '2024-05-01', 0, 7, 10))).map((r) => r.kafka_offset)).toEqual([7n, 8n, 9n, 10n]);
    expect(commits.offsets()).toEqual([
      [0, '11'],
      [0, '11'],
    ]);
  });

  it('skips the flushed records of a batch retried after a later flush in it failed', async () => {
    const temp = await tempStore();
    disposers.push(temp.dispose);
    const store = failingPuts(temp.store, (key, attempt) => key.includes('-14-17') && attempt === 1);
    const { sink, commits } = await setup({ maxRecords: 4 }, store);
    await sink.handleBatch(batch(0, range(0, 10, 12)));
    const retried = batch(0, range(0, 13, 17));
    // 13 completes the flush of 10-13 (committed); the flush of 14-17 then fails.
    await expect(sink.handleBatch(retried)).rejects.toThrow(/disk busy writing/);
    await sink.handleBatch(retried);
    // Without the skip, 13 would start a buffer and a flush from 13, overlapping 10-13.
    expect(await keys(store, 'raw/')).toEqual([part('rss', '2024-05-01', 0, 10, 13), part('rss', '2024-05-01', 0, 14, 17)]);
    expect((await readRows(store, part('rss', '2024-05-01', 0, 14, 17))).map((r) => r.kafka_offset)).toEqual([14n, 15n, 16n, 17n]);
    expect(commits.offsets()).toEqual([
      [0, '14'],
      [0, '18'],
      [0, '18'],
    ]);
  });

  it('never commits an offset below its own last commit (a batch retried after a timed flush covered it)', async () => {
    const { store, sink, commits, clock } = await setup({ maxRecords: 100, maxAgeMs: 1_000 });
    await sink.handleBatch(batch(0, range(0, 10, 15)));
    clock.now += 1_000;
    await sink.flushDue();
    // The consumer's retry of a shorter, earlier batch (re-fetched after a rejoin) ends at 12.
    await sink.handleBatch(batch(0, range(0, 10, 12)));
    // Committing 13 here moved the group back: the chaos test's next owner read from there and
    // wrote files overlapping 10-15.
    expect(commits.offsets()).toEqual([[0, '16']]);
    expect(await keys(store, 'raw/')).toEqual([part('rss', '2024-05-01', 0, 10, 15)]);
  });

  it('drops every buffer on a group join, kept partitions too: the consumer reads them again from the committed offsets', async () => {
    const { store, sink, commits } = await setup({ maxRecords: 100 });
    await sink.handleBatch(batch(0, range(0, 10, 11)));
    await sink.handleBatch(batch(1, range(1, 20, 22)));
    await sink.handleBatch(batch(2, range(2, 30, 30)));
    expect(sink.buffered).toBe(6);
    sink.onAssignment([1, 5]);
    // Redelivered from the committed offset after the join.
    await sink.handleBatch(batch(1, range(1, 20, 22)));
    expect(sink.buffered).toBe(3);
    await sink.flushAll();
    expect(await keys(store, 'raw/')).toEqual([part('rss', '2024-05-01', 1, 20, 22)]);
    expect(commits.offsets()).toEqual([[1, '23']]);
  });

  it('never writes a claimed range from a buffer kept across a join in which another member flushed it', async () => {
    const temp = await tempStore();
    disposers.push(temp.dispose);
    const stale = await setup({ maxRecords: 100 }, temp.store);
    const owner = await setup({ maxRecords: 5 }, temp.store);
    // The owner claims 10..14, writes it whole and commits 15.
    await owner.sink.handleBatch(batch(0, range(0, 10, 14)));
    const written = await snapshot(temp.store, 'raw/');
    expect([...written.keys()].every((key) => key.endsWith('part-0-10-14.parquet'))).toBe(true);
    // The stale member had only offset 10 of that claim when the group dropped it.
    await stale.sink.handleBatch(batch(0, range(0, 10, 10)));
    expect(stale.commits.calls).toEqual([]);
    // Back in the group with partition 0, it resumes at the committed 15 and reaches the claim's end.
    stale.sink.onAssignment([0]);
    await stale.sink.handleBatch(batch(0, range(0, 15, 19)));
    await stale.sink.flushAll();
    const after = await snapshot(temp.store, 'raw/');
    expect(new Map([...after].filter(([key]) => key.includes('part-0-10-14')))).toEqual(written);
    expect(stale.commits.offsets()).toEqual([[0, '20']]);
  });

  it('flushes by age with flushDue, and only the partitions that are due', async () => {
    const { store, sink, commits, clock } = await setup({ maxRecords: 100, maxAgeMs: 1_000 });
    await sink.handleBatch(batch(0, range(0, 10, 11)));
    clock.now += 400;
    await sink.handleBatch(batch(1, range(1, 5, 5)));
    clock.now += 599;
    await sink.flushDue();
    expect(commits.calls).toEqual([]);
    clock.now += 1;
    await sink.flushDue();
    expect(await keys(store, 'raw/')).toEqual([part('rss', '2024-05-01', 0, 10, 11)]);
    expect(commits.offsets()).toEqual([[0, '12']]);
    expect(sink.buffered).toBe(1);
    clock.now += 400;
    await sink.flushDue();
    expect(commits.offsets()).toEqual([
      [0, '12'],
      [1, '6'],
    ]);
  });

  it('flushes an aged buffer when the next batch arrives', async () => {
    const { store, sink, commits, clock } = await setup({ maxRecords: 100, maxAgeMs: 1_000 });
    await sink.handleBatch(batch(0, range(0, 10, 10)));
    clock.now += 1_000;
    await sink.handleBatch(batch(0, range(0, 11, 11)));
    expect(await keys(store, 'raw/')).toEqual([part('rss', '2024-05-01', 0, 10, 11)]);
    expect(commits.offsets()).toEqual([
      [0, '12'],
      [0, '12'],
    ]);
  });

  it('flushAll writes and commits every partition', async () => {
    const { store, sink, commits } = await setup({ maxRecords: 100 });
    await sink.handleBatch(batch(0, range(0, 10, 11)));
    await sink.handleBatch(batch(3, range(3, 0, 0, (n) => mention(n, 'news', DAY2))));
    await sink.flushAll();
    expect(await keys(store, 'raw/')).toEqual([part('news', '2024-05-02', 3, 0, 0), part('rss', '2024-05-01', 0, 10, 11)]);
    expect(commits.offsets()).toEqual([
      [0, '12'],
      [3, '1'],
    ]);
    expect(sink.buffered).toBe(0);
    await sink.flushAll();
    expect(commits.calls).toHaveLength(2);
  });

  it('commits an empty batch’s nextOffset only when nothing is buffered', async () => {
    const { store, sink, commits } = await setup({ maxRecords: 100 });
    await sink.handleBatch(batch(0, [], 42));
    expect(commits.offsets()).toEqual([[0, '42']]);
    await sink.handleBatch(batch(1, range(1, 5, 6)));
    await sink.handleBatch(batch(1, [], 9));
    expect(commits.offsets()).toEqual([[0, '42']]);
    expect(await keys(store, 'raw/')).toEqual([]);
  });

  it('commits past dead-lettered offsets at the end of a batch that flushed', async () => {
    const { sink, commits } = await setup({ maxRecords: 2 });
    await sink.handleBatch(batch(0, range(0, 10, 11), 15));
    expect(commits.offsets()).toEqual([
      [0, '12'],
      [0, '15'],
    ]);
  });

  describe('a put that fails with a retriable error', () => {
    const records = () => [
      record(0, 10, mention(10, 'news', DAY1)),
      record(0, 11, mention(11, 'rss', DAY1)),
      record(0, 12, mention(12, 'rss', DAY2)),
    ];
    const files = [part('news', '2024-05-01', 0, 10, 12), part('rss', '2024-05-01', 0, 10, 12), part('rss', '2024-05-02', 0, 10, 12)];

    async function reference(): Promise<Map<string, Buffer>> {
      const { store, sink } = await setup({ maxRecords: 3 });
      await sink.handleBatch(batch(0, records()));
      return snapshot(store, 'raw/');
    }

    async function failOnce() {
      const temp = await tempStore();
      disposers.push(temp.dispose);
      const store = failingPuts(temp.store, (key, attempt) => key === files[1] && attempt === 1);
      const env = await setup({ maxRecords: 3 }, store);
      await expect(env.sink.handleBatch(batch(0, records()))).rejects.toMatchObject({ code: 'OBJECT_STORE_UNAVAILABLE', retriable: true });
      expect(env.sink.buffered).toBe(3);
      expect(env.commits.calls).toEqual([]);
      expect(await keys(temp.store, 'raw/')).toEqual([files[0]]);
      return { ...env, store };
    }

    it('keeps the buffer, and the retried batch writes exactly the same files', async () => {
      const expected = await reference();
      const { store, sink, commits } = await failOnce();
      await sink.handleBatch(batch(0, records()));
      expect(await snapshot(store, 'raw/')).toEqual(expected);
      expect(commits.calls).toEqual([
        { partition: 0, nextOffset: '13', objects: files },
        { partition: 0, nextOffset: '13', objects: files },
      ]);
      expect(sink.buffered).toBe(0);
    });

    it('writes the same files when the next batch brings newer records, and keeps those buffered', async () => {
      const expected = await reference();
      const { store, sink, commits } = await failOnce();
      await sink.handleBatch(batch(0, [...records(), ...range(0, 13, 14)]));
      expect(await snapshot(store, 'raw/')).toEqual(expected);
      expect(commits.offsets()).toEqual([[0, '13']]);
      expect(sink.buffered).toBe(2);
      await sink.flushAll();
      expect(await keys(store, 'raw/')).toEqual([...files.slice(0, 2), part('rss', '2024-05-01', 0, 13, 14), files[2]]);
      expect(commits.offsets()).toEqual([
        [0, '13'],
        [0, '15'],
      ]);
    });

    it('writes the same files when flushDue retries it', async () => {
      const expected = await reference();
      const { store, sink, commits } = await failOnce();
      await sink.flushDue();
      expect(await snapshot(store, 'raw/')).toEqual(expected);
      expect(commits.offsets()).toEqual([[0, '13']]);
      expect(await keys(store, '_sink-state/')).toEqual([intentKey(RAW_ARCHIVE_INTENTS, TOPIC, 0, '10')]);
    });
  });

  describe('after a crash mid-flush', () => {
    // The crashed sink flushed 10..14 at maxRecords 5: it wrote its intent and one file, then died.
    const records = () => range(0, 10, 17, (n) => mention(n, n % 2 === 0 ? 'rss' : 'news', n < 13 ? DAY1 : DAY2));

    async function crashed() {
      const temp = await tempStore();
      disposers.push(temp.dispose);
      let dead = false;
      const store = failingPuts(temp.store, (key) => {
        if (key.startsWith('raw/') && dead) return true;
        if (key.startsWith('raw/')) dead = true;
        return false;
      });
      const crashedSink = await setup({ maxRecords: 5 }, store);
      await expect(crashedSink.sink.handleBatch(batch(0, records().slice(0, 5)))).rejects.toThrow(/disk busy/);
      const intent = await readIntent(temp.store, intentKey(RAW_ARCHIVE_INTENTS, TOPIC, 0, '10'));
      expect(intent).toMatchObject({ topic: TOPIC, partition: 0, firstOffset: '10', lastOffset: '14' });
      expect(await keys(temp.store, 'raw/')).toHaveLength(1);
      return temp.store;
    }

    async function reference(): Promise<Map<string, Buffer>> {
      const { store, sink } = await setup({ maxRecords: 5 });
      await sink.handleBatch(batch(0, records().slice(0, 5)));
      return snapshot(store, 'raw/');
    }

    it('ends the new owner’s first flush at the intent’s last offset although maxRecords would cut earlier', async () => {
      const expected = await reference();
      const store = await crashed();
      const { sink, commits } = await setup({ maxRecords: 3 }, store);
      await sink.handleBatch(batch(0, records()));
      const after = await snapshot(store, 'raw/');
      const firstFlush = new Map([...after].filter(([key]) => key.includes('part-0-10-')));
      expect(firstFlush).toEqual(expected);
      expect([...after.keys()].filter((key) => !key.includes('part-0-10-'))).toEqual([
        part('news', '2024-05-02', 0, 15, 17),
        part('rss', '2024-05-02', 0, 15, 17),
      ]);
      expect(commits.offsets()).toEqual([
        [0, '15'],
        [0, '18'],
        [0, '18'],
      ]);
      expect(await keys(store, '_sink-state/')).toEqual([intentKey(RAW_ARCHIVE_INTENTS, TOPIC, 0, '10'), intentKey(RAW_ARCHIVE_INTENTS, TOPIC, 0, '15')]);
    });

    it('flushes to the claimed end when the record at that end never arrives (dead-lettered here), under the claim’s names', async () => {
      const store = await crashed();
      const { sink, commits } = await setup({ maxRecords: 100 }, store);
      // Offsets 10..13 decode; 14 does not (the runner dead-lettered it), so the batch ends at 15.
      await sink.handleBatch(batch(0, records().slice(0, 4), 15));
      expect(await keys(store, 'raw/')).toEqual(expect.arrayContaining([expect.stringMatching(/part-0-10-14\.parquet$/)]));
      expect((await keys(store, 'raw/')).every((key) => key.endsWith('part-0-10-14.parquet'))).toBe(true);
      expect(commits.offsets()).toEqual([
        [0, '15'],
        [0, '15'],
      ]);
      expect(sink.buffered).toBe(0);
    });

    it('makes a second writer from the same start offset (a member that lost the partition) adopt the first one’s boundary', async () => {
      const temp = await tempStore();
      disposers.push(temp.dispose);
      const first = await setup({ maxRecords: 5 }, temp.store);
      const second = await setup({ maxRecords: 3 }, temp.store);
      await first.sink.handleBatch(batch(0, records().slice(0, 5)));
      const written = await snapshot(temp.store, 'raw/');
      // The second writer would cut at 12; the claim at 10 says 14, so it waits for 14 and writes the same files.
      await second.sink.handleBatch(batch(0, records().slice(0, 3)));
      expect(second.commits.calls).toEqual([]);
      await second.sink.handleBatch(batch(0, records().slice(3, 5)));
      expect(await snapshot(temp.store, 'raw/')).toEqual(written);
      expect(second.commits.offsets()).toEqual([
        [0, '15'],
        [0, '15'],
      ]);
    });

    it('ends it there although maxRecords would cut later', async () => {
      const expected = await reference();
      const store = await crashed();
      const { sink, commits } = await setup({ maxRecords: 100 }, store);
      await sink.handleBatch(batch(0, records()));
      expect(new Map([...(await snapshot(store, 'raw/'))].filter(([key]) => key.includes('part-0-10-')))).toEqual(expected);
      expect(commits.offsets()).toEqual([[0, '15']]);
      expect(sink.buffered).toBe(3);
    });

    it('does not flush part of the intent’s range when the buffer ages before the rest arrives', async () => {
      const expected = await reference();
      const store = await crashed();
      const { sink, commits, clock } = await setup({ maxRecords: 100, maxAgeMs: 1_000 }, store);
      await sink.handleBatch(batch(0, records().slice(0, 2)));
      clock.now += 5_000;
      await sink.flushDue();
      await sink.flushAll();
      expect(commits.calls).toEqual([]);
      await sink.handleBatch(batch(0, records().slice(2, 6)));
      expect(await snapshot(store, 'raw/')).toEqual(expected);
      expect(commits.offsets()).toEqual([[0, '15']]);
      expect(sink.buffered).toBe(1);
    });
  });
});
