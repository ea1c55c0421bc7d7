// Top authors computed from the conversation archive alone, in one DuckDB query: what the dashboard
// answered before the per-day aggregates and the author blocks. The reference the tests and the
// benchmark hold top-authors.ts to (the same answer, field for field), and the benchmark's baseline.
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
  const where = ['counted', ...rangeConditions('published_at', range, params)];
  const rows = await store.rows(
    `WITH g AS (SELECT source, author_handle, max(author_name) AS name, max(author_followers) AS followers, count(*) AS mentions,
                       sum(likes + shares + replies) AS engagement, fsum(sentiment_compound) / count(*) AS mean
                FROM ${store.relationByDates('conversations', { brand: brand.id }, rangeDays(range))} WHERE ${where.join(' AND ')}
                GROUP BY source, author_handle)
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
