// The start-up read of the author blocks: every brand's all-time blocks read once, newest first,
// its progress counted; top authors afterwards read nothing; a budget too small stops it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { planDayBlocks } from '../src/aggregate-days.ts';
import { authorBlockCache } from '../src/author-block-cache.ts';
import { startAuthorWarmUp } from '../src/author-warm-up.ts';
import { openDashboardStore } from '../src/dashboard-store.ts';
import type { BrandInfo } from '../src/rollup-widgets.ts';
import { readTopAuthors } from '../src/top-authors.ts';
import { SEED_BRANDS, seedStore } from './seed-store.ts';

let dir: string;
beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dash-warm-up-'));
  await seedStore(dir);
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

it('reads every brand’s all-time blocks once, then top authors read nothing more', async () => {
  const store = await openDashboardStore({ root: dir });
  try {
    const all = { from: null, to: null };
    const total = SEED_BRANDS.reduce((sum, b) => sum + planDayBlocks(store, b.id, 'author_days', all).blocks.length, 0);
    expect(total).toBeGreaterThan(SEED_BRANDS.length - 1);
    const warmUp = startAuthorWarmUp({ store, brands: () => SEED_BRANDS });
    await warmUp.finished;
    expect(warmUp.progress()).toEqual({
      state: 'done',
      read: total,
      total,
      fromDisk: 0,
      detail: expect.stringMatching(new RegExp(`^top authors: all time read, ${total} blocks in \\d+\\.\\d s$`)),
    });
    // Each block read once, then answered from memory once when the warm-up asks all time of each brand.
    expect(authorBlockCache(store).stats()).toMatchObject({ blocks: total, reads: total, hits: total, evicted: 0 });
    for (const brand of SEED_BRANDS) await readTopAuthors(store, brand as BrandInfo, all, 10);
    expect(authorBlockCache(store).stats()).toMatchObject({ blocks: total, reads: total, hits: 2 * total, evicted: 0 });
  } finally {
    store.close();
  }
});

it('stops when the cache’s budget would start evicting what it read, and says so', async () => {
  const store = await openDashboardStore({ root: dir, authorCacheRows: 1 });
  try {
    const warmUp = startAuthorWarmUp({ store, brands: () => SEED_BRANDS });
    await warmUp.finished;
    const progress = warmUp.progress();
    expect(progress.state).toBe('stopped');
    expect(progress.read).toBe(2);
    expect(progress.detail).toBe(`top authors: stopped after 2 of ${progress.total} blocks, the cache's budget (1 rows) is full`);
  } finally {
    store.close();
  }
});

it('after a restart, loads every block from the summary on disk and says so', async () => {
  const summaryDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dash-warm-summary-'));
  try {
    const all = { from: null, to: null };
    const first = await openDashboardStore({ root: dir, summaryDir });
    const total = SEED_BRANDS.reduce((sum, b) => sum + planDayBlocks(first, b.id, 'author_days', all).blocks.length, 0);
    await startAuthorWarmUp({ store: first, brands: () => SEED_BRANDS }).finished;
    first.close();
    const restarted = await openDashboardStore({ root: dir, summaryDir });
    try {
      const warmUp = startAuthorWarmUp({ store: restarted, brands: () => SEED_BRANDS });
      await warmUp.finished;
      expect(warmUp.progress()).toEqual({
        state: 'done',
        read: total,
        total,
        fromDisk: total,
        detail: expect.stringMatching(
          new RegExp(`^top authors: all time read, ${total} blocks in \\d+\\.\\d s, ${total} from the summary on disk$`),
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
