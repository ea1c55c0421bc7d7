// Per-day sentiment-driver aggregates: one row per (brand, UTC day of publishedAt, term) over the
// counted mentions of one flush — the scorer's weights summed and how many times the term drove a
// score — so the dashboard's drivers add a few rows per day up instead of unnesting every
// archived mention's drivers. Additive like the rollups. Terms are lower-cased, as the widget
// groups them. No cap: the terms are the scorer's lexicon's, a bounded set.
import type { ScoredMention } from '@sl/contracts';
import type { ConsumedRecord } from '@sl/kafka';
import { type ClassifyOptions, mentionKind } from './classify.ts';
import { addCompensated, type CompensatedSum, compensatedSum, compensatedTotal } from './compensated-sum.ts';
import { GRAIN_MS } from './rollup-rows.ts';

export interface DriverDayRow {
  brandId: string;
  /** UTC midnight of the mentions' publication day, epoch ms. */
  day: number;
  term: string;
  /** The scorer's weights for the term, summed. */
  weight: number;
  /** Drivers entries summed: a mention whose drivers name the term twice counts twice, as the archive's unnest does. */
  mentions: number;
}

const byTerm = (a: DriverDayRow, b: DriverDayRow): number => (a.term < b.term ? -1 : a.term > b.term ? 1 : 0);

/** The driver rows of a batch, grouped per brand and day (key `brand\u0000day`), each sorted by term. Pure and deterministic. */
export function driverDayRows(
  records: ReadonlyArray<ConsumedRecord<ScoredMention>>,
  options: Pick<ClassifyOptions, 'spamThresholdOf'>,
): Map<string, DriverDayRow[]> {
  const byKey = new Map<string, DriverDayRow>();
  const weights = new Map<DriverDayRow, CompensatedSum>();
  for (const record of records) {
    const m = record.value;
    if (mentionKind(m, options.spamThresholdOf(m.brandId)) !== 'counted') continue;
    const day = Math.floor(m.publishedAt / GRAIN_MS.day) * GRAIN_MS.day;
    for (const driver of m.sentiment.drivers) {
      const term = driver.term.toLowerCase();
      const id = `${m.brandId}\u0000${day}\u0000${term}`;
      let row = byKey.get(id);
      if (row === undefined) {
        row = { brandId: m.brandId, day, term, weight: 0, mentions: 0 };
        byKey.set(id, row);
        weights.set(row, compensatedSum());
      }
      addCompensated(weights.get(row) as CompensatedSum, driver.weight);
      row.mentions += 1;
    }
  }
  for (const [row, sum] of weights) row.weight = compensatedTotal(sum);
  const groups = new Map<string, DriverDayRow[]>();
  for (const row of byKey.values()) {
    const key = `${row.brandId}\u0000${row.day}`;
    const group = groups.get(key) ?? [];
    group.push(row);
    groups.set(key, group);
  }
  for (const rows of groups.values()) rows.sort(byTerm);
  return groups;
}
