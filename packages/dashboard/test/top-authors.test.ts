// Top authors over months of data, read from cached author blocks (a month's, a day's, a cut day's
// from the archive), must answer exactly what one SQL query over the archive answers: rank, counts,
// followers, engagement, mean sentiment, name, "answered" — for every kind of range, after a late
// file lands in an old date, and with a cache too small to hold a range.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ScoredMention } from '@sl/contracts';
import type { ConsumedRecord } from '@sl/kafka';
import { rollupsLayout } from '@sl/rollups';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planDayBlocks } from '../src/aggregate-days.ts';
import { authorBlockCache } from '../src/author-block-cache.ts';
import { summaryDirFor } from '../src/author-summary-files.ts';
import { type DashboardStore, openDashboardStore } from '../src/dashboard-store.ts';
import type { BrandInfo } from '../src/rollup-widgets.ts';
import type { TimeRange } from '../src/time-range.ts';
import { readTopAuthors } from '../src/top-authors.ts';
import { readTopAuthorsFromArchive } from '../src/top-authors-sql.ts';
import { startOfDay } from '../src/zoned-time.ts';
import { kindOf, mention, SEED_BRANDS, SPAM_THRESHOLD, seedStore } from './seed-store.ts';

const acme = SEED_BRANDS[0] as BrandInfo;
const DAY = 86_400_000;
const HOUR = 3_600_000;
const JAN1 = Date.UTC(2024, 0, 1);
const DAYS = 100; // 2024-01-01 to 2024-04-09
const END = JAN1 + DAYS * DAY;

// Handles chosen to tie and to sort differently by UTF-16 unit than by code point (DuckDB's order).
const HANDLES = ['ann', 'bob', 'cy', 'dee', 'ed', 'fay', 'gus', 'hal', 'ｚed', '𝒜da', 'ivy', '@Acme'];
const NAMES = [null, 'Ann A', 'ｚ name', '𝒜 name', 'b name'];

/** Eight mentions a day of acme: varied authors, names, followers (some unknown), kinds and sentiment. */
function monthsOfMentions(): ScoredMention[] {
  const out: ScoredMention[] = [];
  for (let n = 0; n < DAYS * 8; n += 1) {
    const handle = HANDLES[(n * 5 + Math.floor(n / 13)) % HANDLES.length] as string;
    const publishedAt = JAN1 + Math.floor(n / 8) * DAY + (n % 8) * 3 * HOUR + 7 * 60_000;
    const compound = (((n * 13) % 21) - 10) / 10;
    const brandReply = handle === '@Acme';
    out.push(
      mention(n, 'acme', {
        compound,
        publishedAt,
        // The brand's account replies to the mention before it, on that mention's source.
        ...(brandReply ? { source: (n - 1) % 3 === 0 ? 'mastodon' : 'rss', parentId: `acme-${n - 1}` } : {}),
        author: { handle, name: NAMES[(n * 3) % NAMES.length] ?? null, followers: n % 6 === 0 ? null : (n * 37) % 500 },
        isDuplicate: n % 11 === 10,
        spamScore: n % 17 === 16 ? 0.95 : 0.1,
      }),
    );
  }
  // Two authors alike in mentions and followers, whose handles sort one way by code point (DuckDB's
  // order) and the other by UTF-16 unit: the last place between them goes by handle.
  for (const [i, handle] of ['𝒜tie', 'ｚtie'].entries()) {
    for (const k of [0, 1]) {
      out.push(
        mention(9_000 + 2 * i + k, 'acme', {
          compound: 0.6,
          publishedAt: Date.UTC(2024, 1, 20, 10 + i, k),
          source: 'rss',
          author: { handle, name: '𝒜 name', followers: 10_000 },
        }),
      );
    }
  }
  return out;
}

const RANGES: Record<string, TimeRange> = {
  'all time': { from: null, to: null },
  'a whole month': { from: Date.UTC(2024, 1, 1), to: Date.UTC(2024, 2, 1) },
  'whole days across three months': { from: Date.UTC(2024, 0, 15), to: Date.UTC(2024, 2, 10) },
  'cut inside its first and last days': { from: Date.UTC(2024, 0, 10, 5), to: Date.UTC(2024, 2, 3, 17) },
  'the last 30 days': { from: END - 30 * DAY, to: END },
  'a New York week': {
    from: startOfDay('America/New_York', Date.UTC(2024, 1, 5, 12)),
    to: startOfDay('America/New_York', Date.UTC(2024, 1, 12, 12)),
  },
  'from a UTC midnight on': { from: Date.UTC(2024, 2, 1), to: null },
};

/** Distinct (source, handle) of the counted mentions in the range, the brand's account left out. */
function authorsIn(range: TimeRange): number {
  const inRange = (t: number) => (range.from === null || t >= range.from) && (range.to === null || t < range.to);
  return new Set(
    monthsOfMentions()
      .filter((m) => kindOf(m) === 'counted' && m.author.handle !== '@Acme' && inRange(m.publishedAt))
      .map((m) => `${m.source} ${m.author.handle}`),
  ).size;
}

let dir: string;
const roots = { full: '', archiveOnly: '' };
const opened: DashboardStore[] = [];
let shared: { full: DashboardStore; archiveOnly: DashboardStore };
const open = async (root: string, authorCacheRows?: number) => {
  const store = await openDashboardStore({ root, ...(authorCacheRows === undefined ? {} : { authorCacheRows }) });
  opened.push(store);
  return store;
};

/** Another flush's files (one Kafka partition's offsets), as the aggregation worker writes them. */
function writeFlush(root: string, mentions: readonly ScoredMention[], partition: number, withAggregates: boolean): void {
  const layout = rollupsLayout({ handlesOf: () => acme.handles, spamThresholdOf: (id) => SPAM_THRESHOLD[id] ?? 0.7 });
  const records: ConsumedRecord<ScoredMention>[] = mentions.map((value, i) => ({
    topic: 'mentions.scored',
    partition,
    offset: String(i),
    key: Buffer.from(value.brandId),
    value,
    headers: {},
    timestamp: value.ingestedAt,
  }));
  for (const file of layout.files(records, { partition, firstOffset: '0', lastOffset: String(mentions.length - 1) })) {
    if (!withAggregates && /^(author-days|driver-days|brand-replies)\//u.test(file.key)) continue;
    fs.mkdirSync(path.dirname(path.join(root, file.key)), { recursive: true });
    fs.writeFileSync(path.join(root, file.key), file.body);
  }
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dash-top-authors-'));
  roots.full = path.join(dir, 'full');
  roots.archiveOnly = path.join(dir, 'archive-only');
  await seedStore(roots.full, monthsOfMentions());
  fs.cpSync(roots.full, roots.archiveOnly, {
    recursive: true,
    filter: (source) => !/^(author-days|driver-days|brand-replies)/u.test(path.relative(roots.full, source)),
  });
  shared = { full: await open(roots.full), archiveOnly: await open(roots.archiveOnly) };
});

afterAll(() => {
  for (const store of opened) store.close();
  fs.rmSync(dir, { recursive: true, force: true });
}, 60_000);

describe('top authors from cached author blocks', () => {
  it('reads a month the range holds whole as one block, other whole days as days, cut days apart', async () => {
    const store = await open(roots.full);
    const slots = (range: string) => planDayBlocks(store, 'acme', 'author_days', RANGES[range] as TimeRange).blocks.map((b) => b.slot);
    const days = (month: string, from: number, to: number) =>
      Array.from({ length: to - from + 1 }, (_, i) => `day 2024-${month}-${String(from + i).padStart(2, '0')}`);
    // April holds the newest date: read as days, so a new flush re-reads one day, not the month.
    expect(slots('all time')).toEqual(['month 2024-01', 'month 2024-02', 'month 2024-03', ...days('04', 1, 9)]);
    expect(slots('whole days across three months')).toEqual([...days('01', 15, 31), 'month 2024-02', ...days('03', 1, 9)]);
    const cut = planDayBlocks(store, 'acme', 'author_days', RANGES['cut inside its first and last days'] as TimeRange);
    expect(cut.cut).toEqual({ aggregate: [], archive: ['2024-01-10', '2024-03-03'], cut: RANGES['cut inside its first and last days'] });
    expect(cut.blocks.map((b) => b.source.aggregate.length)).toEqual([...Array(21).fill(1), 29, 1, 1]);
    const archiveOnly = await open(roots.archiveOnly);
    expect(planDayBlocks(archiveOnly, 'acme', 'author_days', RANGES['a whole month'] as TimeRange).blocks).toEqual([
      {
        slot: 'month 2024-02',
        key: expect.any(String),
        source: { aggregate: [], archive: days('02', 1, 29).map((d) => d.slice(4)), cut: null },
      },
    ]);
  });

  for (const [name, range] of Object.entries(RANGES)) {
    it(`answers exactly as the archive does: ${name}`, async () => {
      const { full, archiveOnly } = shared;
      for (const limit of [100, 3]) {
        const expected = await readTopAuthorsFromArchive(archiveOnly, acme, range, limit);
        expect(expected.authors.length).toBe(Math.min(limit, authorsIn(range)));
        expect(await readTopAuthors(full, acme, range, limit)).toEqual(expected);
        expect(await readTopAuthors(archiveOnly, acme, range, limit)).toEqual(expected);
        // From the cache the second time: the same answer.
        expect(await readTopAuthors(full, acme, range, limit)).toEqual(expected);
      }
    });
  }

  it("leaves the brand's account out, names the largest name in code-point order, counts every counted mention, and says whom the brand answered", async () => {
    const { authors } = await readTopAuthors(shared.full, acme, RANGES['all time'] as TimeRange, 100);
    expect(authors.map((a) => a.handle)).not.toContain('@Acme');
    // '𝒜 name' (U+1D49C) is the largest in code points (DuckDB's max); 'ｚ name' (U+FF5A) in UTF-16 units.
    const handles = authors.map((a) => a.handle);
    expect(new Set(authors.map((a) => a.name))).toEqual(new Set(['𝒜 name']));
    const answered = authors.filter((a) => a.answered).length;
    expect(answered).toBeGreaterThan(0);
    expect(answered).toBeLessThan(authors.length);
    const counted = monthsOfMentions().filter((m) => kindOf(m) === 'counted' && m.author.handle !== '@Acme');
    expect(authors.reduce((sum, a) => sum + a.mentions, 0)).toBe(counted.length);
    expect(handles.length).toBe(24);
  });

  it('gives the last place among authors tied on mentions and followers by handle, in code-point order', async () => {
    const all = RANGES['all time'] as TimeRange;
    const every = await readTopAuthorsFromArchive(shared.archiveOnly, acme, all, 100);
    const at = every.authors.findIndex((a) => a.handle === 'ｚtie');
    expect(every.authors[at + 1]?.handle).toBe('𝒜tie');
    expect(every.authors.slice(0, at).every((a) => a.mentions > 2)).toBe(true);
    const top = await readTopAuthors(shared.full, acme, all, at + 1);
    expect(top).toEqual(await readTopAuthorsFromArchive(shared.archiveOnly, acme, all, at + 1));
    expect(top.authors.at(-1)).toMatchObject({ handle: 'ｚtie', mentions: 2, followers: 10_000 });
  });

  it('reads a block once, again only when its files change (a late file in an old date), and answers as the archive', async () => {
    const dirCopy = path.join(dir, 'late');
    fs.cpSync(roots.full, path.join(dirCopy, 'full'), { recursive: true });
    fs.cpSync(roots.archiveOnly, path.join(dirCopy, 'archive-only'), { recursive: true });
    const [full, archiveOnly] = [await open(path.join(dirCopy, 'full')), await open(path.join(dirCopy, 'archive-only'))];
    const all = RANGES['all time'] as TimeRange;
    await readTopAuthors(full, acme, all, 5);
    await readTopAuthors(full, acme, all, 5);
    // A row per author and block: January to March a block each, April a block per day.
    const authorsWhere = (keep: (published: Date) => boolean) =>
      new Set(
        monthsOfMentions()
          .filter((m) => kindOf(m) === 'counted' && keep(new Date(m.publishedAt)))
          .map((m) => `${m.source} ${m.author.handle}`),
      ).size;
    const rows =
      [0, 1, 2].reduce((sum, month) => sum + authorsWhere((d) => d.getUTCMonth() === month), 0) +
      Array.from({ length: 9 }, (_, i) => i + 1).reduce(
        (sum, day) => sum + authorsWhere((d) => d.getUTCMonth() === 3 && d.getUTCDate() === day),
        0,
      );
    expect(authorBlockCache(full).stats()).toEqual({ blocks: 12, rows, reads: 12, hits: 12, evicted: 0 });
    // Three mentions of February 10th by a new author arrive late, in a flush of their own.
    const late = [0, 1, 2].map((i) =>
      mention(5_000 + i, 'acme', {
        compound: 0.6,
        publishedAt: Date.UTC(2024, 1, 10, 9 + i),
        ingestedAt: Date.UTC(2024, 3, 9, 12),
        source: 'rss',
        author: { handle: 'latecomer', name: 'Late Comer', followers: 7 },
      }),
    );
    writeFlush(path.join(dirCopy, 'full'), late, 2, true);
    writeFlush(path.join(dirCopy, 'archive-only'), late, 2, false);
    const after = await readTopAuthors(full, acme, all, 100);
    expect(after).toEqual(await readTopAuthorsFromArchive(archiveOnly, acme, all, 100));
    expect(after.authors.find((a) => a.handle === 'latecomer')).toEqual({
      handle: 'latecomer',
      name: 'Late Comer',
      source: 'rss',
      followers: 7,
      mentions: 3,
      engagement: late.reduce((sum, m) => sum + m.engagement.likes + m.engagement.shares + m.engagement.replies, 0),
      meanSentiment: 0.6,
      answered: false,
    });
    // Only February was read again.
    expect(authorBlockCache(full).stats()).toEqual({ blocks: 12, rows: rows + 1, reads: 13, hits: 23, evicted: 0 });
  });

  it("after a restart, takes the brand's replies from the summary folder, not from the store", async () => {
    const summaryDir = path.join(dir, 'restart-summary');
    const all = RANGES['all time'] as TimeRange;
    const expected = await readTopAuthorsFromArchive(shared.archiveOnly, acme, all, 100);
    const start = async () => {
      const store = await openDashboardStore({ root: roots.full, summaryDir });
      opened.push(store);
      return store;
    };
    const stop = (store: DashboardStore) => {
      store.close();
      opened.splice(opened.indexOf(store), 1);
    };
    const first = await start();
    expect(await readTopAuthors(first, acme, all, 100)).toEqual(expected);
    stop(first);
    // Written as read: a slot per month or day (as the author blocks), each with its replies.
    const file = path.join(summaryDirFor(summaryDir, roots.full), 'brand-replies.json');
    const slots = JSON.parse(fs.readFileSync(file, 'utf8')) as Array<[string, string, string, Array<[string, string]>]>;
    const days = Array.from({ length: 9 }, (_, i) => `day 2024-04-0${i + 1}`);
    expect(slots.map(([slot]) => slot)).toEqual(['month 2024-01', 'month 2024-02', 'month 2024-03', ...days].map((s) => `acme\u0000${s}`));
    const replies = new Set(
      monthsOfMentions()
        .filter((m) => m.author.handle === '@Acme')
        .map((m) => `${m.source} ${m.parentId}`),
    );
    expect(slots.flatMap(([, , , held]) => held.map(([source, parent]) => `${source} ${parent}`)).sort()).toEqual([...replies].sort());

    const restarted = await start();
    expect(await readTopAuthors(restarted, acme, all, 100)).toEqual(expected);
    stop(restarted);
    // A restart over a file whose slots hold no reply answers nobody: the replies came from the
    // file (the store has them, and its own answer marks some authors answered).
    expect(expected.authors.filter((a) => a.answered).length).toBeGreaterThan(0);
    fs.writeFileSync(file, JSON.stringify(slots.map(([slot, key, newest]) => [slot, key, newest, []])));
    const marked = await start();
    expect(await readTopAuthors(marked, acme, all, 100)).toEqual({
      ...expected,
      authors: expected.authors.map((a) => ({ ...a, answered: false })),
    });
    stop(marked);
  });

  it('answers the same with a cache too small to hold a range, holding one block', async () => {
    const tiny = await open(roots.full, 1);
    const all = RANGES['all time'] as TimeRange;
    expect(await readTopAuthors(tiny, acme, all, 100)).toEqual(await readTopAuthorsFromArchive(shared.archiveOnly, acme, all, 100));
    const stats = authorBlockCache(tiny).stats();
    expect({ blocks: stats.blocks, reads: stats.reads, hits: stats.hits, evicted: stats.evicted }).toEqual({
      blocks: 1,
      reads: 12,
      hits: 0,
      evicted: 11,
    });
  });
});
