// Counted mentions of a brand per UTC date folder of one rollup grain, kept in memory under the
// names of the files in that folder. Share of voice over a year summed the day rollups of the brand
// and every competitor on each request: about a thousand small files opened for three numbers
// (0.5 to 1.4 s on the benchmark's store). The rollup files are immutable and named for the Kafka
// offsets they hold, so a date folder with the same file names has the same total: a request lists
// the folders (no file is opened), adds up the totals it holds, and asks DuckDB only for the dates
// whose listing changed (a new flush, a late file, correction rows) or that the range cuts. Counts
// are integers, so adding them per date gives exactly the sum DuckDB gives over the rows.
//
// With a summary folder (SL_DASHBOARD_SUMMARY_DIR) the totals are also written to a file there and
// read back by the next process, so the first share of voice after a restart reads only what
// changed meanwhile (it read every date of the three brands, about a second on the benchmark's store).
// A listing is held as a hash of its file names: a day of 30 s flushes is 2,880 names.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Grain } from '@sl/rollups';
import type { DashboardStore, Params } from './dashboard-store.ts';
import { num } from './dashboard-store.ts';
import { rangeConditions, rangeDays } from './rollup-widgets.ts';
import type { TimeRange } from './time-range.ts';

const DAY_MS = 86_400_000;

/** Dates held at most; past it the totals are dropped and read again (about 100 bytes each). */
export const MAX_DAY_TOTALS = 200_000;

interface Held {
  files: string;
  mentions: number;
}

const byStore = new WeakMap<DashboardStore, Map<string, Held>>();

/** The totals' file in the store's summary folder; null without one. */
const totalsFile = (store: DashboardStore) => (store.summary === null ? null : path.join(store.summary.dir, 'day-mention-totals.json'));

function heldOf(store: DashboardStore): Map<string, Held> {
  let held = byStore.get(store);
  if (held === undefined) {
    held = new Map();
    const file = totalsFile(store);
    if (file !== null && fs.existsSync(file)) {
      try {
        const entries = JSON.parse(fs.readFileSync(file, 'utf8')) as Array<[string, string, number]>;
        for (const [key, files, mentions] of entries) {
          if (typeof key === 'string' && typeof files === 'string' && Number.isInteger(mentions)) held.set(key, { files, mentions });
        }
      } catch (error) {
        // A damaged file is read again from the rollups, date by date, and written anew.
        held.clear();
        store.warn({ err: error, file }, 'could not read the per-date totals from the summary on disk; reading them from the rollups');
      }
    }
    byStore.set(store, held);
  }
  return held;
}

function saveHeld(store: DashboardStore, held: Map<string, Held>): void {
  const file = totalsFile(store);
  if (file === null) return;
  try {
    const temporary = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(temporary, JSON.stringify([...held].map(([key, h]) => [key, h.files, h.mentions])));
    fs.renameSync(temporary, file);
  } catch (error) {
    store.warn({ err: error, file }, 'could not write the per-date totals to the summary on disk');
  }
}

const listingHash = (names: readonly string[]) => createHash('sha256').update(names.join('\n')).digest('hex').slice(0, 32);

/** The brand's counted mentions in the range, from its `grain` rollups (correction rows included). */
export async function rangeMentions(store: DashboardStore, brandId: string, grain: Grain, range: TimeRange): Promise<number> {
  const days = rangeDays(range);
  const held = heldOf(store);
  let total = 0;
  const stale: Array<{ date: string; files: string }> = [];
  const cut: string[] = [];
  for (const date of store.partitionValues('rollups', { grain, brand: brandId }, 'date')) {
    if ((days.from !== null && date < days.from) || (days.to !== null && date > days.to)) continue;
    const start = Date.parse(`${date}T00:00:00Z`);
    if ((range.from !== null && range.from > start) || (range.to !== null && range.to < start + DAY_MS)) {
      cut.push(date);
      continue;
    }
    const files = listingHash(store.partitionFiles('rollups', { grain, brand: brandId, date }));
    const found = held.get(`${brandId}\u0000${grain}\u0000${date}`);
    if (found !== undefined && found.files === files) total += found.mentions;
    else stale.push({ date, files });
  }
  if (stale.length > 0) {
    const rows = await store.rows(
      `SELECT "date"::VARCHAR AS date, coalesce(sum(mentions), 0)::VARCHAR AS mentions
       FROM ${store.relation(
         'rollups',
         stale.map(({ date }) => ({ grain, brand: brandId, date })),
       )} GROUP BY "date"`,
    );
    const sums = new Map(rows.map((r) => [String(r.date), num(r.mentions) ?? 0]));
    if (held.size + stale.length > MAX_DAY_TOTALS) held.clear();
    for (const { date, files } of stale) {
      // A folder without rows (files with no row of this brand cannot exist, but an empty one could) counts 0.
      const mentions = sums.get(date) ?? 0;
      held.set(`${brandId}\u0000${grain}\u0000${date}`, { files, mentions });
      total += mentions;
    }
    saveHeld(store, held);
  }
  if (cut.length > 0) {
    const params: Params = {};
    const [row] = await store.rows(
      `SELECT coalesce(sum(mentions), 0)::VARCHAR AS mentions
       FROM ${store.relation(
         'rollups',
         cut.map((date) => ({ grain, brand: brandId, date })),
       )} WHERE ${rangeConditions('window_start', range, params).join(' AND ')}`,
      params,
    );
    total += num(row?.mentions) ?? 0;
  }
  return total;
}
