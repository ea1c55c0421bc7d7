// Top authors and sentiment drivers read from the per-day aggregates (author_days, driver_days)
// must answer exactly what the conversation archive alone answers, for every kind of range.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { splitDays } from '../src/aggregate-days.ts';
import { readDrivers } from '../src/conversation-widgets.ts';
import { type DashboardStore, openDashboardStore } from '../src/dashboard-store.ts';
import type { BrandInfo } from '../src/rollup-widgets.ts';
import type { TimeRange } from '../src/time-range.ts';
import { readTopAuthors } from '../src/top-authors.ts';
import { readTopAuthorsFromArchive } from '../src/top-authors-sql.ts';
import { startOfDay } from '../src/zoned-time.ts';
import { kindOf, SEED_BRANDS, seedMentions, seedStore, T0 } from './seed-store.ts';

const acme = SEED_BRANDS[0] as BrandInfo;
const MAY1 = Date.UTC(2024, 4, 1);
const MAY2 = Date.UTC(2024, 4, 2);
const MAY3 = Date.UTC(2024, 4, 3);
const HOUR = 3_600_000;

const RANGES: Record<string, TimeRange> = {
  'all time': { from: null, to: null },
  'one whole UTC day': { from: MAY1, to: MAY2 },
  'from a UTC midnight on': { from: MAY2, to: null },
  'cut inside both days': { from: T0 + 3 * HOUR, to: MAY2 + 6 * HOUR },
  'a New York day (04:00 to 04:00 UTC)': {
    from: startOfDay('America/New_York', MAY1 + 12 * HOUR),
    to: startOfDay('America/New_York', MAY2 + 12 * HOUR),
  },
  'two whole days': { from: MAY1, to: MAY3 },
};

let dir: string;
let stores: { aggregated: DashboardStore; archiveOnly: DashboardStore; oneFileMissing: DashboardStore; capped: DashboardStore };

/** A copy of `from` without the folders under `skip` (paths relative to the store's root). */
function copyWithout(from: string, to: string, skip: (relative: string) => boolean): void {
  fs.cpSync(from, to, { recursive: true, filter: (source) => !skip(path.relative(from, source)) });
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dash-day-aggregates-'));
  const full = path.join(dir, 'full');
  await seedStore(full);
  // As written before the aggregates existed: the archive only.
  copyWithout(full, path.join(dir, 'archive-only'), (rel) => /^(author-days|driver-days|brand-replies)/.test(rel));
  // A flush caught between two uploads: one partition's aggregate files of May 1 not there yet.
  copyWithout(full, path.join(dir, 'one-file-missing'), (rel) =>
    /^(author-days|driver-days|brand-replies)\/v1\/brand=acme\/date=2024-05-01\/part-1-/.test(rel),
  );
  await seedStore(path.join(dir, 'capped'), seedMentions(), { maxAuthorsPerDay: 2 });
  stores = {
    aggregated: await openDashboardStore({ root: full }),
    archiveOnly: await openDashboardStore({ root: path.join(dir, 'archive-only') }),
    oneFileMissing: await openDashboardStore({ root: path.join(dir, 'one-file-missing') }),
    capped: await openDashboardStore({ root: path.join(dir, 'capped') }),
  };
});

afterAll(() => {
  for (const store of Object.values(stores ?? {})) store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('per-day aggregates in the dashboard', () => {
  it('reads whole covered UTC days from the aggregates and the rest from the archive', () => {
    expect(splitDays(stores.aggregated, 'acme', 'author_days', RANGES['all time'] as TimeRange)).toEqual({
      aggregate: ['2024-05-01', '2024-05-02'],
      archive: [],
    });
    expect(splitDays(stores.aggregated, 'acme', 'driver_days', RANGES['cut inside both days'] as TimeRange)).toEqual({
      aggregate: [],
      archive: ['2024-05-01', '2024-05-02'],
    });
    expect(splitDays(stores.aggregated, 'acme', 'author_days', { from: MAY1, to: MAY2 + HOUR })).toEqual({
      aggregate: ['2024-05-01'],
      archive: ['2024-05-02'],
    });
    expect(splitDays(stores.archiveOnly, 'acme', 'author_days', RANGES['all time'] as TimeRange)).toEqual({
      aggregate: [],
      archive: ['2024-05-01', '2024-05-02'],
    });
    expect(splitDays(stores.oneFileMissing, 'acme', 'driver_days', RANGES['all time'] as TimeRange)).toEqual({
      aggregate: ['2024-05-02'],
      archive: ['2024-05-01'],
    });
  });

  for (const [name, range] of Object.entries(RANGES)) {
    it(`answers top authors and drivers exactly as the archive does: ${name}`, async () => {
      const archived = await readTopAuthorsFromArchive(stores.archiveOnly, acme, range, 100);
      expect(archived.authors.length).toBeGreaterThan(0);
      expect(await readTopAuthors(stores.archiveOnly, acme, range, 100)).toEqual(archived);
      expect(await readTopAuthors(stores.aggregated, acme, range, 100)).toEqual(archived);
      expect(await readTopAuthors(stores.oneFileMissing, acme, range, 100)).toEqual(archived);
      const drivers = await readDrivers(stores.archiveOnly, acme, range, 8);
      expect(await readDrivers(stores.aggregated, acme, range, 8)).toEqual(drivers);
      expect(await readDrivers(stores.oneFileMissing, acme, range, 8)).toEqual(drivers);
    });
  }

  it('answers whom the brand answered from brand_replies as from the archive (user1, by the support account)', async () => {
    for (const store of [stores.aggregated, stores.archiveOnly, stores.oneFileMissing]) {
      const { authors } = await readTopAuthors(store, acme, RANGES['all time'] as TimeRange, 100);
      expect((await readTopAuthorsFromArchive(store, acme, RANGES['all time'] as TimeRange, 100)).authors).toEqual(authors);
      expect(authors.filter((a) => a.answered).map((a) => [a.source, a.handle])).toEqual([['rss', 'user1']]);
    }
    expect(
      splitDays(stores.aggregated, 'acme', 'brand_replies', RANGES['cut inside both days'] as TimeRange, { wholeDays: false }),
    ).toEqual({
      aggregate: ['2024-05-01', '2024-05-02'],
      archive: [],
    });
    const [reply] = await stores.aggregated.rows(
      `SELECT mention_id, source, author_handle, parent_id FROM ${stores.aggregated.relation('brand_replies', { brand: 'acme' })}`,
    );
    expect(reply).toEqual({ mention_id: 'rss:acme-40', source: 'rss', author_handle: 'AcmeSupport', parent_id: 'acme-1' });
  });

  it('says how many authors and mentions a capped flush folded into "others", and counts every mention once', async () => {
    const all = RANGES['all time'] as TimeRange;
    const counted = seedMentions().filter((m) => m.brandId === 'acme' && kindOf(m) === 'counted').length;
    const [sums] = await stores.capped.rows(
      `SELECT sum(mentions)::INTEGER AS mentions, sum(mentions) FILTER (is_others)::INTEGER AS folded, sum(authors) FILTER (is_others)::INTEGER AS authors
       FROM ${stores.capped.relation('author_days', { brand: 'acme' })}`,
    );
    expect(sums?.mentions).toBe(counted);
    const { folded } = await readTopAuthors(stores.capped, acme, all, 100);
    expect(folded).toEqual({ authors: sums?.authors, mentions: sums?.folded });
    expect(folded.mentions).toBeGreaterThan(0);
    expect((await readTopAuthors(stores.aggregated, acme, all, 100)).folded).toEqual({ authors: 0, mentions: 0 });
  });
});
