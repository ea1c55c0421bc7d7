// Reads every brand's author blocks for all time into the cache when the dashboard starts, so the
// first person to open top authors over a long range does not wait for a year of author_days to be
// grouped (11 to 27 s on the benchmark's store). The newest blocks first (the last days, which the
// short ranges read too), one block at a time: requests keep being answered meanwhile, and one for
// a block being read waits for that read instead of starting its own (the cache shares it). What it
// has done is in `progress()`, which /healthz and the authors answer show. With a summary on disk
// (author-summary-files.ts) the blocks are loaded, not read. Then it asks all time of top authors
// and share of voice once per brand, so their other caches are filled before the first person asks.
// It stops, and says so, when the cache's budget would start evicting what it read.
import { planDayBlocks } from './aggregate-days.ts';
import { authorBlockCache } from './author-block-cache.ts';
import type { DashboardStore } from './dashboard-store.ts';
import { type BrandInfo, readShareOfVoice } from './rollup-widgets.ts';
import { readTopAuthors } from './top-authors.ts';

export interface WarmUpProgress {
  state: 'waiting' | 'warming' | 'done' | 'stopped' | 'failed';
  /** Blocks read (or found already read) of the ones all time needs, over every brand. */
  read: number;
  total: number;
  /** Of those read, how many the summary on disk held (author-summary-files.ts): loaded, not read from DuckDB. */
  fromDisk: number;
  /** In words, for /healthz and the page. */
  detail: string;
}

export interface AuthorWarmUp {
  progress(): WarmUpProgress;
  /** Settles when the warm-up has ended, however it ended. */
  readonly finished: Promise<void>;
  /** Stops after the block being read. */
  stop(): void;
}

export interface AuthorWarmUpOptions {
  store: DashboardStore;
  /** The brands known now; polled until there is one (a brands topic is read after the start). */
  brands: () => readonly BrandInfo[];
  /** How long to wait for the first brand, ms. @default 60_000 */
  waitForBrandsMs?: number;
  log?: (fields: Record<string, unknown>, message: string) => void;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function startAuthorWarmUp(options: AuthorWarmUpOptions): AuthorWarmUp {
  const { store } = options;
  const log = options.log ?? (() => undefined);
  let progress: WarmUpProgress = { state: 'waiting', read: 0, total: 0, fromDisk: 0, detail: 'top authors: waiting for the brands' };
  let stopped = false;
  const run = async () => {
    const started = performance.now();
    const deadline = Date.now() + (options.waitForBrandsMs ?? 60_000);
    let brands = options.brands();
    while (brands.length === 0 && !stopped && Date.now() < deadline) {
      await sleep(500);
      brands = options.brands();
    }
    const cache = authorBlockCache(store);
    const all = { from: null, to: null };
    const work = brands.flatMap((brand) =>
      planDayBlocks(store, brand.id, 'author_days', all)
        .blocks.reverse()
        .map((block) => ({ brand: brand.id, block })),
    );
    progress = {
      state: 'warming',
      read: 0,
      total: work.length,
      fromDisk: 0,
      detail: `top authors: reading all time, 0 of ${work.length} blocks`,
    };
    const evictedBefore = cache.stats().evicted;
    const loadedBefore = store.summary?.stats().loaded ?? 0;
    const loaded = () => (store.summary?.stats().loaded ?? 0) - loadedBefore;
    const fromDisk = () => (loaded() > 0 ? `, ${loaded()} from the summary on disk` : '');
    for (const [i, { brand, block }] of work.entries()) {
      if (stopped) {
        progress = { ...progress, state: 'stopped', detail: `top authors: stopped after ${i} of ${work.length} blocks` };
        return;
      }
      await cache.block(brand, block.slot, block.key, block.source);
      if (cache.stats().evicted > evictedBefore) {
        progress = {
          state: 'stopped',
          read: i + 1,
          total: work.length,
          fromDisk: loaded(),
          detail: `top authors: stopped after ${i + 1} of ${work.length} blocks, the cache's budget (${store.authorCacheRows.toLocaleString('en-US')} rows) is full`,
        };
        log({ read: i + 1, total: work.length, rows: cache.stats().rows }, 'author cache warm-up stopped: the budget is full');
        return;
      }
      progress = {
        state: 'warming',
        read: i + 1,
        total: work.length,
        fromDisk: loaded(),
        detail: `top authors: reading all time, ${i + 1} of ${work.length} blocks${fromDisk()}`,
      };
    }
    // Then all time once per brand, as the page first asks it: what top authors and share of voice
    // hold besides the blocks (the brand's own accounts among its authors, its replies, each
    // date's totals) is read here rather than by the first person to open the page.
    for (const brand of brands) {
      if (stopped) {
        progress = {
          ...progress,
          state: 'stopped',
          detail: `top authors: stopped after all ${work.length} blocks, before all time was read for every brand`,
        };
        return;
      }
      await readTopAuthors(store, brand, all, 10);
      const names = new Map(brands.map((b) => [b.id, b.name]));
      await readShareOfVoice(
        store,
        brand,
        brand.competitors.map((id) => ({ id, name: names.get(id) ?? id })),
        all,
      );
    }
    const seconds = (performance.now() - started) / 1000;
    progress = {
      state: 'done',
      read: work.length,
      total: work.length,
      fromDisk: loaded(),
      detail: `top authors: all time read, ${work.length} blocks in ${seconds.toFixed(1)} s${fromDisk()}`,
    };
    log({ blocks: work.length, rows: cache.stats().rows, seconds: Number(seconds.toFixed(1)) }, 'author cache warmed');
  };
  const finished = run().catch((error: unknown) => {
    progress = {
      ...progress,
      state: 'failed',
      detail: `top authors: warm-up failed after ${progress.read} of ${progress.total} blocks: ${(error as Error).message}`,
    };
    log({ err: error }, 'author cache warm-up failed; blocks are read on first use');
  });
  return {
    progress: () => progress,
    finished,
    stop() {
      stopped = true;
    },
  };
}
