// What the brand's verdict corrections change in top authors and the sentiment drivers, as SQL over
// the correction archive joined to the conversation archive (the correction carries no engagement,
// score or drivers: its mention's archive row does). Each archived correction is the chained one
// (correction-chain.ts in @sl/rollups): the rollups take its mention off as `from_kind` and add it
// as `to_kind`, so the rows simply add up. Here, likewise: a mention that stops being counted is
// -1 for its author (its engagement and score taken off, its terms' weights taken off the
// drivers), one that comes to count is +1. A sentiment label correction moves neither: the rollups
// keep the scored compound (`sentiment_sum`) and only move the label counts, and the drivers are
// the parts of that compound. A correction with a kind or label this version does not know is left
// out here as the rollups leave it out. What only grows cannot be taken back, as with the rollups'
// author sketch: a mention that stops counting leaves its follower count and name among its
// author's largest seen.
import type { DashboardStore, Params } from './dashboard-store.ts';
import { rangeConditions, rangeDays } from './rollup-widgets.ts';
import type { TimeRange } from './time-range.ts';

/** Kinds and labels this version knows: a correction outside them is left out, as the rollups leave it out. */
export const KNOWN_CORRECTIONS = `from_kind IN ('counted', 'duplicate', 'spam', 'thread_reply') AND to_kind IN ('counted', 'duplicate', 'spam', 'thread_reply')
  AND from_sentiment IN ('positive', 'neutral', 'negative') AND to_sentiment IN ('positive', 'neutral', 'negative')`;

/**
 * The range's corrections that move a mention in or out of the counted ones, each with `d` (+1 or
 * -1) and its archive row: a relation, or null when the brand has no correction in the range's
 * dates. Corrections are filed under their mention's publication date, as the archive is.
 */
function movedMentions(store: DashboardStore, brandId: string, range: TimeRange, params: Params): string | null {
  const days = rangeDays(range);
  const dates = store
    .partitionValues('corrections', { brand: brandId }, 'date')
    .filter((date) => (days.from === null || date >= days.from) && (days.to === null || date <= days.to));
  if (dates.length === 0) return null;
  const archived = new Set(store.partitionValues('conversations', { brand: brandId }, 'date'));
  const where = [KNOWN_CORRECTIONS, `(from_kind = 'counted') <> (to_kind = 'counted')`, ...rangeConditions('published_at', range, params)];
  return `(SELECT CASE WHEN c.to_kind = 'counted' THEN 1 ELSE -1 END AS d, m.*
           FROM (SELECT mention_id, from_kind, to_kind FROM ${store.datesRelation('corrections', brandId, dates)} WHERE ${where.join(' AND ')}) c
           JOIN ${store.datesRelation(
             'conversations',
             brandId,
             dates.filter((date) => archived.has(date)),
           )} m ON m.id = c.mention_id)`;
}

/**
 * Per-author changes in the columns author blocks read (source, author_handle, name, followers,
 * mentions, engagement, sentiment_sum); null when there is no correction in the range.
 */
export function authorCorrectionSql(store: DashboardStore, brandId: string, range: TimeRange, params: Params): string | null {
  const moved = movedMentions(store, brandId, range, params);
  if (moved === null) return null;
  return `SELECT source, author_handle, CASE WHEN d > 0 THEN author_name END AS name, CASE WHEN d > 0 THEN author_followers END AS followers,
                 d AS mentions, d * (likes + shares + replies) AS engagement, d * sentiment_compound AS sentiment_sum
          FROM ${moved}`;
}

/** Per-term changes of the drivers (term, weight, mentions); null when there is no correction in the range. */
export function driverCorrectionSql(store: DashboardStore, brandId: string, range: TimeRange, params: Params): string | null {
  const moved = movedMentions(store, brandId, range, params);
  if (moved === null) return null;
  return `SELECT lower(x.t.term) AS term, fsum(x.d * x.t.weight) AS weight, sum(x.d) AS mentions
          FROM (SELECT d, unnest(from_json(sentiment_drivers::VARCHAR, '[{"term":"VARCHAR","weight":"DOUBLE"}]')) AS t FROM ${moved}) x
          GROUP BY lower(x.t.term)`;
}
