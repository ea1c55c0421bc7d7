// Which of a range's UTC dates a widget may read from a per-day aggregate (author_days,
// driver_days, brand_replies) and which from the conversation archive. The aggregation worker writes a day's
// aggregate files in the same flush as its conversation files, under the same names; a date is
// read from the aggregate only when the range covers the whole UTC day and the two folders hold
// exactly the same file names. Otherwise — a range's first or last day cut by its bounds (a zone's
// days, a custom range), files written before the aggregates existed, a flush caught between two
// uploads — the date is read from the archive, so the answer is always the archive's own.
import { createHash } from 'node:crypto';
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

function sameFiles(store: DashboardStore, brandId: string, aggregate: DayAggregate, date: string, listed?: readonly string[]): boolean {
  const archived = listed ?? store.partitionFiles('conversations', { brand: brandId, date });
  const aggregated = store.partitionFiles(aggregate, { brand: brandId, date });
  return archived.length === aggregated.length && archived.every((name, i) => name === aggregated[i]);
}

/** Dates a block reads: from the aggregate, from the archive, and the range's bounds on cut dates. */
export interface BlockSource {
  aggregate: readonly string[];
  archive: readonly string[];
  /** The range, for the dates it cuts (their rows are filtered by time); null for whole dates. */
  cut: TimeRange | null;
}

/**
 * The archive's file names per date, listed once for the plans of one request: top authors plans
 * its author blocks and its replies over the same dates, and listing a year's date folders again
 * cost a tenth of a second on the benchmark's store.
 */
export type ArchiveListing = Map<string, string[]>;

export interface BlockPlan {
  /** The range's whole UTC days, grouped into cacheable blocks: a month all of whose dates the range holds (not the newest month), else a day. */
  blocks: Array<{ slot: string; key: string; source: BlockSource }>;
  /** The dates the range cuts, read for each request; null when none. */
  cut: BlockSource | null;
}

/**
 * The blocks a range of `aggregate` reads, for caches of what is derived from them. A whole date is
 * read from the aggregate when its folder holds exactly the archive's file names, else from the
 * archive; a cut date from the archive, or (`wholeDays: false`, rows that carry their own time)
 * from the aggregate with the range's bounds. A block's key hashes every file name it reads and
 * `salt` (what else its contents depend on): the files are immutable and named for their offsets,
 * so a new flush, a late mention's file in an old date or an aggregate uploaded late is a new key.
 */
export function planDayBlocks(
  store: DashboardStore,
  brandId: string,
  aggregate: DayAggregate,
  range: TimeRange,
  options: { wholeDays?: boolean; salt?: string; listing?: ArchiveListing } = {},
): BlockPlan {
  const days = rangeDays(range);
  const allDates = store.partitionValues('conversations', { brand: brandId }, 'date');
  const covered = new Set(store.partitionValues(aggregate, { brand: brandId }, 'date'));
  const plan: BlockPlan = { blocks: [], cut: null };
  const cut = { aggregate: [] as string[], archive: [] as string[] };
  const whole = new Map<string, Array<{ date: string; files: string[]; aggregate: boolean }>>();
  for (const date of allDates) {
    if ((days.from !== null && date < days.from) || (days.to !== null && date > days.to)) continue;
    const start = Date.parse(`${date}T00:00:00Z`);
    const isWhole = (range.from === null || range.from <= start) && (range.to === null || range.to >= start + DAY_MS);
    let files = options.listing?.get(date);
    if (files === undefined) {
      files = store.partitionFiles('conversations', { brand: brandId, date });
      options.listing?.set(date, files);
    }
    const fromAggregate =
      covered.has(date) && (isWhole || options.wholeDays === false) && sameFiles(store, brandId, aggregate, date, files);
    if (!isWhole) {
      (fromAggregate ? cut.aggregate : cut.archive).push(date);
      continue;
    }
    const month = date.slice(0, 7);
    whole.set(month, [...(whole.get(month) ?? []), { date, files, aggregate: fromAggregate }]);
  }
  if (cut.aggregate.length + cut.archive.length > 0) plan.cut = { ...cut, cut: range };
  // The month of the newest date is read as days even when the range holds all of it: a live
  // store's newest date gains a file at every flush, and as a month block the whole month would be
  // read again after each one; as days, only that day is.
  const newestMonth = allDates.at(-1)?.slice(0, 7);
  for (const [month, dates] of whole) {
    const inMonth = allDates.filter((date) => date.startsWith(month)).length;
    const groups =
      dates.length === inMonth && month !== newestMonth
        ? [{ slot: `month ${month}`, dates }]
        : dates.map((d) => ({ slot: `day ${d.date}`, dates: [d] }));
    for (const group of groups) {
      const hash = createHash('sha256').update(`${options.salt ?? ''}\n`);
      for (const d of group.dates) hash.update(`${d.date} ${d.aggregate ? aggregate : 'conversations'} ${d.files.join(' ')}\n`);
      plan.blocks.push({
        slot: group.slot,
        key: hash.digest('hex'),
        source: {
          aggregate: group.dates.filter((d) => d.aggregate).map((d) => d.date),
          archive: group.dates.filter((d) => !d.aggregate).map((d) => d.date),
          cut: null,
        },
      });
    }
  }
  return plan;
}
