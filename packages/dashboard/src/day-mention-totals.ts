// Counted mentions of a brand per UTC date folder of one rollup grain, for share of voice: the brand
// and every competitor over the range, kept per date under the folder's file names (per-date-sums.ts)
// and, with a summary folder, in `day-mention-totals.json` there. Counts are integers, so adding them
// per date gives exactly the sum DuckDB gives over the rows.
import type { Grain } from '@sl/rollups';
import type { DashboardStore } from './dashboard-store.ts';
import { num } from './dashboard-store.ts';
import { oneRow, rangeSums, type SumsKind } from './per-date-sums.ts';
import type { TimeRange } from './time-range.ts';

const mentionTotals: SumsKind<number> = {
  name: 'day-mention-totals',
  select: 'coalesce(sum(mentions), 0)::VARCHAR AS mentions',
  fromRows: oneRow(
    (row) => num(row.mentions) ?? 0,
    () => 0,
  ),
  add: (a, b) => a + b,
  zero: () => 0,
  isValue: (value): value is number => Number.isInteger(value),
};

/** The brand's counted mentions in the range, from its `grain` rollups (correction rows included). */
export function rangeMentions(store: DashboardStore, brandId: string, grain: Grain, range: TimeRange): Promise<number> {
  return rangeSums(store, mentionTotals, brandId, grain, range);
}
