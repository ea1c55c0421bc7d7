// The summary's sums per UTC date folder of a brand's rollups (per-date-sums.ts): counts, the funnel,
// late arrivals, the sentiment's sum and sum of squares, and the newest window. A year's summary adds
// about 365 held rows instead of opening the year's day rollups on every request; with a summary
// folder they are kept in `day-summary-sums.json` there across restarts. The sentiment sums are
// doubles: they are added with Neumaier's compensation, so the mean and spread over a year match
// DuckDB's own sum over the rows to 12 significant digits whatever the order.
import type { Grain } from '@sl/rollups';
import type { DashboardStore } from './dashboard-store.ts';
import { num } from './dashboard-store.ts';
import { oneRow, rangeSums, type SumsKind } from './per-date-sums.ts';
import type { TimeRange } from './time-range.ts';

export interface SummarySums {
  mentions: number;
  positive: number;
  neutral: number;
  negative: number;
  duplicates: number;
  spam: number;
  threadReplies: number;
  lateRecords: number;
  lateMentions: number;
  /** Sum of the sentiment scores, and the compensation Neumaier's addition carries. */
  s: number;
  sCarry: number;
  /** Sum of their squares, and its compensation. */
  s2: number;
  s2Carry: number;
  /** Epoch ms of the newest window start; null with no rows. */
  latest: number | null;
}

const COUNTS = [
  'mentions',
  'positive',
  'neutral',
  'negative',
  'duplicates',
  'spam',
  'threadReplies',
  'lateRecords',
  'lateMentions',
] as const satisfies ReadonlyArray<keyof SummarySums>;

/** Adds `b` to the compensated sum (`sum`, `carry`). */
function neumaier(sum: number, carry: number, b: number): [number, number] {
  const t = sum + b;
  const lost = Math.abs(sum) >= Math.abs(b) ? sum - t + b : b - t + sum;
  return [t, carry + lost];
}

function summaryOfRow(row: Record<string, unknown>): SummarySums {
  const n = (key: string) => num(row[key]) ?? 0;
  return {
    mentions: n('mentions'),
    positive: n('positive'),
    neutral: n('neutral'),
    negative: n('negative'),
    duplicates: n('duplicates'),
    spam: n('spam'),
    threadReplies: n('thread_replies'),
    lateRecords: n('late_records'),
    lateMentions: n('late_mentions'),
    s: n('s'),
    sCarry: 0,
    s2: n('s2'),
    s2Carry: 0,
    latest: num(row.latest) ?? null,
  };
}

const zeroSums = (): SummarySums => ({
  mentions: 0,
  positive: 0,
  neutral: 0,
  negative: 0,
  duplicates: 0,
  spam: 0,
  threadReplies: 0,
  lateRecords: 0,
  lateMentions: 0,
  s: 0,
  sCarry: 0,
  s2: 0,
  s2Carry: 0,
  latest: null,
});

export const summarySums: SumsKind<SummarySums> = {
  name: 'day-summary-sums',
  select: `coalesce(sum(mentions), 0)::VARCHAR AS mentions, coalesce(sum(positive), 0)::VARCHAR AS positive,
           coalesce(sum(neutral), 0)::VARCHAR AS neutral, coalesce(sum(negative), 0)::VARCHAR AS negative,
           coalesce(sum(duplicates), 0)::VARCHAR AS duplicates, coalesce(sum(spam), 0)::VARCHAR AS spam,
           coalesce(sum(thread_replies), 0)::VARCHAR AS thread_replies,
           coalesce(sum(mentions + duplicates + spam + coalesce(thread_replies, 0)) FILTER (WHERE is_correction), 0)::VARCHAR AS late_records,
           coalesce(sum(mentions) FILTER (WHERE is_correction), 0)::VARCHAR AS late_mentions,
           coalesce(sum(sentiment_sum), 0) AS s, coalesce(sum(sentiment_sum_sq), 0) AS s2,
           epoch_ms(max(window_start)) AS latest`,
  fromRows: oneRow(summaryOfRow, zeroSums),
  add: (a, b) => {
    const sum = { ...a };
    for (const key of COUNTS) sum[key] = a[key] + b[key];
    [sum.s, sum.sCarry] = neumaier(a.s, a.sCarry + b.sCarry, b.s);
    [sum.s2, sum.s2Carry] = neumaier(a.s2, a.s2Carry + b.s2Carry, b.s2);
    sum.latest = a.latest === null ? b.latest : b.latest === null ? a.latest : Math.max(a.latest, b.latest);
    return sum;
  },
  zero: zeroSums,
  isValue: (value): value is SummarySums =>
    typeof value === 'object' &&
    value !== null &&
    [...COUNTS, 's', 'sCarry', 's2', 's2Carry'].every((key) => Number.isFinite((value as Record<string, unknown>)[key])) &&
    ((value as SummarySums).latest === null || Number.isFinite((value as SummarySums).latest)),
};

/** The summary's sums for the brand's `grain` rollups in the range; the sentiment sums with their carries added in. */
export async function rangeSummarySums(store: DashboardStore, brandId: string, grain: Grain, range: TimeRange): Promise<SummarySums> {
  const sums = await rangeSums(store, summarySums, brandId, grain, range);
  return { ...sums, s: sums.s + sums.sCarry, sCarry: 0, s2: sums.s2 + sums.s2Carry, s2Carry: 0 };
}
