// The series' windows per UTC date folder of a brand's day or hour rollups (per-date-sums.ts): a
// date's rows summed per window start, held under the folder's file names and, with a summary
// folder, in `day-series-windows.json` there. A year's daily series (or its hours, added up into a
// zone's days) is then the held rows of the whole dates plus what the range cuts, instead of the
// year's files opened on every request. Minute rollups are not held (1,440 windows a date).
import type { Grain } from '@sl/rollups';
import type { DashboardStore } from './dashboard-store.ts';
import { num } from './dashboard-store.ts';
import { rangeSums, type SumsKind } from './per-date-sums.ts';
import type { TimeRange } from './time-range.ts';

/** One window: its start (epoch ms), then mentions, positive, neutral, negative, duplicates, spam, sentiment sum and sum of squares. */
export type WindowSums = [number, number, number, number, number, number, number, number, number];

const COLUMNS = ['t', 'mentions', 'positive', 'neutral', 'negative', 'duplicates', 'spam', 's', 's2'] as const;

/** The select list of a window's sums, grouped by window_start. */
export const WINDOW_SUMS_SELECT = `epoch_ms(window_start) AS t, sum(mentions)::VARCHAR AS mentions, sum(positive)::VARCHAR AS positive,
  sum(neutral)::VARCHAR AS neutral, sum(negative)::VARCHAR AS negative, sum(duplicates)::VARCHAR AS duplicates,
  sum(spam)::VARCHAR AS spam, sum(sentiment_sum) AS s, sum(sentiment_sum_sq) AS s2`;

export const windowOfRow = (row: Record<string, unknown>): WindowSums => COLUMNS.map((key) => num(row[key]) ?? 0) as WindowSums;

const seriesWindows: SumsKind<WindowSums[]> = {
  name: 'day-series-windows',
  select: WINDOW_SUMS_SELECT,
  groupBy: 'window_start',
  fromRows: (rows) => rows.map(windowOfRow),
  // The total is a fresh array from zero(): appending to it leaves the held values as they are.
  add: (a, b) => {
    for (const w of b) a.push(w);
    return a;
  },
  zero: () => [],
  // Up to 24 windows a date (about 2.5 KB held): 20,000 dates is 50 MB at most, 55 brand-years of hours.
  maxHeldDates: 20_000,
  isValue: (value): value is WindowSums[] =>
    Array.isArray(value) &&
    value.every((w) => Array.isArray(w) && w.length === COLUMNS.length && w.every((x) => typeof x === 'number' && Number.isFinite(x))),
};

/** The brand's windows of its `grain` (day or hour) rollups in the range, oldest first. */
export async function rangeWindows(
  store: DashboardStore,
  brandId: string,
  grain: Exclude<Grain, 'minute'>,
  range: TimeRange,
): Promise<WindowSums[]> {
  const windows = await rangeSums(store, seriesWindows, brandId, grain, range);
  return windows.sort((a, b) => a[0] - b[0]);
}
