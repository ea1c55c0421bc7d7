// Sums of a brand's rollups per UTC date folder of one grain, kept in memory under the names of the
// files in that folder. A widget over a year summed the brand's day rollups on each request: about
// four hundred small files opened for a dozen numbers (0.4 to 1.4 s on the benchmark's store). The
// rollup files are immutable and named for the Kafka offsets they hold, so a date folder with the
// same file names has the same sums: a request lists the folders (no file is opened), adds up what it
// holds, and asks DuckDB only for the dates whose listing changed (a new flush, a late file,
// correction rows) or that the range cuts. Share of voice (counted mentions) and the summary (every
// sum it shows) are two kinds of sums over the same machinery.
//
// With a summary folder (SL_DASHBOARD_SUMMARY_DIR) each kind is also written to a file there and read
// back by the next process, so the first read after a restart reads only what changed meanwhile.
// A listing is held as a hash of its file names: a day of 30 s flushes is 2,880 names.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Grain } from '@sl/rollups';
import type { DashboardStore, Params } from './dashboard-store.ts';
import { rangeConditions, rangeDays } from './range-sql.ts';
import type { TimeRange } from './time-range.ts';

const DAY_MS = 86_400_000;

/** Dates held at most per kind unless the kind says; past it the kind's sums are dropped and read again. */
export const MAX_HELD_DATES = 200_000;

/**
 * Dates this close to now still change with every flush (today's folder gets a file every 30 s):
 * they are held in memory but not written to the summary folder, so a request that re-reads only
 * them does not rewrite the kind's file. A restart reads these few dates again.
 */
const SETTLING_MS = 2 * DAY_MS;
const settled = (date: string) => Date.parse(`${date}T00:00:00Z`) + SETTLING_MS < Date.now();

/** One kind of per-date sums: what DuckDB selects for a set of rows, and how two results add up. */
export interface SumsKind<T> {
  /** Names the file in the summary folder (`<name>.json`) and the memory. */
  name: string;
  /** The select list over rollup rows (the machinery groups by `"date"`, then by `groupBy`). */
  select: string;
  /** More to group by within a date (a kind with a row per window); none for plain sums. */
  groupBy?: string;
  /** The value of one date's rows (or of the cut dates' rows); for plain sums, one row. */
  fromRows(rows: readonly Record<string, unknown>[]): T;
  add(a: T, b: T): T;
  zero(): T;
  /** Whether a value read back from the summary folder has this kind's shape. */
  isValue(value: unknown): value is T;
  /** Dates held at most (a kind whose value is large holds fewer). @default MAX_HELD_DATES */
  maxHeldDates?: number;
}

interface Held<T> {
  files: string;
  value: T;
}

const byStore = new WeakMap<DashboardStore, Map<string, Map<string, Held<unknown>>>>();

const fileOf = (store: DashboardStore, kind: SumsKind<unknown>) =>
  store.summary === null ? null : path.join(store.summary.dir, `${kind.name}.json`);

function heldOf<T>(store: DashboardStore, kind: SumsKind<T>): Map<string, Held<T>> {
  let kinds = byStore.get(store);
  if (kinds === undefined) {
    kinds = new Map();
    byStore.set(store, kinds);
  }
  let held = kinds.get(kind.name) as Map<string, Held<T>> | undefined;
  if (held === undefined) {
    held = new Map();
    const file = fileOf(store, kind as SumsKind<unknown>);
    if (file !== null && fs.existsSync(file)) {
      try {
        const entries = JSON.parse(fs.readFileSync(file, 'utf8')) as Array<[unknown, unknown, unknown]>;
        for (const [key, files, value] of entries) {
          if (typeof key === 'string' && typeof files === 'string' && kind.isValue(value)) held.set(key, { files, value });
        }
      } catch (error) {
        // A damaged file is read again from the rollups, date by date, and written anew.
        held.clear();
        store.warn({ err: error, file }, `could not read ${kind.name} from the summary on disk; reading them from the rollups`);
      }
    }
    kinds.set(kind.name, held as Map<string, Held<unknown>>);
  }
  return held;
}

function saveHeld<T>(store: DashboardStore, kind: SumsKind<T>, held: Map<string, Held<T>>): void {
  const file = fileOf(store, kind as SumsKind<unknown>);
  if (file === null) return;
  try {
    const temporary = `${file}.${process.pid}.tmp`;
    const entries = [...held].filter(([key]) => settled(key.slice(key.lastIndexOf('\u0000') + 1)));
    fs.writeFileSync(temporary, JSON.stringify(entries.map(([key, h]) => [key, h.files, h.value])));
    fs.renameSync(temporary, file);
  } catch (error) {
    store.warn({ err: error, file }, `could not write ${kind.name} to the summary on disk`);
  }
}

const listingHash = (names: readonly string[]) => createHash('sha256').update(names.join('\n')).digest('hex').slice(0, 32);

/** For a kind of plain sums: its value from the one row a date (or the cut dates) gives. */
export const oneRow =
  <T>(fromRow: (row: Record<string, unknown>) => T, zero: () => T) =>
  (rows: readonly Record<string, unknown>[]): T =>
    rows[0] === undefined ? zero() : fromRow(rows[0]);

/** The kind's sums over the brand's `grain` rollups in the range (correction rows included). */
export async function rangeSums<T>(store: DashboardStore, kind: SumsKind<T>, brandId: string, grain: Grain, range: TimeRange): Promise<T> {
  const days = rangeDays(range);
  const held = heldOf(store, kind);
  let total = kind.zero();
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
    if (found !== undefined && found.files === files) total = kind.add(total, found.value);
    else stale.push({ date, files });
  }
  if (stale.length > 0) {
    const rows = await store.rows(
      `SELECT "date"::VARCHAR AS date, ${kind.select}
       FROM ${store.relation(
         'rollups',
         stale.map(({ date }) => ({ grain, brand: brandId, date })),
       )} GROUP BY "date"${kind.groupBy === undefined ? '' : `, ${kind.groupBy}`}`,
    );
    const byDate = new Map<string, Record<string, unknown>[]>();
    for (const row of rows) {
      const date = String(row.date);
      const list = byDate.get(date) ?? [];
      list.push(row);
      byDate.set(date, list);
    }
    const sums = new Map([...byDate].map(([date, list]) => [date, kind.fromRows(list)]));
    if (held.size + stale.length > (kind.maxHeldDates ?? MAX_HELD_DATES)) held.clear();
    for (const { date, files } of stale) {
      // A folder without rows of the brand (an empty one could exist) adds nothing.
      const value = sums.get(date) ?? kind.zero();
      held.set(`${brandId}\u0000${grain}\u0000${date}`, { files, value });
      total = kind.add(total, value);
    }
    // Written only when a settled date was read: re-reading today's folder leaves the file as it is.
    if (stale.some(({ date }) => settled(date))) saveHeld(store, kind, held);
  }
  if (cut.length > 0) {
    const params: Params = {};
    const rows = await store.rows(
      `SELECT ${kind.select}
       FROM ${store.relation(
         'rollups',
         cut.map((date) => ({ grain, brand: brandId, date })),
       )} WHERE ${rangeConditions('window_start', range, params).join(' AND ')}${kind.groupBy === undefined ? '' : ` GROUP BY ${kind.groupBy}`}`,
      params,
    );
    total = kind.add(total, kind.fromRows(rows));
  }
  return total;
}
