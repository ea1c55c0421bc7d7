// How fast the dashboard's widgets answer on a year of one brand's data: every API read the page
// makes, timed in-process over a generated store (bench-store.ts), next to two baselines measured
// in the same run on the same files: DuckDB counting the brand's archived mentions (the floor of
// any scan), `sl query`'s runQuery summing the same rollups the summary sums, and top authors and
// drivers read from the archive alone (as before the per-day aggregates existed). The page's first
// reads after a start (top authors' fill the author block cache and write its summary on disk) are
// timed apart, then again in a second process over the same store and summary (a restart), and
// the process's resident memory is printed after the widgets, before the baselines add theirs;
// the whole bench runs with the dashboard service's Node flags and environment
// (infra/service-launch.ts).
// Run: node packages/dashboard/bench/dashboard-bench.ts (from the repository root).
// SL_BENCH_MENTIONS (10,000,000), SL_BENCH_DAYS (365), SL_BENCH_FLUSHES_PER_DAY (1), SL_BENCH_RUNS (7).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runQuery } from '@sl/cli/query/run-query';
import { cacheDir } from '@sl/infra/paths';
import { SERVICE_ENV, serviceArgs } from '@sl/infra/service-launch';
import { authorBlockCache } from '../src/author-block-cache.ts';
import { readDrivers, readFeed } from '../src/conversation-widgets.ts';
import { openDashboardStore } from '../src/dashboard-store.ts';
import { type BrandInfo, readSeries, readShareOfVoice, readSummary } from '../src/rollup-widgets.ts';
import { startWarmUp } from '../src/start-up-warm-up.ts';
import type { TimeRange } from '../src/time-range.ts';
import { readTopAuthors } from '../src/top-authors.ts';
import { readTopAuthorsFromArchive } from '../src/top-authors-sql.ts';
import { startOfDay } from '../src/zoned-time.ts';
import { archiveOnlyRoot, BENCH_BRAND, benchStoreDir, COMPETITORS, ensureBenchStore } from './bench-store.ts';

// Run as the dashboard service runs (its package.json's Node flags, MALLOC_ARENA_MAX), so the
// resident memory printed is the service's: the bench starts itself again that way.
const asService = (env: Record<string, string>) =>
  spawnSync(process.execPath, serviceArgs('dashboard', import.meta.filename), {
    stdio: 'inherit',
    env: { ...process.env, ...SERVICE_ENV, SL_BENCH_AS_SERVICE: '1', ...env },
  }).status ?? 1;
if (process.env.SL_BENCH_AS_SERVICE !== '1') {
  // Top authors' summary on disk goes to a folder of this run (not the cached store's), removed at the end.
  const summaryDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sl-dashboard-bench-summary-'));
  try {
    let status = asService({ SL_BENCH_SUMMARY_DIR: summaryDir });
    // Restarts: a new process over the same store and summary, its first reads timed as they come
    // at once, then in another after the service's start-up warm-up.
    for (const phase of ['restart', 'restart-warm']) {
      if (status === 0) status = asService({ SL_BENCH_SUMMARY_DIR: summaryDir, SL_BENCH_PHASE: phase });
    }
    process.exit(status);
  } finally {
    fs.rmSync(summaryDir, { recursive: true, force: true });
  }
}
const summaryDir = process.env.SL_BENCH_SUMMARY_DIR as string;
const phase = process.env.SL_BENCH_PHASE;
const restart = phase === 'restart' || phase === 'restart-warm';

const say = (line: string) => process.stdout.write(`${line}\n`);
const env = process.env;
const mentions = Number(env.SL_BENCH_MENTIONS ?? 10_000_000);
const days = Number(env.SL_BENCH_DAYS ?? 365);
const flushesPerDay = Number(env.SL_BENCH_FLUSHES_PER_DAY ?? 1);
const runs = Number(env.SL_BENCH_RUNS ?? 7);

const bench = ensureBenchStore(
  benchStoreDir(cacheDir, mentions, days, flushesPerDay),
  mentions,
  days,
  flushesPerDay,
  restart ? () => undefined : say,
);
if (!restart)
  say(
    `store: ${bench.mentions.toLocaleString('en-US')} archived mentions of ${BENCH_BRAND} over ${days} days, ${bench.files.toLocaleString('en-US')} files, ${flushesPerDay} flush(es) per brand and day, under ${bench.root}${bench.generatedSeconds === null ? ' (cached)' : ` (generated in ${bench.generatedSeconds.toFixed(0)} s)`}`,
  );

const store = await openDashboardStore({ root: bench.root, summaryDir });
const mb = (bytes: number) => `${(bytes / 1_048_576).toFixed(0)} MB`;
const residentAtOpen = process.memoryUsage().rss;
const brand: BrandInfo = { id: BENCH_BRAND, name: 'Acme', competitors: COMPETITORS, handles: ['acme'], timeZone: null };
const DAY = 86_400_000;
const all: TimeRange = { from: null, to: null };
const month: TimeRange = { from: bench.to - 30 * DAY, to: bench.to };
const day: TimeRange = { from: bench.to - DAY, to: bench.to };

/**
 * The page's reads over all time as it makes them when opened, each timed once on what this
 * process holds so far (nothing at its start): the first reads after a start.
 */
async function firstReads(heading: string): Promise<number> {
  say(heading);
  let missed = 0;
  const once = async (what: string, target: number, fn: () => Promise<unknown>, note = () => '') => {
    const started = performance.now();
    await fn();
    const ms = performance.now() - started;
    if (ms > target) missed += 1;
    say(`  ${what.padEnd(44)} ${ms.toFixed(1).padStart(8)} ms   (target ${target} ms: ${ms <= target ? 'met' : 'MISSED'})${note()}`);
  };
  await once('summary', 300, () => readSummary(store, brand, all));
  await once('series', 300, () => readSeries(store, brand, all, null));
  await once('share of voice', 300, () =>
    readShareOfVoice(
      store,
      brand,
      COMPETITORS.map((id) => ({ id, name: id })),
      all,
    ),
  );
  await once(
    'top authors',
    300,
    () => readTopAuthors(store, brand, all, 10),
    () => {
      const cache = authorBlockCache(store).stats();
      const disk = store.summary?.stats();
      return `   (cache: ${cache.blocks} blocks, ${cache.rows.toLocaleString('en-US')} rows; summary on disk: ${disk?.loaded ?? 0} loaded, ${disk?.saved ?? 0} written; resident ${mb(process.memoryUsage().rss)})`;
    },
  );
  await once('sentiment drivers', 300, () => readDrivers(store, brand, all, 8));
  await once('feed, first page', 200, () => readFeed(store, brand, all, { filters: {}, cursor: null, limit: 20 }));
  return missed;
}

if (restart) {
  let heading = `\nfirst reads after a restart, at once (a new process over the same store and summary on disk; all time, in the page's order, each once):`;
  if (phase === 'restart-warm') {
    const started = performance.now();
    // As services/dashboard/src/main.ts starts it: the page's all-time reads, then the author blocks.
    const warmUp = startWarmUp({ store, brands: () => [brand] });
    await warmUp.finished;
    heading = `\nfirst reads after a restart, after the service's start-up warm-up (${(performance.now() - started).toFixed(1)} ms: "${warmUp.progress().detail}"):`;
  }
  const missed = await firstReads(heading);
  say(
    `the restarted process: resident ${mb(residentAtOpen)} with the store open, ${mb(process.memoryUsage().rss)} after its first reads, peak ${mb(process.resourceUsage().maxRSS * 1024)}; ${missed === 0 ? 'every first read under its target' : `${missed} of 6 first reads over their target`}`,
  );
  store.close();
  process.exit(0);
}

async function time(fn: () => Promise<unknown>): Promise<{ median: number; max: number }> {
  await fn(); // warm: the operating system's file cache and DuckDB's metadata cache
  const ms: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const started = performance.now();
    await fn();
    ms.push(performance.now() - started);
  }
  ms.sort((a, b) => a - b);
  return { median: ms[Math.floor(ms.length / 2)] as number, max: ms.at(-1) as number };
}

const rows: Array<{ what: string; target: number | null; median: number; max: number }> = [];
const measure = async (what: string, target: number | null, fn: () => Promise<unknown>) => {
  const t = await time(fn);
  rows.push({ what, target, ...t });
  say(
    `  ${what.padEnd(44)} median ${t.median.toFixed(1).padStart(8)} ms   max ${t.max.toFixed(1).padStart(8)} ms${target === null ? '' : t.max <= target ? `   (target ${target} ms: met)` : `   (target ${target} ms: MISSED)`}`,
  );
};

await firstReads(
  "\nfirst reads after a start with no summary on disk (all time, in the page's order, each once; the author block cache empty, then filled):",
);
{
  const started = performance.now();
  await readTopAuthors(store, brand, month, 10);
  const cache = authorBlockCache(store).stats();
  say(
    `  ${'top authors, last 30 days, after all time'.padEnd(44)} ${(performance.now() - started).toFixed(1).padStart(8)} ms   (cache: ${cache.blocks} blocks, ${cache.rows.toLocaleString('en-US')} rows, resident ${mb(process.memoryUsage().rss)})`,
  );
}
let fifthPage: string | null = null;
{
  let cursor: string | null = null;
  for (let page = 0; page < 4; page += 1) cursor = (await readFeed(store, brand, all, { filters: {}, cursor, limit: 20 })).next;
  fifthPage = cursor;
}
say('\nwidgets (target: every widget under 300 ms, a feed page under 200 ms):');
for (const [label, range] of [
  ['all time', all],
  ['last 30 days', month],
  ['last day', day],
] as const) {
  await measure(`summary, ${label}`, 300, () => readSummary(store, brand, range));
  await measure(`series, ${label}`, 300, () => readSeries(store, brand, range, null));
  await measure(`share of voice, ${label}`, 300, () =>
    readShareOfVoice(
      store,
      brand,
      COMPETITORS.map((id) => ({ id, name: id })),
      range,
    ),
  );
  await measure(`top authors, ${label}`, 300, () => readTopAuthors(store, brand, range, 10));
  await measure(`sentiment drivers, ${label}`, 300, () => readDrivers(store, brand, range, 8));
}
// Days of the brand's own zone are added up from hour rollups (UTC days are read as they are):
// the same series in UTC and in New York days, and in India's (off UTC by half an hour: minute rollups).
await measure('series by day, all time, UTC', 300, () => readSeries(store, brand, all, 'day'));
await measure('series by day, all time, America/New_York', 300, () => readSeries(store, brand, all, 'day', 'America/New_York'));
await measure('series by day, last 30 days, UTC', 300, () => readSeries(store, brand, month, 'day'));
const kolkataMonth: TimeRange = { from: startOfDay('Asia/Kolkata', bench.to - 30 * DAY), to: startOfDay('Asia/Kolkata', bench.to) };
await measure('series by day, last 30 days, Asia/Kolkata', 300, () => readSeries(store, brand, kolkataMonth, 'day', 'Asia/Kolkata'));
await measure('feed, first page, all time', 200, () => readFeed(store, brand, all, { filters: {}, cursor: null, limit: 20 }));
await measure('feed, fifth page, all time', 200, () => readFeed(store, brand, all, { filters: {}, cursor: fifthPage, limit: 20 }));
await measure('feed, negative on reddit, all time', 200, () =>
  readFeed(store, brand, all, { filters: { sentiment: 'negative', source: 'reddit' }, cursor: null, limit: 20 }),
);
await measure('feed, text "refund", last 30 days', 200, () =>
  readFeed(store, brand, month, { filters: { text: 'refund' }, cursor: null, limit: 20 }),
);
// What the dashboard's own reads cost in memory, before anything else runs here: the service does
// these reads and no others (the baselines below open a second store and group the whole archive).
const cache = authorBlockCache(store).stats();
say(
  `\nthe dashboard's reads above, in this process: resident ${mb(residentAtOpen)} with the store open, ${mb(process.memoryUsage().rss)} after them, peak ${mb(process.resourceUsage().maxRSS * 1024)}; author block cache ${cache.blocks} blocks, ${cache.rows.toLocaleString('en-US')} rows (at most ${store.authorCacheRows.toLocaleString('en-US')}), ${cache.reads} read, ${cache.hits} answered from memory, ${cache.evicted} evicted`,
);

// The same files without author_days and driver_days: top authors and drivers as they were read
// before the aggregates (the whole range from the archive), measured in the same run.
const archiveOnly = await openDashboardStore({ root: archiveOnlyRoot(bench) });
const relation = store.relation('conversations', { brand: BENCH_BRAND });
say(`\nbaselines, same files, same run (${runs} runs after one warm-up):`);
await measure("DuckDB count(*) of the brand's archive", null, () => store.rows(`SELECT count(*) FROM ${relation}`));
await measure('sl query (runQuery) summing the day rollups', null, () =>
  runQuery(
    bench.root,
    `SELECT sum(mentions), sum(positive), sum(neutral), sum(negative) FROM rollups WHERE brand = '${BENCH_BRAND}' AND grain = 'day'`,
  ),
);
for (const [label, range] of [
  ['all time', all],
  ['last 30 days', month],
] as const) {
  await measure(`top authors, ${label}, archive only`, null, () => readTopAuthorsFromArchive(archiveOnly, brand, range, 10));
  await measure(`sentiment drivers, ${label}, archive only`, null, () => readDrivers(archiveOnly, brand, range, 8));
}

// The aggregates must give the archive's answer: checked on the same files, not assumed.
for (const [label, range] of [
  ['all time', all],
  ['last 30 days', month],
] as const) {
  const same = async (read: (s: typeof store) => Promise<unknown>) =>
    JSON.stringify(await read(store)) === JSON.stringify(await read(archiveOnly));
  const authors =
    JSON.stringify(await readTopAuthors(store, brand, range, 10)) ===
    JSON.stringify(await readTopAuthorsFromArchive(archiveOnly, brand, range, 10));
  const drivers = await same((s) => readDrivers(s, brand, range, 8));
  say(
    `  ${label}: top authors ${authors ? 'equal' : 'DIFFER from'} the archive's, drivers ${drivers ? 'equal' : 'DIFFER from'} the archive's`,
  );
}
store.close();
archiveOnly.close();
const missed = rows.filter((r) => r.target !== null && r.max > r.target);
say(
  `\n${missed.length === 0 ? 'every target met' : `${missed.length} of ${rows.filter((r) => r.target !== null).length} targets missed: ${missed.map((r) => r.what).join('; ')}`} (${path.relative(process.cwd(), bench.root)})`,
);
