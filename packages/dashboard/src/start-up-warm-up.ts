// What the dashboard reads in the background from its start, so the first person to open the page
// after a (re)start does not pay a new process's first reads (docs/dashboard.md, "Kept on disk
// across restarts"). Two parts, in this order:
//
// 1. The page's opening reads once per brand (page-warm-up.ts: summary, series, share of voice,
//    drivers, the feed's first page over all time): a new process's first scan of a brand's
//    rollups and archive cost 0.5 to 5 s each on the benchmark's year of data, a second one well
//    under the targets. First because they are the shorter part and five of the page's six panels.
// 2. Top authors: every brand's author blocks for all time into the cache (11 to 27 s to group a
//    year of author_days the first time; loaded, not read, from the summary on disk,
//    author-summary-files.ts). The newest blocks first (the last days, which the short ranges read
//    too), one block at a time. Then all time of top authors once per brand, so its other caches
//    are filled too. It stops, and says so, when the cache's budget would start evicting what it
//    read.
//
// Requests keep being answered meanwhile; one for a block being read waits for that read instead
// of starting its own (the cache shares it). What it has done is in `progress()`, which /healthz
// and the authors answer show.
import { type BlockPlan, planDayBlocks } from './aggregate-days.ts';
import { authorBlockCache } from './author-block-cache.ts';
import type { DashboardStore } from './dashboard-store.ts';
import { readPageOpening } from './page-warm-up.ts';
import type { BrandInfo } from './rollup-widgets.ts';
import { readTopAuthors } from './top-authors.ts';

export interface WarmUpProgress {
  state: 'waiting' | 'warming' | 'done' | 'stopped' | 'failed';
  /** Brands whose page opening reads (part 1) are done, of the brands known at the start. */
  pages: { read: number; total: number };
  /** Author blocks read (or found already read) of the ones all time needs, over every brand. */
  read: number;
  total: number;
  /** Of those read, how many the summary on disk held (author-summary-files.ts): loaded, not read from DuckDB. */
  fromDisk: number;
  /** In words, for /healthz: "page: …; top authors: …". */
  detail: string;
}

export interface WarmUp {
  progress(): WarmUpProgress;
  /** Settles when the warm-up has ended, however it ended. */
  readonly finished: Promise<void>;
  /** Stops after the read under way (one brand's page reads, or one block). */
  stop(): void;
}

export interface WarmUpOptions {
  store: DashboardStore;
  /** The brands known now; polled until there is one (a brands topic is read after the start). */
  brands: () => readonly BrandInfo[];
  /** How long to wait for the first brand, ms. @default 60_000 */
  waitForBrandsMs?: number;
  log?: (fields: Record<string, unknown>, message: string) => void;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const secondsSince = (started: number) => ((performance.now() - started) / 1000).toFixed(1);

export function startWarmUp(options: WarmUpOptions): WarmUp {
  const { store } = options;
  const log = options.log ?? (() => undefined);
  let state: WarmUpProgress['state'] = 'waiting';
  const pages = { read: 0, total: 0 };
  const blocks = { read: 0, total: 0, fromDisk: 0 };
  // The two parts' words, joined for /healthz.
  let pageNote = 'page: waiting for the brands';
  let authorNote = '';
  let stopped = false;
  const progress = (): WarmUpProgress => ({
    state,
    pages: { ...pages },
    ...blocks,
    detail: authorNote === '' ? pageNote : `${pageNote}; ${authorNote}`,
  });

  const readPages = async (brands: readonly BrandInfo[]): Promise<boolean> => {
    const started = performance.now();
    const failed: string[] = [];
    for (const brand of brands) {
      if (stopped) {
        pageNote = `page: stopped after ${pages.read} of ${pages.total} brands`;
        return false;
      }
      pageNote = `page: reading all time, ${pages.read} of ${pages.total} brands`;
      try {
        await readPageOpening(store, brand, brands);
      } catch (error) {
        // The same read fails for the person who asks it, with its error; top authors do not
        // depend on it, so the warm-up goes on.
        failed.push(`${brand.id}: ${(error as Error).message}`);
        log({ err: error, brand: brand.id }, 'page warm-up read failed; it is read on first use');
      }
      pages.read += 1;
    }
    pageNote = `page: all time read for ${pages.total} brand${pages.total === 1 ? '' : 's'} in ${secondsSince(started)} s${failed.length === 0 ? '' : ` (failed for ${failed.join('; ')})`}`;
    log({ brands: pages.total, failed: failed.length, seconds: Number(secondsSince(started)) }, 'page reads warmed');
    return true;
  };

  const readAuthors = async (brands: readonly BrandInfo[], work: ReadonlyArray<{ brand: string; block: BlockPlan['blocks'][number] }>) => {
    const started = performance.now();
    const cache = authorBlockCache(store);
    const evictedBefore = cache.stats().evicted;
    const loadedBefore = store.summary?.stats().loaded ?? 0;
    const loaded = () => (store.summary?.stats().loaded ?? 0) - loadedBefore;
    const fromDisk = () => (loaded() > 0 ? `, ${loaded()} from the summary on disk` : '');
    authorNote = `top authors: reading all time, 0 of ${work.length} blocks`;
    for (const [i, { brand, block }] of work.entries()) {
      if (stopped) {
        authorNote = `top authors: stopped after ${i} of ${work.length} blocks`;
        return false;
      }
      await cache.block(brand, block.slot, block.key, block.source);
      Object.assign(blocks, { read: i + 1, fromDisk: loaded() });
      if (cache.stats().evicted > evictedBefore) {
        authorNote = `top authors: stopped after ${i + 1} of ${work.length} blocks, the cache's budget (${store.authorCacheRows.toLocaleString('en-US')} rows) is full`;
        log({ read: i + 1, total: work.length, rows: cache.stats().rows }, 'author cache warm-up stopped: the budget is full');
        return false;
      }
      authorNote = `top authors: reading all time, ${i + 1} of ${work.length} blocks${fromDisk()}`;
    }
    // Then all time once per brand, as the page first asks it: what top authors hold besides the
    // blocks (the brand's own accounts among its authors, its replies) is read here rather than by
    // the first person to open the page.
    for (const brand of brands) {
      if (stopped) {
        authorNote = `top authors: stopped after all ${work.length} blocks, before all time was read for every brand`;
        return false;
      }
      await readTopAuthors(store, brand, { from: null, to: null }, 10);
    }
    authorNote = `top authors: all time read, ${work.length} blocks in ${secondsSince(started)} s${fromDisk()}`;
    log({ blocks: work.length, rows: cache.stats().rows, seconds: Number(secondsSince(started)) }, 'author cache warmed');
    return true;
  };

  const run = async () => {
    const deadline = Date.now() + (options.waitForBrandsMs ?? 60_000);
    let brands = options.brands();
    while (brands.length === 0 && !stopped && Date.now() < deadline) {
      await sleep(500);
      brands = options.brands();
    }
    if (stopped) {
      state = 'stopped';
      pageNote = 'page: stopped while waiting for the brands';
      return;
    }
    // Planned before the page's reads so the blocks to come are counted from the start (the API's
    // `authorsWarmUp` shows them); a block whose date gains a file meanwhile is read again on use.
    const work = brands.flatMap((brand) =>
      planDayBlocks(store, brand.id, 'author_days', { from: null, to: null })
        .blocks.reverse()
        .map((block) => ({ brand: brand.id, block })),
    );
    state = 'warming';
    pages.total = brands.length;
    blocks.total = work.length;
    authorNote = `top authors: ${work.length} blocks to read after the page's`;
    const finished = (await readPages(brands)) && (await readAuthors(brands, work));
    state = finished ? 'done' : 'stopped';
  };
  const finished = run().catch((error: unknown) => {
    state = 'failed';
    authorNote = `top authors: warm-up failed after ${blocks.read} of ${blocks.total} blocks: ${(error as Error).message}`;
    log({ err: error }, 'author cache warm-up failed; blocks are read on first use');
  });
  return {
    progress,
    finished,
    stop() {
      stopped = true;
    },
  };
}
