// Top authors' summary on local disk: a store opened again over the same folders (a restart)
// loads its author blocks and the numbering of authors and names from disk instead of reading
// DuckDB again, and answers exactly what the archive query answers; a late file makes one slot be
// read and written again (the old file deleted); a damaged block or a lost numbering segment is
// refused and read again; a second store on the same folder runs without it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ScoredMention } from '@sl/contracts';
import type { ConsumedRecord } from '@sl/kafka';
import { rollupsLayout } from '@sl/rollups';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authorBlockCache } from '../src/author-block-cache.ts';
import { summaryDirFor } from '../src/author-summary-files.ts';
import { type DashboardStore, openDashboardStore } from '../src/dashboard-store.ts';
import type { BrandInfo } from '../src/rollup-widgets.ts';
import type { TimeRange } from '../src/time-range.ts';
import { readTopAuthors } from '../src/top-authors.ts';
import { readTopAuthorsFromArchive } from '../src/top-authors-sql.ts';
import { mention, SEED_BRANDS, SPAM_THRESHOLD, seedStore } from './seed-store.ts';

const acme = SEED_BRANDS[0] as BrandInfo;
const DAY = 86_400_000;
const JAN1 = Date.UTC(2024, 0, 1);
const HANDLES = ['ann', 'bob', 'cy', 'dee', 'ed', 'fay', 'gus', '𝒜da', 'ｚed'];
const NAMES = [null, 'Ann A', 'ｚ name', '𝒜 name'];
const all: TimeRange = { from: null, to: null };
const RANGES: TimeRange[] = [all, { from: Date.UTC(2024, 1, 1), to: Date.UTC(2024, 2, 1) }, { from: Date.UTC(2024, 0, 20, 5), to: null }];

/** Five mentions a day over 70 days (2024-01-01 to 2024-03-10): two whole months and ten days. */
function mentions(): ScoredMention[] {
  return Array.from({ length: 70 * 5 }, (_, n) =>
    mention(n, 'acme', {
      compound: (((n * 13) % 21) - 10) / 10,
      publishedAt: JAN1 + Math.floor(n / 5) * DAY + (n % 5) * 4 * 3_600_000,
      author: {
        handle: HANDLES[(n * 5 + Math.floor(n / 7)) % HANDLES.length] as string,
        name: NAMES[n % NAMES.length] ?? null,
        followers: (n * 37) % 500,
      },
      isDuplicate: n % 11 === 10,
      spamScore: n % 17 === 16 ? 0.95 : 0.1,
    }),
  );
}

let dir: string;
let root: string;
let archiveOnly: DashboardStore;
const summaryDir = () => path.join(dir, 'summary');
const opened: DashboardStore[] = [];
const open = async () => {
  const store = await openDashboardStore({ root, summaryDir: summaryDir() });
  opened.push(store);
  return store;
};
const close = (store: DashboardStore) => {
  store.close();
  opened.splice(opened.indexOf(store), 1);
};
const brandFolder = () => path.join(summaryDirFor(summaryDir(), root), 'brand=acme');
const blockFiles = () => fs.readdirSync(path.join(brandFolder(), 'blocks')).sort();

async function sameAsArchive(store: DashboardStore): Promise<void> {
  for (const range of RANGES) {
    for (const limit of [100, 3])
      expect(await readTopAuthors(store, acme, range, limit)).toEqual(await readTopAuthorsFromArchive(archiveOnly, acme, range, limit));
  }
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dash-author-summary-'));
  root = path.join(dir, 'objects');
  await seedStore(root, mentions());
  const archiveRoot = path.join(dir, 'archive-only');
  fs.cpSync(root, archiveRoot, {
    recursive: true,
    filter: (source) => !/^(author-days|driver-days|brand-replies)/u.test(path.relative(root, source)),
  });
  archiveOnly = await openDashboardStore({ root: archiveRoot });
});

afterAll(() => {
  for (const store of opened) store.close();
  archiveOnly?.close();
  fs.rmSync(dir, { recursive: true, force: true });
}, 60_000);

describe("top authors' summary on disk", () => {
  it('writes each block and the numbering as they are read, and a restart loads them instead of reading DuckDB', async () => {
    const first = await open();
    expect(first.summaryNote).toBe(summaryDirFor(summaryDir(), root));
    await sameAsArchive(first);
    // January and February as months, March's ten days as days (the newest month), and the days
    // from 2024-01-21 the third range holds whole in January.
    const days = (month: string, from: number, to: number) =>
      Array.from({ length: to - from + 1 }, (_, i) => `day_2024-${month}-${String(from + i).padStart(2, '0')}`);
    const slots = [...days('01', 21, 31), ...days('03', 1, 10), 'month_2024-01', 'month_2024-02'];
    expect(blockFiles().map((name) => name.split('.')[0])).toEqual(slots);
    expect(first.summary?.stats()).toEqual({ loaded: 0, saved: 23, refused: 0, failed: 0 });
    const numbering = fs.readdirSync(brandFolder()).filter((name) => name.endsWith('.parquet'));
    expect(numbering.length).toBeGreaterThan(1);
    close(first);

    const restarted = await open();
    await sameAsArchive(restarted);
    expect(restarted.summary?.stats()).toEqual({ loaded: 23, saved: 0, refused: 0, failed: 0 });
    // Each slot once from disk (reads counts what the memory did not hold); only the third range's
    // cut day is read from DuckDB, uncached, as before.
    expect(authorBlockCache(restarted).stats()).toMatchObject({ blocks: 23, reads: 23 });
    close(restarted);
  });

  it('reads one slot again after a late file lands in its date, and deletes its old file', async () => {
    const before = blockFiles();
    const late = mention(5_000, 'acme', {
      compound: 0.9,
      publishedAt: Date.UTC(2024, 1, 10, 12),
      author: { handle: 'zoe', name: 'Zoe', followers: 99 },
    });
    const layout = rollupsLayout({ handlesOf: () => acme.handles, spamThresholdOf: (id) => SPAM_THRESHOLD[id] ?? 0.7 });
    const record: ConsumedRecord<ScoredMention> = {
      topic: 'mentions.scored',
      partition: 7,
      offset: '0',
      key: null,
      value: late,
      headers: {},
      timestamp: late.ingestedAt,
    };
    for (const file of layout.files([record], { partition: 7, firstOffset: '0', lastOffset: '0' })) {
      for (const target of [root, path.join(dir, 'archive-only')]) {
        if (target !== root && /^(author-days|driver-days|brand-replies)\//u.test(file.key)) continue;
        fs.mkdirSync(path.dirname(path.join(target, file.key)), { recursive: true });
        fs.writeFileSync(path.join(target, file.key), file.body);
      }
    }
    const store = await open();
    await sameAsArchive(store);
    expect((await readTopAuthors(store, acme, all, 100)).authors.map((a) => a.handle)).toContain('zoe');
    expect(store.summary?.stats()).toEqual({ loaded: 22, saved: 1, refused: 0, failed: 0 });
    const after = blockFiles();
    expect(after.filter((name) => !before.includes(name)).map((name) => name.split('.')[0])).toEqual(['month_2024-02']);
    expect(after.length).toBe(before.length);
    close(store);
  });

  it('refuses a damaged block and a block whose numbering segment is lost, and reads them again', async () => {
    const march1 = blockFiles().find((name) => name.startsWith('day_2024-03-01.')) as string;
    fs.truncateSync(path.join(brandFolder(), 'blocks', march1), 100);
    const store = await open();
    await sameAsArchive(store);
    expect(store.summary?.stats()).toEqual({ loaded: 22, saved: 1, refused: 1, failed: 0 });
    close(store);
    // The first authors segment gone: every segment after it is past a gap, and every block made
    // with its numbers is read again under new ones.
    const segments = fs.readdirSync(brandFolder()).filter((name) => name.startsWith('authors-'));
    fs.rmSync(path.join(brandFolder(), segments.find((name) => name.startsWith('authors-0-')) as string));
    const renumbered = await open();
    await sameAsArchive(renumbered);
    expect(renumbered.summary?.stats()).toEqual({ loaded: 0, saved: 23, refused: 23, failed: 0 });
    close(renumbered);
    const again = await open();
    await sameAsArchive(again);
    expect(again.summary?.stats()).toEqual({ loaded: 23, saved: 0, refused: 0, failed: 0 });
    close(again);
  });

  it('runs a second store on the same folder without a summary, and says why', async () => {
    const first = await open();
    const second = await open();
    expect(second.summary).toBeNull();
    expect(second.summaryNote).toBe(`none: ${summaryDirFor(summaryDir(), root)} is used by process ${process.pid}`);
    await sameAsArchive(second);
    close(second);
    close(first);
    // Released on close: the next store takes it.
    const third = await open();
    expect(third.summary).not.toBeNull();
    close(third);
  });
});
