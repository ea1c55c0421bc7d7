// Which of a range's UTC dates a widget may read from a per-day aggregate (author_days,
// driver_days, brand_replies) and which from the conversation archive. The aggregation worker writes a day's
// aggregate files in the same flush as its conversation files, under the same names; a date is
// read from the aggregate only when the range covers the whole UTC day and the two folders hold
// exactly the same file names. Otherwise — a range's first or last day cut by its bounds (a zone's
// days, a custom range), files written before the aggregates existed, a flush caught between two
// uploads — the date is read from the archive, so the answer is always the archive's own.
import type { DashboardStore } from './dashboard-store.ts';
import { rangeDays } from './rollup-widgets.ts';
import type { TimeRange } from './time-range.ts';

const DAY_MS = 86_400_000;

export interface DaySplit {
  /** Dates whose rows come from the aggregate (whole days, the same files as the archive). */
  aggregate: string[];
  /** Dates whose rows come from the archive (cut by the range, or not covered). */
  archive: string[];
}

export type DayAggregate = 'author_days' | 'driver_days' | 'brand_replies';

/**
 * `wholeDays: false` for an aggregate whose rows carry their own time (brand_replies): a date cut
 * by the range is read from it too, with the bounds on that time.
 */
export function splitDays(
  store: DashboardStore,
  brandId: string,
  aggregate: DayAggregate,
  range: TimeRange,
  options: { wholeDays?: boolean } = {},
): DaySplit {
  const days = rangeDays(range);
  const dates = store
    .partitionValues('conversations', { brand: brandId }, 'date')
    .filter((date) => (days.from === null || date >= days.from) && (days.to === null || date <= days.to));
  const covered = new Set(store.partitionValues(aggregate, { brand: brandId }, 'date'));
  const split: DaySplit = { aggregate: [], archive: [] };
  for (const date of dates) {
    const start = Date.parse(`${date}T00:00:00Z`);
    const whole =
      options.wholeDays === false || ((range.from === null || range.from <= start) && (range.to === null || range.to >= start + DAY_MS));
    if (whole && covered.has(date) && sameFiles(store, brandId, aggregate, date)) split.aggregate.push(date);
    else split.archive.push(date);
  }
  return split;
}

function sameFiles(store: DashboardStore, brandId: string, aggregate: DayAggregate, date: string): boolean {
  const archived = store.partitionFiles('conversations', { brand: brandId, date });
  const aggregated = store.partitionFiles(aggregate, { brand: brandId, date });
  return archived.length === aggregated.length && archived.every((name, i) => name === aggregated[i]);
}
