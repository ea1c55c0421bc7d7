// The widgets read from the rollups: the summary with its funnel, volume and sentiment over time,
// and share of voice. Every query reads one brand's partitions (`brand=<id>`) only; share of voice
// reads each competitor's the same way, one total per brand, never a row.
import { GRAIN_MS, type Grain } from '@sl/rollups';
import type { DashboardStore, Params } from './dashboard-store.ts';
import { rangeMentions } from './day-mention-totals.ts';
import { rangeConditions, rangeDays } from './range-sql.ts';
import { rangeWindows, WINDOW_SUMS_SELECT, type WindowSums, windowOfRow } from './series-windows.ts';
import { rangeSummarySums } from './summary-sums.ts';
import { exactGrain, seriesPlan, type TimeRange } from './time-range.ts';
import { bucketStart, startOfDay } from './zoned-time.ts';

export interface BrandInfo {
  id: string;
  name: string;
  /** Brand ids from the brands file. */
  competitors: readonly string[];
  /** The brand's own account handles (lower case, no @). */
  handles: readonly string[];
  /** The brand team's IANA time zone (brands file); null: UTC. */
  timeZone: string | null;
}

export { rangeConditions, rangeDays };

/** One brand's rollups of one grain in the range: only that grain's files of those dates are read. */
const rollupsOf = (store: DashboardStore, brandId: string, grain: Grain, range: TimeRange) =>
  store.relationByDates('rollups', { grain, brand: brandId }, rangeDays(range));

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

export interface Summary {
  brand: string;
  from: string | null;
  to: string | null;
  /** The rollup grain summed: the coarsest whose windows the range's bounds fall on. */
  grain: Grain;
  mentions: number;
  positive: number;
  neutral: number;
  negative: number;
  sentiment: { mean: number | null; stddev: number | null };
  /**
   * Records received = counted mentions + duplicates + spam + thread replies (replies in the brand's
   * threads that do not name it); `late` is what came in as correction rows.
   */
  funnel: {
    records: number;
    mentions: number;
    duplicates: number;
    spam: number;
    threadReplies: number;
    late: { records: number; mentions: number };
  };
  /** Start of the newest window with data in the range. */
  latestWindow: string | null;
  /** Where the numbers were read, and what the dashboard waits for when there are none. */
  readFrom: string;
  waitingFor: string | null;
}

/** Mean and standard deviation of the compound scores from their sum and sum of squares. */
function spread(n: number, sum: number, sumSq: number): { mean: number | null; stddev: number | null } {
  if (n === 0) return { mean: null, stddev: null };
  const mean = sum / n;
  // Rounding can make the variance of identical scores a hair below zero.
  return { mean, stddev: Math.sqrt(Math.max(0, sumSq / n - mean * mean)) };
}

export async function readSummary(store: DashboardStore, brand: BrandInfo, range: TimeRange): Promise<Summary> {
  const grain = exactGrain(range);
  // Whole UTC dates come from the sums held per date folder; dates the range cuts are read (summary-sums.ts).
  const sums = await rangeSummarySums(store, brand.id, grain, range);
  const { mentions, latest } = sums;
  return {
    brand: brand.id,
    from: iso(range.from),
    to: iso(range.to),
    grain,
    mentions,
    positive: sums.positive,
    neutral: sums.neutral,
    negative: sums.negative,
    sentiment: spread(mentions, sums.s, sums.s2),
    funnel: {
      records: mentions + sums.duplicates + sums.spam + sums.threadReplies,
      mentions,
      duplicates: sums.duplicates,
      spam: sums.spam,
      threadReplies: sums.threadReplies,
      late: { records: sums.lateRecords, mentions: sums.lateMentions },
    },
    latestWindow: iso(latest),
    readFrom: store.describe,
    waitingFor: store.hasFiles('rollups', { brand: brand.id })
      ? null
      : `no rollups for ${brand.id} yet under ${store.folder('rollups')}/grain=*/brand=${brand.id}: the aggregation worker writes them at its first flush after mentions of ${brand.id} are scored`,
  };
}

export interface SeriesPoint {
  t: string;
  mentions: number;
  positive: number;
  neutral: number;
  negative: number;
  duplicates: number;
  spam: number;
  /** Mean compound score of the window's counted mentions, and its standard deviation. */
  mean: number | null;
  stddev: number | null;
}

export interface Series {
  brand: string;
  /** Each point's width: a minute, or an hour or a day of `timeZone`'s wall clock. */
  grain: Grain;
  /** The IANA zone days and hours are counted in (points start at its midnights and hours). */
  timeZone: string;
  from: string | null;
  to: string | null;
  points: SeriesPoint[];
}

/**
 * The UTC hours (epoch ms, as a DuckDB list literal) that the zone's midnights from `from` to `to`
 * fall inside of, rather than at the start of; undefined when the range is open and unknown, or
 * has too many days for one list (minute rollups are read throughout then).
 */
function splitHours(zone: string, from: number | undefined, to: number | undefined): string | undefined {
  if (from === undefined || to === undefined) return undefined;
  const hours: number[] = [];
  for (let day = startOfDay(zone, from); day < to && hours.length <= 5_000; day = startOfDay(zone, day + 26 * 3_600_000)) {
    if (day % 3_600_000 !== 0) hours.push(day - (day % 3_600_000));
  }
  return hours.length > 5_000 ? undefined : `[${hours.join(', ')}]::BIGINT[]`;
}

/** Volume and sentiment per window: one point per window that has data, oldest first. */
export async function readSeries(
  store: DashboardStore,
  brand: BrandInfo,
  range: TimeRange,
  askedGrain: string | null,
  zone = 'UTC',
): Promise<Series> {
  let span: { first: number; last: number } | undefined;
  if ((range.from === null || range.to === null) && (askedGrain === null || askedGrain === '' || zone !== 'UTC')) {
    // An open range: the data's own span, from the day folders' names, decides how fine the points can be.
    const dates = store.partitionValues('rollups', { grain: 'day', brand: brand.id }, 'date');
    const first = dates[0];
    const last = dates.at(-1);
    if (first !== undefined && last !== undefined) {
      span = {
        first: range.from ?? Date.parse(`${first}T00:00:00Z`),
        last: range.to === null ? Date.parse(`${last}T00:00:00Z`) + GRAIN_MS.day - 1 : range.to - 1,
      };
    }
  }
  const plan = seriesPlan(range, askedGrain, zone, span);
  const params: Params = {};
  const where = ['true', ...rangeConditions('window_start', range, params)].join(' AND ');
  const split =
    plan.grain === 'day' && plan.source === 'minute'
      ? splitHours(plan.zone, range.from ?? span?.first, range.to ?? (span ? span.last + 1 : undefined))
      : undefined;
  // A zone off UTC by part of an hour splits one UTC hour a day at its midnight: that hour is read
  // from minute rollups, every other hour from hour rollups (a sixtieth of the rows). Day and hour
  // rollups otherwise come from the windows held per date folder (series-windows.ts).
  let windows: WindowSums[];
  if (split === undefined && plan.source !== 'minute') {
    windows = await rangeWindows(store, brand.id, plan.source, range);
  } else {
    const relation =
      split === undefined
        ? rollupsOf(store, brand.id, plan.source, range)
        : `(SELECT * FROM ${rollupsOf(store, brand.id, 'hour', range)} WHERE NOT list_contains(${split}, epoch_ms(window_start))
          UNION ALL BY NAME
          SELECT * FROM ${rollupsOf(store, brand.id, 'minute', range)} WHERE list_contains(${split}, epoch_ms(date_trunc('hour', window_start))))`;
    const rows = await store.rows(
      `SELECT ${WINDOW_SUMS_SELECT} FROM ${relation} WHERE ${where} GROUP BY window_start ORDER BY window_start`,
      params,
    );
    windows = rows.map(windowOfRow);
  }
  // Source windows added up into the zone's hours or days (oldest first, so each bucket's windows
  // are consecutive); in UTC at the source grain every window is its own point.
  const buckets: Array<{ t: number; sums: number[] }> = [];
  let bucketEnd = Number.NEGATIVE_INFINITY;
  for (const [at, ...values] of windows) {
    const open = buckets.at(-1);
    if (open !== undefined && at < bucketEnd) {
      for (const [i, value] of values.entries()) open.sums[i] = (open.sums[i] ?? 0) + value;
      continue;
    }
    const t = plan.source === plan.grain && plan.zone === 'UTC' ? at : bucketStart(plan.grain, plan.zone, at);
    // The next bucket's start: a day is 23 to 25 hours, so 26 hours on is always inside the next one.
    bucketEnd = plan.grain === 'day' ? bucketStart('day', plan.zone, t + 26 * 3_600_000) : t + GRAIN_MS[plan.grain];
    buckets.push({ t, sums: values });
  }
  return {
    brand: brand.id,
    grain: plan.grain,
    timeZone: plan.zone,
    from: iso(range.from),
    to: iso(range.to),
    points: buckets.map(({ t, sums }) => {
      const [mentions = 0, positive = 0, neutral = 0, negative = 0, duplicates = 0, spam = 0, s = 0, s2 = 0] = sums;
      return { t: new Date(t).toISOString(), mentions, positive, neutral, negative, duplicates, spam, ...spread(mentions, s, s2) };
    }),
  };
}

export interface ShareOfVoice {
  brand: string;
  grain: Grain;
  /** The brand first, then its competitors in the brands file's order. */
  brands: Array<{ id: string; name: string; mentions: number; share: number | null }>;
}

/**
 * Counted mentions of the brand and each competitor in the range. Each brand's total comes from
 * its own partitions, added up from per-date totals kept under the date folders' file names
 * (day-mention-totals.ts); competitors that are not known brands are listed with 0 and no share.
 */
export async function readShareOfVoice(
  store: DashboardStore,
  brand: BrandInfo,
  competitors: ReadonlyArray<{ id: string; name: string }>,
  range: TimeRange,
): Promise<ShareOfVoice> {
  const grain = exactGrain(range);
  const all = [{ id: brand.id, name: brand.name }, ...competitors];
  const counts = await Promise.all(all.map((b) => rangeMentions(store, b.id, grain, range)));
  const total = counts.reduce((a, b) => a + b, 0);
  return {
    brand: brand.id,
    grain,
    brands: all.map((b, i) => ({ id: b.id, name: b.name, mentions: counts[i] ?? 0, share: total === 0 ? null : (counts[i] ?? 0) / total })),
  };
}
