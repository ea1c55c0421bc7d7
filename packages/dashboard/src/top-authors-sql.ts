// Top authors computed from the conversation archive alone, in one DuckDB query: what the dashboard
// answered before the per-day aggregates and the author blocks. The reference the tests and the
// benchmark hold top-authors.ts to (the same answer, field for field), and the benchmark's baseline.
// Verdict corrections are applied here from each mention's last one, not as changes added up.
import { readAnswered } from './author-answered.ts';
import { isBrandHandleSql } from './brand-handles.ts';
import type { DashboardStore, Params } from './dashboard-store.ts';
import { num } from './dashboard-store.ts';
import { type BrandInfo, rangeConditions, rangeDays } from './rollup-widgets.ts';
import type { TimeRange } from './time-range.ts';
import { roundedMean, type TopAuthors } from './top-authors.ts';

/** The archive's top authors; `folded` is always zero (the archive folds nobody). */
export async function readTopAuthorsFromArchive(
  store: DashboardStore,
  brand: BrandInfo,
  range: TimeRange,
  limit: number,
): Promise<TopAuthors> {
  const params: Params = { limit };
  const where = rangeConditions('published_at', range, params);
  // A mention counts as its last verdict correction left it (the chain's order: the brand's
  // corrections are on one partition, in the order written), else as scored; its name and
  // followers count if it ever counted (the blocks cannot take a largest value back).
  const rows = await store.rows(
    `WITH c AS (SELECT mention_id, arg_max(to_kind, kafka_offset) = 'counted' AS now, bool_or(to_kind = 'counted') AS ever
                FROM ${store.relation('corrections', { brand: brand.id })}
                WHERE from_kind IN ('counted', 'duplicate', 'spam', 'thread_reply') AND to_kind IN ('counted', 'duplicate', 'spam', 'thread_reply')
                GROUP BY mention_id),
          m AS (SELECT a.*, coalesce(c.now, a.counted) AS now, a.counted OR coalesce(c.ever, false) AS ever
                FROM ${store.relationByDates('conversations', { brand: brand.id }, rangeDays(range))} a LEFT JOIN c ON c.mention_id = a.id
                WHERE ${['true', ...where].join(' AND ')}),
          g AS (SELECT source, author_handle, max(author_name) AS name, max(author_followers) AS followers, count(*) FILTER (WHERE now) AS mentions,
                       sum(likes + shares + replies) FILTER (WHERE now) AS engagement, fsum(sentiment_compound) FILTER (WHERE now) / count(*) FILTER (WHERE now) AS mean
                FROM m WHERE ever GROUP BY source, author_handle HAVING count(*) FILTER (WHERE now) > 0)
     SELECT source, author_handle AS handle, name, followers::VARCHAR AS followers, mentions::VARCHAR AS mentions, engagement::VARCHAR AS engagement, mean
     FROM g WHERE NOT ${isBrandHandleSql(brand)}
     ORDER BY g.mentions DESC, g.followers DESC NULLS LAST, author_handle, source LIMIT $limit`,
    params,
  );
  const answered = await readAnswered(
    store,
    brand,
    range,
    rows.map((r) => ({ source: String(r.source), handle: String(r.handle) })),
  );
  return {
    brand: brand.id,
    authors: rows.map((r) => ({
      handle: String(r.handle),
      name: r.name === null ? null : String(r.name),
      source: String(r.source),
      followers: num(r.followers),
      mentions: num(r.mentions) ?? 0,
      engagement: num(r.engagement) ?? 0,
      meanSentiment: roundedMean(num(r.mean)),
      answered: answered.has(`${String(r.source)}\u0000${String(r.handle)}`),
    })),
    folded: { authors: 0, mentions: 0 },
  };
}
