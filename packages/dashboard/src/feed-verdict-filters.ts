// The feed's kind and sentiment filters test a mention's current verdict: its latest verdict
// correction when it has one (the team's or the amplification engine's, both archived as
// `corrections`), else the verdict as scored. A mention the team moved from negative to positive
// is listed under "positive" and no longer under "negative", as the rollups count it; the card
// still shows the scored verdict beside the correction.
//
// Corrections are filed under their mention's publication date, as the archive is, so the
// corrections of the date folders a feed query reads are all the corrections of its mentions: the
// join reads those dates only, and nothing at all when they hold no correction (the filters then
// test the scored columns alone). Keyset paging stays exact: the filter changes which mentions
// are listed, never their order (published time, then id).
import { KNOWN_CORRECTIONS } from './correction-deltas.ts';
import type { DashboardStore, Params } from './dashboard-store.ts';

/** Latest first: the order the card's correction and `currentVerdictSql` (@sl/rollups) take. */
export const LATEST_FIRST = 'corrected_at DESC, kafka_partition DESC, kafka_offset DESC';

export interface VerdictFilters {
  sentiment?: 'positive' | 'neutral' | 'negative';
  kind?: 'counted' | 'duplicate' | 'spam';
}

// How each kind reads off an uncorrected archive row (the filters as they always were).
const SCORED_KIND: Record<NonNullable<VerdictFilters['kind']>, string> = {
  counted: 'a.counted',
  duplicate: 'a.is_duplicate',
  spam: 'a.is_spam',
};

/**
 * What gives each archive row `a` of `dates` its latest known correction as `v` (`v.to_kind`,
 * `v.to_sentiment`, both null when none): a WITH clause to put before the query and the join to
 * put after `FROM … a`; null when no filter needs it or those dates hold no correction. (A CTE, not
 * a subquery in the join: beside `a`, DuckDB binds the `DATE` type name in read_parquet's
 * hive_types to a's "date" column.)
 */
export function latestCorrectionJoin(
  store: DashboardStore,
  brandId: string,
  filters: VerdictFilters,
  dates: readonly string[],
  correctionDates: ReadonlySet<string>,
): { with: string; join: string } | null {
  if (filters.kind === undefined && filters.sentiment === undefined) return null;
  const corrected = dates.filter((date) => correctionDates.has(date));
  if (corrected.length === 0) return null;
  return {
    with: `WITH v AS (SELECT mention_id, to_kind, to_sentiment FROM ${store.datesRelation('corrections', brandId, corrected)}
                      WHERE ${KNOWN_CORRECTIONS}
                      QUALIFY row_number() OVER (PARTITION BY mention_id ORDER BY ${LATEST_FIRST}) = 1)`,
    join: 'LEFT JOIN v ON v.mention_id = a.id',
  };
}

/** The filters' conditions on archive rows `a`, through the correction join `v` when `joined`. */
export function verdictConditions(filters: VerdictFilters, params: Params, joined: boolean): string[] {
  const conditions: string[] = [];
  if (filters.sentiment !== undefined) {
    params.sentiment = filters.sentiment;
    conditions.push(joined ? 'coalesce(v.to_sentiment, a.sentiment_label) = $sentiment' : 'a.sentiment_label = $sentiment');
  }
  if (filters.kind !== undefined) {
    const scored = SCORED_KIND[filters.kind];
    if (scored === undefined) throw new RangeError(`kind must be counted, duplicate or spam, got "${filters.kind}"`);
    // DuckDB refuses a bound parameter the statement does not use: bound only with the join.
    if (joined) params.kind = filters.kind;
    else delete params.kind;
    conditions.push(joined ? `CASE WHEN v.to_kind IS NULL THEN ${scored} ELSE v.to_kind = $kind END` : scored);
  }
  return conditions;
}
