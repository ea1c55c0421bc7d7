// The widgets read from the conversation archive (one row per scored mention, `conversations`
// view, pinned to the brand's partitions) and its per-day aggregate `driver_days`: sentiment
// drivers and the conversation feed (top authors: top-authors.ts).
import type { VerdictCorrection } from '@sl/contracts';
import { splitDays } from './aggregate-days.ts';
import { driverCorrectionSql } from './correction-deltas.ts';
import { LATEST_FIRST, latestCorrectionJoin, verdictConditions } from './feed-verdict-filters.ts';
import { badRequest } from './api-error.ts';
import { HANDLE_SQL } from './brand-handles.ts';
import type { DashboardStore, Params, Row } from './dashboard-store.ts';
import { num } from './dashboard-store.ts';
import { type BrandInfo, rangeConditions } from './rollup-widgets.ts';
import type { TimeRange } from './time-range.ts';
import { rounded } from './top-authors.ts';

export interface SentimentDriver {
  term: string;
  /** The scorer's weights for this term, summed over the range's counted mentions. */
  weight: number;
  /** Counted mentions in which the term drove the score. */
  mentions: number;
}

/**
 * The words that drove sentiment in the range: the scorer's drivers, summed, each way. Whole UTC
 * days from driver_days, the rest unnested from the archive (aggregate-days.ts), and the changes
 * the range's verdict corrections make (correction-deltas.ts), added up per term.
 */
export async function readDrivers(
  store: DashboardStore,
  brand: BrandInfo,
  range: TimeRange,
  limit: number,
): Promise<{ brand: string; positive: SentimentDriver[]; negative: SentimentDriver[] }> {
  const split = splitDays(store, brand.id, 'driver_days', range);
  const params: Params = { limit };
  const parts: string[] = [];
  if (split.aggregate.length > 0)
    parts.push(`SELECT term, weight, mentions FROM ${store.datesRelation('driver_days', brand.id, split.aggregate)}`);
  if (split.archive.length > 0) {
    const where = ['counted', ...rangeConditions('published_at', range, params)].join(' AND ');
    parts.push(`SELECT lower(d.term) AS term, fsum(d.weight) AS weight, count(*) AS mentions
                FROM (SELECT unnest(from_json(sentiment_drivers::VARCHAR, '[{"term":"VARCHAR","weight":"DOUBLE"}]')) AS d
                      FROM ${store.datesRelation('conversations', brand.id, split.archive)} WHERE ${where})
                GROUP BY lower(d.term)`);
  }
  // Verdict corrections that move a mention in or out of the counted ones add or take off its
  // drivers (correction-deltas.ts); a term they take down to no mention is no driver.
  const corrections = driverCorrectionSql(store, brand.id, range, params);
  if (corrections !== null) parts.push(corrections);
  if (parts.length === 0) return { brand: brand.id, positive: [], negative: [] };
  const rows = await store.rows(
    `WITH d AS (${parts.join(' UNION ALL ')}),
          t AS (SELECT term, fsum(weight) AS weight, sum(mentions)::VARCHAR AS mentions FROM d GROUP BY term HAVING sum(mentions) > 0)
     (SELECT 'positive' AS side, * FROM t WHERE weight > 0 ORDER BY weight DESC, term LIMIT $limit)
     UNION ALL
     (SELECT 'negative' AS side, * FROM t WHERE weight < 0 ORDER BY weight ASC, term LIMIT $limit)`,
    params,
  );
  const side = (name: string) =>
    rows
      .filter((r) => r.side === name)
      .map((r) => ({ term: String(r.term), weight: rounded(num(r.weight)) ?? 0, mentions: num(r.mentions) ?? 0 }));
  // UNION ALL keeps each side's order but not necessarily the sides' order: sort again.
  return {
    brand: brand.id,
    positive: side('positive').sort((a, b) => b.weight - a.weight || (a.term < b.term ? -1 : 1)),
    negative: side('negative').sort((a, b) => a.weight - b.weight || (a.term < b.term ? -1 : 1)),
  };
}

export interface FeedFilters {
  source?: string;
  lang?: string;
  sentiment?: 'positive' | 'neutral' | 'negative';
  /** counted, duplicate or spam; all when absent. */
  kind?: 'counted' | 'duplicate' | 'spam';
  author?: string;
  /** A mention id (`source:sourceId`): the mention itself and its direct replies. */
  thread?: string;
  /** Words the text or title contains, case-insensitive. */
  text?: string;
}

export interface FeedItem {
  id: string;
  source: string;
  url: string | null;
  publishedAt: string;
  lang: string | null;
  author: { handle: string; name: string | null; followers: number | null };
  title: string | null;
  text: string;
  /** The sourceId of the mention this one replies to, if any. */
  parentId: string | null;
  /** The id of the thread's first mention: the replied-to mention, or this one. */
  threadId: string;
  sentiment: { label: string; compound: number; drivers: Array<{ term: string; weight: number }> };
  duplicate: { is: boolean; of: string | null };
  spam: { is: boolean; score: number; reasons: string[] };
  counted: boolean;
  /** Came late (ingested over an hour after publication): its rollup rows are late rows. */
  correction: boolean;
  /** The latest correction of how it counts (the engine's in event time, or the team's); the fields above stay as scored. */
  corrected: FeedCorrection | null;
  /** A team correction sent from this dashboard that the archive does not show yet (not rolled up yet). */
  sent: FeedCorrection | null;
  engagement: { likes: number; shares: number; replies: number };
}

export interface FeedCorrection {
  /** The VerdictCorrection's id. */
  id: string;
  by: string;
  /** counted, duplicate, spam or thread_reply: how it counts now, and how before this correction. */
  kind: string;
  fromKind: string;
  sentiment: string;
  fromSentiment: string;
  reason: string;
  at: string;
}

export interface FeedPage {
  brand: string;
  items: FeedItem[];
  /** Pass as `cursor` for the next page; null on the last. */
  next: string | null;
}

const FILTER_KEYS = ['source', 'lang', 'sentiment', 'kind', 'author', 'thread', 'text'] as const;
export const MAX_FEED_LIMIT = 100;

/** Feed filters from a query string; unknown values are refused, not ignored. */
export function parseFeedQuery(params: URLSearchParams): { filters: FeedFilters; cursor: string | null; limit: number } {
  const filters: FeedFilters = {};
  for (const key of FILTER_KEYS) {
    const value = params.get(key)?.trim();
    if (value === undefined || value === '') continue;
    if (value.length > 200) throw badRequest(`${key} is longer than 200 characters`);
    if (key === 'sentiment' && !['positive', 'neutral', 'negative'].includes(value))
      throw badRequest(`sentiment must be positive, neutral or negative, got "${value}"`);
    if (key === 'kind' && !['counted', 'duplicate', 'spam'].includes(value))
      throw badRequest(`kind must be counted, duplicate or spam, got "${value}"`);
    (filters as Record<string, string>)[key] = value;
  }
  const limitText = params.get('limit');
  const limit = limitText === null || limitText === '' ? 20 : Number(limitText);
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_FEED_LIMIT)
    throw badRequest(`limit must be a whole number from 1 to ${MAX_FEED_LIMIT}, got "${limitText}"`);
  const cursor = params.get('cursor');
  return { filters, cursor: cursor === null || cursor === '' ? null : cursor, limit };
}

// The cursor is the last item's (published_at, id): newest first, ties broken by id, so a page
// boundary never repeats or skips a mention, however many arrive meanwhile.
function encodeCursor(publishedMs: number, id: string): string {
  return Buffer.from(JSON.stringify([publishedMs, id])).toString('base64url');
}

function decodeCursor(cursor: string): { publishedMs: number; id: string } {
  try {
    const [publishedMs, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [unknown, unknown];
    if (typeof publishedMs === 'number' && Number.isInteger(publishedMs) && typeof id === 'string') return { publishedMs, id };
  } catch {
    // Falls through to the refusal below.
  }
  throw badRequest('cursor is not one this API gave out; start again without it');
}

const likeEscaped = (text: string) => `%${text.replaceAll('\\', '\\\\').replaceAll('%', '\\%').replaceAll('_', '\\_')}%`;

const parseJsonArray = <T>(value: unknown): T[] => {
  if (value === null || value === undefined) return [];
  const parsed = typeof value === 'string' ? JSON.parse(value) : value;
  return Array.isArray(parsed) ? (parsed as T[]) : [];
};

function feedItem(r: Row): FeedItem {
  return {
    id: String(r.id),
    source: String(r.source),
    url: r.url === null ? null : String(r.url),
    publishedAt: new Date(num(r.published_ms) ?? 0).toISOString(),
    lang: r.lang === null ? null : String(r.lang),
    author: {
      handle: String(r.author_handle),
      name: r.author_name === null ? null : String(r.author_name),
      followers: num(r.author_followers),
    },
    title: r.title === null ? null : String(r.title),
    text: String(r.text),
    parentId: r.parent_id === null ? null : String(r.parent_id),
    threadId: r.parent_id === null ? String(r.id) : `${String(r.source)}:${String(r.parent_id)}`,
    sentiment: {
      label: String(r.sentiment_label),
      compound: num(r.sentiment_compound) ?? 0,
      drivers: parseJsonArray<{ term: string; weight: number }>(r.sentiment_drivers),
    },
    duplicate: { is: r.is_duplicate === true, of: r.duplicate_of === null ? null : String(r.duplicate_of) },
    spam: { is: r.is_spam === true, score: num(r.spam_score) ?? 0, reasons: parseJsonArray<string>(r.spam_reasons) },
    counted: r.counted === true,
    correction: r.is_correction === true,
    corrected: null,
    sent: null,
    engagement: { likes: num(r.likes) ?? 0, shares: num(r.shares) ?? 0, replies: num(r.replies) ?? 0 },
  };
}

/** A correction as the feed shows it. */
export function feedCorrectionOf(c: VerdictCorrection): FeedCorrection {
  return {
    id: c.id,
    by: c.by,
    kind: c.toKind,
    fromKind: c.fromKind,
    sentiment: c.toSentiment,
    fromSentiment: c.fromSentiment,
    reason: c.reason,
    at: new Date(c.correctedAt).toISOString(),
  };
}

const CORRECTION_COLUMNS = `id, mention_id, "by", from_kind, to_kind, from_sentiment, to_sentiment, reason, epoch_ms(corrected_at) AS corrected_ms`;

function correctionOfRow(r: Row): FeedCorrection {
  return {
    id: String(r.id),
    by: String(r.by),
    kind: String(r.to_kind),
    fromKind: String(r.from_kind),
    sentiment: String(r.to_sentiment),
    fromSentiment: String(r.from_sentiment),
    reason: String(r.reason),
    at: new Date(num(r.corrected_ms) ?? 0).toISOString(),
  };
}

/** The latest correction of each item, from the brand's correction archive on the items' dates. */
async function withCorrections(store: DashboardStore, brandId: string, items: FeedItem[]): Promise<FeedItem[]> {
  if (items.length === 0) return items;
  const dates = [...new Set(items.map((item) => item.publishedAt.slice(0, 10)))].filter((date) =>
    store.partitionValues('corrections', { brand: brandId }, 'date').includes(date),
  );
  if (dates.length === 0) return items;
  const params: Record<string, string | bigint | number> = {};
  const ids = items.map((item, i) => {
    params[`id${i}`] = item.id;
    return `$id${i}`;
  });
  const rows = await store.rows(
    `SELECT ${CORRECTION_COLUMNS}
       FROM ${store.relation(
         'corrections',
         dates.map((date) => ({ brand: brandId, date })),
       )}
      WHERE mention_id IN (${ids.join(', ')})
      QUALIFY row_number() OVER (PARTITION BY mention_id ORDER BY ${LATEST_FIRST}) = 1`,
    params,
  );
  const latest = new Map(rows.map((r) => [String(r.mention_id), correctionOfRow(r)]));
  return items.map((item) => ({ ...item, corrected: latest.get(item.id) ?? null }));
}

/** A mention's latest correction for the brand (any date of the brand's correction archive); null: none. */
export async function readLatestCorrection(store: DashboardStore, brandId: string, mentionId: string): Promise<FeedCorrection | null> {
  if (!store.hasFiles('corrections', { brand: brandId })) return null;
  const rows = await store.rows(
    `SELECT ${CORRECTION_COLUMNS} FROM ${store.relation('corrections', { brand: brandId })} WHERE mention_id = $mention ORDER BY ${LATEST_FIRST} LIMIT 1`,
    { mention: mentionId },
  );
  const row = rows[0];
  return row === undefined ? null : correctionOfRow(row);
}

export async function readFeed(
  store: DashboardStore,
  brand: BrandInfo,
  range: TimeRange,
  query: { filters: FeedFilters; cursor: string | null; limit: number },
): Promise<FeedPage> {
  const params: Params = {};
  const where = rangeConditions('published_at', range, params);
  const f = query.filters;
  if (f.source !== undefined) {
    params.source = f.source;
    where.push('source = $source');
  }
  if (f.lang !== undefined) {
    // The language the rollups count a mention under: detected, else declared, else und.
    params.lang = f.lang;
    where.push("coalesce(detected_lang, lang, 'und') = $lang");
  }
  if (f.author !== undefined) {
    params.author = f.author.replace(/^@/, '').toLowerCase();
    where.push(`${HANDLE_SQL} = $author`);
  }
  if (f.thread !== undefined) {
    const colon = f.thread.indexOf(':');
    if (colon < 1) throw badRequest(`thread must be a mention id (source:sourceId), got "${f.thread}"`);
    params.thread = f.thread;
    params.thread_source = f.thread.slice(0, colon);
    params.thread_sid = f.thread.slice(colon + 1);
    where.push('(id = $thread OR (source = $thread_source AND parent_id = $thread_sid))');
  }
  if (f.text !== undefined) {
    params.text = likeEscaped(f.text);
    where.push("(text ILIKE $text ESCAPE '\\' OR coalesce(title, '') ILIKE $text ESCAPE '\\')");
  }
  let cursorDay: string | null = null;
  if (query.cursor !== null) {
    const after = decodeCursor(query.cursor);
    cursorDay = new Date(after.publishedMs).toISOString().slice(0, 10);
    params.cursor_us = BigInt(after.publishedMs) * 1000n;
    params.cursor_id = after.id;
    where.push(
      '(published_at < make_timestamp($cursor_us::BIGINT) OR (published_at = make_timestamp($cursor_us::BIGINT) AND id < $cursor_id))',
    );
  }
  // Newest first, a few date folders at a time (the archive's date is the UTC date of
  // publishedAt): a page is usually found in the newest days, without reading the whole archive.
  const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  const lastDay = [range.to === null ? null : dayOf(range.to - 1), cursorDay].filter((d): d is string => d !== null).sort()[0];
  const firstDay = range.from === null ? undefined : dayOf(range.from);
  const dates = store
    .partitionValues('conversations', { brand: brand.id }, 'date')
    .filter((d) => (lastDay === undefined || d <= lastDay) && (firstDay === undefined || d >= firstDay))
    .reverse();
  // The kind and sentiment filters test each mention's latest correction where its date has any.
  const correctionDates = new Set(
    f.kind === undefined && f.sentiment === undefined ? [] : store.partitionValues('corrections', { brand: brand.id }, 'date'),
  );
  const rows: Row[] = [];
  for (let at = 0, span = 1; at < dates.length && rows.length <= query.limit; at += span, span *= 4) {
    params.limit = query.limit + 1 - rows.length;
    const spanDates = dates.slice(at, at + span);
    const relation = store.relation(
      'conversations',
      spanDates.map((date) => ({ brand: brand.id, date })),
    );
    const join = latestCorrectionJoin(store, brand.id, f, spanDates, correctionDates);
    const conditions = [...where, ...verdictConditions(f, params, join !== null)];
    rows.push(
      ...(await store.rows(
        `${join?.with ?? ''}
         SELECT id, source, url, epoch_ms(published_at) AS published_ms, coalesce(detected_lang, lang) AS lang, author_handle, author_name,
                author_followers::VARCHAR AS author_followers, title, text, parent_id, sentiment_label, sentiment_compound,
                sentiment_drivers::VARCHAR AS sentiment_drivers, is_duplicate, duplicate_of, is_spam, spam_score, spam_reasons::VARCHAR AS spam_reasons,
                counted, is_correction, likes::VARCHAR AS likes, shares::VARCHAR AS shares, replies::VARCHAR AS replies
         FROM ${relation} a ${join?.join ?? ''}
         ${conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : ''}
         ORDER BY published_at DESC, id DESC
         LIMIT $limit`,
        params,
      )),
    );
  }
  const items = await withCorrections(store, brand.id, rows.slice(0, query.limit).map(feedItem));
  const last = items.at(-1);
  return {
    brand: brand.id,
    items,
    next: rows.length > query.limit && last !== undefined ? encodeCursor(Date.parse(last.publishedAt), last.id) : null,
  };
}
