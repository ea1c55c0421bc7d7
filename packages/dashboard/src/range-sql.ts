// A time range as SQL over the rollups and the archive: conditions on the rows' times, and the same
// bounds on the UTC `date` partition, which lets DuckDB skip other dates' files without opening them.
// Its own module: the per-date sums and the widgets both build on it.
import type { Params } from './dashboard-store.ts';
import { micros } from './dashboard-store.ts';
import type { TimeRange } from './time-range.ts';

const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * SQL conditions for `column` in the range, with their parameters added to `params`; and the same
 * bounds on the `date` partition (the UTC date of the rows' times in both views), which lets DuckDB
 * skip the files of other dates without opening them.
 */
export function rangeConditions(column: string, range: TimeRange, params: Params): string[] {
  const conditions: string[] = [];
  if (range.from !== null) {
    params.from_us = micros(range.from);
    params.from_day = dayOf(range.from);
    conditions.push(`"date" >= CAST($from_day AS DATE)`, `${column} >= make_timestamp($from_us::BIGINT)`);
  }
  if (range.to !== null) {
    params.to_us = micros(range.to);
    params.to_day = dayOf(range.to - 1);
    conditions.push(`"date" <= CAST($to_day AS DATE)`, `${column} < make_timestamp($to_us::BIGINT)`);
  }
  return conditions;
}

/** The UTC dates a range's rows fall on (the `date` partition), either end open. */
export function rangeDays(range: TimeRange): { from: string | null; to: string | null } {
  return { from: range.from === null ? null : dayOf(range.from), to: range.to === null ? null : dayOf(range.to - 1) };
}
