// The start-up warm-up: the page's opening reads once per brand (what the API answers the page
// when it opens), then every brand's all-time author blocks once, newest first, its progress
// counted; top authors afterwards read nothing; a budget too small stops it; stop() stops it
// between reads; requests made meanwhile are answered.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { planDayBlocks } from '../src/aggregate-days.ts';
import { authorBlockCache } from '../src/author-block-cache.ts';
import { handleApi } from '../src/api-routes.ts';
import { type DashboardStore, openDashboardStore } from '../src/dashboard-store.ts';
import { readPageOpening } from '../src/page-warm-up.ts';
import { readSummary } from '../src/rollup-widgets.ts';
import { startWarmUp } from '../src/start-up-warm-up.ts';
import { readTopAuthors } from '../src/top-authors.ts';
import { SEED_BRANDS, seedStore } from './seed-store.ts';

const all = { from: null, to: null };
const PAGE_DONE = (brands: number) => `page: all time read for ${brands} brand${brands === 1 ? '' : 's'} in \\d+\\.\\d s`;

let dir: string;
beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dash-warm-up-'));
  await seedStore(dir);
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

// DuckDB sums doubles in whatever order its threads finish: a mean may differ in its last bit.
const rounded = (value: unknown): unknown =>
  JSON.parse(JSON.stringify(value, (_key, v: unknown) => (typeof v === 'number' ? Number(v.toPrecision(12)) : v)));

const blocksOf = (store: DashboardStore) =>
  SEED_BRANDS.reduce((sum, b) => sum + planDayBlocks(store, b.id, 'author_days', all).blocks.length, 0);

it('reads what the API answers the page when it opens on a brand: all time, the brand’s zone, the defaults', async () => {
  const store = await openDashboardStore({ root: dir });
  try {
    const ctx = { store, brands: () => SEED_BRANDS };
    const api = (brandId: string, route: string, query = '') =>
      handleApi(ctx, { kind: 'open' }, new URL(`http://dashboard/api/v1/brands/${brandId}/${route}${query}`));
    // globex counts its days in New York: the page sends ?tz=America/New_York, its zone.
    for (const brand of SEED_BRANDS) {
      const opening = await readPageOpening(store, brand, SEED_BRANDS);
      const tz = encodeURIComponent(brand.timeZone ?? 'UTC');
      expect(rounded(await api(brand.id, 'summary'))).toMatchObject(rounded(opening.summary) as object);
      expect(rounded(await api(brand.id, 'series', `?tz=${tz}`))).toEqual(rounded(opening.series));
      expect(rounded(await api(brand.id, 'share-of-voice'))).toEqual(rounded(opening.shareOfVoice));
      expect(rounded(await api(brand.id, 'drivers'))).toEqual(rounded(opening.drivers));
      expect(rounded(await api(brand.id, 'mentions'))).toEqual(rounded(opening.feed));
      // Not empty answers: the warm-up reads the brand's files.
      expect(opening.summary.mentions).toBeGreaterThan(0);
      expect(opening.series.timeZone).toBe(brand.timeZone ?? 'UTC');
      expect(opening.series.points.length).toBeGreaterThan(0);
      expect(opening.shareOfVoice.brands.map((b) => b.name)).toEqual(
        [brand.id, ...brand.competitors].map((id) => SEED_BRANDS.find((b) => b.id === id)?.name ?? id),
      );
      // The API's first page: 20 items of acme's 41, all of the others'.
      expect(opening.feed.items.length).toBe(brand.id === 'acme' ? 20 : opening.summary.funnel.records);
      expect(opening.drivers.positive.length + opening.drivers.negative.length).toBeGreaterThan(0);
    }
  } finally {
    store.close();
  }
});

it('reads every brand’s page, then its all-time blocks once; top authors afterwards read nothing more', async () => {
  const store = await openDashboardStore({ root: dir });
  try {
    const total = blocksOf(store);
    expect(total).toBeGreaterThan(SEED_BRANDS.length - 1);
    const warmUp = startWarmUp({ store, brands: () => SEED_BRANDS });
    await warmUp.finished;
    expect(warmUp.progress()).toEqual({
      state: 'done',
      pages: { read: SEED_BRANDS.length, total: SEED_BRANDS.length },
      read: total,
      total,
      fromDisk: 0,
      detail: expect.stringMatching(new RegExp(`^${PAGE_DONE(SEED_BRANDS.length)}; top authors: all time read, ${total} blocks in \\d+\\.\\d s$`)),
    });
    // Each block read once, then answered from memory once when the warm-up asks all time of each brand.
    expect(authorBlockCache(store).stats()).toMatchObject({ blocks: total, reads: total, hits: total, evicted: 0 });
    for (const brand of SEED_BRANDS) await readTopAuthors(store, brand, all, 10);
    expect(authorBlockCache(store).stats()).toMatchObject({ blocks: total, reads: total, hits: 2 * total, evicted: 0 });
  } finally {
    store.close();
  }
});

it('stops between reads when asked, the page’s first: no block read yet after the first brand’s page', async () => {
  const store = await openDashboardStore({ root: dir });
  try {
    const total = blocksOf(store);
    const warmUp = startWarmUp({ store, brands: () => SEED_BRANDS });
    // Already under way: the first brand's page reads are awaited when startWarmUp returns.
    expect(warmUp.progress()).toMatchObject({ state: 'warming', pages: { read: 0, total: 3 }, read: 0, total });
    expect(warmUp.progress().detail).toBe(`page: reading all time, 0 of 3 brands; top authors: ${total} blocks to read after the page's`);
    warmUp.stop();
    await warmUp.finished;
    expect(warmUp.progress()).toEqual({
      state: 'stopped',
      pages: { read: 1, total: 3 },
      read: 0,
      total,
      fromDisk: 0,
      detail: `page: stopped after 1 of 3 brands; top authors: ${total} blocks to read after the page's`,
    });
    expect(authorBlockCache(store).stats()).toMatchObject({ blocks: 0, reads: 0 });
  } finally {
    store.close();
  }
});

it('answers requests made while it runs', async () => {
  const store = await openDashboardStore({ root: dir });
  try {
    const acme = SEED_BRANDS[0] as (typeof SEED_BRANDS)[number];
    const warmUp = startWarmUp({ store, brands: () => SEED_BRANDS });
    const during = await readSummary(store, acme, all);
    const stateThen = warmUp.progress().state;
    await warmUp.finished;
    expect(stateThen).toBe('warming');
    expect(rounded(during)).toEqual(rounded(await readSummary(store, acme, all)));
    expect(during.mentions).toBeGreaterThan(0);
  } finally {
    store.close();
  }
});

it('stops when the cache’s budget would start evicting what it read, and says so', async () => {
  const store = await openDashboardStore({ root: dir, authorCacheRows: 1 });
  try {
    const warmUp = startWarmUp({ store, brands: () => SEED_BRANDS });
    await warmUp.finished;
    const progress = warmUp.progress();
    expect(progress.state).toBe('stopped');
    expect(progress.read).toBe(2);
    expect(progress.detail).toMatch(
      new RegExp(`^${PAGE_DONE(3)}; top authors: stopped after 2 of ${progress.total} blocks, the cache's budget \\(1 rows\\) is full$`),
    );
  } finally {
    store.close();
  }
});

it('waits for the brands, and stops while waiting when asked', async () => {
  const store = await openDashboardStore({ root: dir });
  try {
    const warmUp = startWarmUp({ store, brands: () => [] });
    expect(warmUp.progress()).toMatchObject({ state: 'waiting', detail: 'page: waiting for the brands' });
    warmUp.stop();
    await warmUp.finished;
    expect(warmUp.progress()).toMatchObject({ state: 'stopped', detail: 'page: stopped while waiting for the brands' });
  } finally {
    store.close();
  }
});

it('after a restart, loads every block from the summary on disk and says so', async () => {
  const summaryDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dash-warm-summary-'));
  try {
    const first = await openDashboardStore({ root: dir, summaryDir });
    const total = blocksOf(first);
    await startWarmUp({ store: first, brands: () => SEED_BRANDS }).finished;
    first.close();
    const restarted = await openDashboardStore({ root: dir, summaryDir });
    try {
      const warmUp = startWarmUp({ store: restarted, brands: () => SEED_BRANDS });
      await warmUp.finished;
      expect(warmUp.progress()).toEqual({
        state: 'done',
        pages: { read: 3, total: 3 },
        read: total,
        total,
        fromDisk: total,
        detail: expect.stringMatching(
          new RegExp(`^${PAGE_DONE(3)}; top authors: all time read, ${total} blocks in \\d+\\.\\d s, ${total} from the summary on disk$`),
        ),
      });
      expect(restarted.summary?.stats()).toEqual({ loaded: total, saved: 0, refused: 0, failed: 0 });
    } finally {
      restarted.close();
    }
  } finally {
    fs.rmSync(summaryDir, { recursive: true, force: true });
  }
});
