// Per-author sums of a brand's counted mentions over a set of whole UTC days, held in memory as
// typed arrays ("blocks") and cached by the names of the files they were read from. The archive's
// and author_days' files are immutable and named for the Kafka offsets they hold
// (`part-<partition>-<first>-<last>`), so the same names always mean the same rows: a block stays
// right until a date folder's listing changes, and then its key changes with it. A closed month is
// one block (a few rows per author, whatever the number of flushes), a day of a month the range only
// partly covers is one block; adding blocks up in JavaScript costs a few milliseconds a million rows,
// where DuckDB grouping author_days again on every read cost seconds over a year.

import type { DashboardStore, Params } from './dashboard-store.ts';
import type { BlockSource } from './aggregate-days.ts';
import { rangeConditions } from './rollup-widgets.ts';

/** One brand's authors and names, each given a small number once: blocks hold numbers, not strings. */
export interface AuthorDictionary {
  readonly ids: Map<string, number>;
  readonly sources: string[];
  readonly handles: string[];
  readonly nameIds: Map<string, number>;
  readonly names: string[];
}

/** Per-author sums over some dates: row i is author `ids[i]`. NaN and -1 stand for SQL NULL. */
export interface AuthorBlock {
  readonly rows: number;
  readonly ids: Uint32Array;
  readonly mentions: Float64Array;
  /** The largest follower count seen (NaN: none known). */
  readonly followers: Float64Array;
  /** likes + shares + replies. */
  readonly engagement: Float64Array;
  /** The sentiment scores summed (compensated in DuckDB's fsum; NaN: none). */
  readonly sentimentSum: Float64Array;
  /** The largest name seen, an index into the dictionary's names (-1: none). */
  readonly nameIds: Int32Array;
  /** What author_days folded into "others" rows on these dates. */
  readonly folded: { authors: number; mentions: number };
}

export function newDictionary(): AuthorDictionary {
  return { ids: new Map(), sources: [], handles: [], nameIds: new Map(), names: [] };
}

function authorId(dictionary: AuthorDictionary, source: string, handle: string): number {
  const key = `${source}\u0000${handle}`;
  let id = dictionary.ids.get(key);
  if (id === undefined) {
    id = dictionary.sources.length;
    dictionary.ids.set(key, id);
    dictionary.sources.push(source);
    dictionary.handles.push(handle);
  }
  return id;
}

function nameId(dictionary: AuthorDictionary, name: unknown): number {
  if (name === null || name === undefined) return -1;
  const text = String(name);
  let id = dictionary.nameIds.get(text);
  if (id === undefined) {
    id = dictionary.names.length;
    dictionary.nameIds.set(text, id);
    dictionary.names.push(text);
  }
  return id;
}

const DATES_PER_QUERY = 31;

const double = (value: unknown): number => (value === null || value === undefined ? Number.NaN : Number(value));

/**
 * Reads one block, up to a month of dates per query: DuckDB groups those dates' rows per author
 * (returned in columns), and the parts (author_days' dates, the archive's) are merged here. What
 * costs is each row handed to JavaScript with its author looked up, and an author is in most
 * days' answers but once in a month's: on the benchmark's year, a date per query took about twice
 * as long as a month per query, for about 40 MB less resident.
 */
export async function readAuthorBlock(
  store: DashboardStore,
  dictionary: AuthorDictionary,
  brandId: string,
  source: BlockSource,
): Promise<AuthorBlock> {
  const chunks = (dates: readonly string[]) =>
    Array.from({ length: Math.ceil(dates.length / DATES_PER_QUERY) }, (_, i) =>
      dates.slice(i * DATES_PER_QUERY, (i + 1) * DATES_PER_QUERY),
    );
  const dates = [
    ...chunks(source.aggregate).map((part) => ({ aggregate: part, archive: [], cut: null })),
    ...chunks(source.archive).map((part) => ({ aggregate: [], archive: part, cut: source.cut })),
  ];
  if (dates.length === 0) throw new Error('an author block needs at least one date');
  const blocks: AuthorBlock[] = [];
  for (const date of dates) blocks.push(await readDateBlock(store, dictionary, brandId, date));
  return blocks.length === 1 ? (blocks[0] as AuthorBlock) : mergeBlocks(blocks, dictionary);
}

async function readDateBlock(
  store: DashboardStore,
  dictionary: AuthorDictionary,
  brandId: string,
  source: BlockSource,
): Promise<AuthorBlock> {
  const params: Params = {};
  const parts: string[] = [];
  if (source.aggregate.length > 0) {
    parts.push(`SELECT source, author_handle, author_name AS name, followers, mentions, likes + shares + replies AS engagement, sentiment_sum
                FROM ${store.datesRelation('author_days', brandId, source.aggregate)} WHERE NOT is_others`);
  }
  if (source.archive.length > 0) {
    const where = ['counted', ...(source.cut === null ? [] : rangeConditions('published_at', source.cut, params))];
    parts.push(`SELECT source, author_handle, author_name AS name, author_followers AS followers, 1 AS mentions,
                       likes + shares + replies AS engagement, sentiment_compound AS sentiment_sum
                FROM ${store.datesRelation('conversations', brandId, source.archive)} WHERE ${where.join(' AND ')}`);
  }
  const [columns, folded] = await Promise.all([
    store.columns(
      `SELECT source, author_handle, max(name) AS name, max(followers)::DOUBLE AS followers, sum(mentions)::DOUBLE AS mentions,
              sum(engagement)::DOUBLE AS engagement, fsum(sentiment_sum) AS sentiment_sum
       FROM (${parts.join(' UNION ALL ')}) GROUP BY source, author_handle`,
      params,
    ),
    readFolded(store, brandId, source.aggregate),
  ]);
  const sources = columns.source ?? [];
  const rows = sources.length;
  const block = emptyBlock(rows, folded);
  const { author_handle: handles = [], name = [], followers = [], mentions = [], engagement = [], sentiment_sum: sentiment = [] } = columns;
  for (let i = 0; i < rows; i += 1) {
    block.ids[i] = authorId(dictionary, String(sources[i]), String(handles[i]));
    block.nameIds[i] = nameId(dictionary, name[i]);
    block.followers[i] = double(followers[i]);
    block.mentions[i] = double(mentions[i]);
    block.engagement[i] = double(engagement[i]);
    block.sentimentSum[i] = double(sentiment[i]);
  }
  return block;
}

function emptyBlock(rows: number, folded: { authors: number; mentions: number }): AuthorBlock {
  return {
    rows,
    ids: new Uint32Array(rows),
    mentions: new Float64Array(rows),
    followers: new Float64Array(rows),
    engagement: new Float64Array(rows),
    sentimentSum: new Float64Array(rows),
    nameIds: new Int32Array(rows),
    folded,
  };
}

// Code-point order, which is DuckDB's (UTF-8 bytes) for VARCHAR: UTF-16 units differ from it only
// between a surrogate (a code point above U+FFFF) and a unit from U+E000 up.
export function compareText(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i += 1) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    const xs = x >= 0xd800 && x <= 0xdfff;
    const ys = y >= 0xd800 && y <= 0xdfff;
    if (xs && !ys && y >= 0xe000) return 1;
    if (ys && !xs && x >= 0xe000) return -1;
    return x - y;
  }
  return a.length - b.length;
}

/** Blocks of several dates as one: SQL's sum, max and fsum per author, NULL only where every row's is. */
export function mergeBlocks(blocks: readonly AuthorBlock[], dictionary: AuthorDictionary): AuthorBlock {
  const authors = dictionary.sources.length;
  const slot = new Int32Array(authors).fill(-1);
  const order: number[] = [];
  for (const block of blocks) {
    for (let i = 0; i < block.rows; i += 1) {
      const id = block.ids[i] as number;
      if (slot[id] === -1) {
        slot[id] = order.length;
        order.push(id);
      }
    }
  }
  const folded = { authors: 0, mentions: 0 };
  const merged = emptyBlock(order.length, folded);
  merged.ids.set(order);
  merged.followers.fill(Number.NaN);
  merged.engagement.fill(Number.NaN);
  merged.sentimentSum.fill(Number.NaN);
  merged.nameIds.fill(-1);
  const compensation = new Float64Array(order.length);
  for (const block of blocks) {
    folded.authors += block.folded.authors;
    folded.mentions += block.folded.mentions;
    for (let i = 0; i < block.rows; i += 1) {
      const at = slot[block.ids[i] as number] as number;
      merged.mentions[at] = (merged.mentions[at] as number) + (block.mentions[i] as number);
      const followers = block.followers[i] as number;
      if (!(followers <= (merged.followers[at] as number)))
        merged.followers[at] = Number.isNaN(followers) ? (merged.followers[at] as number) : followers;
      const engagement = block.engagement[i] as number;
      if (!Number.isNaN(engagement))
        merged.engagement[at] = Number.isNaN(merged.engagement[at]) ? engagement : (merged.engagement[at] as number) + engagement;
      const value = block.sentimentSum[i] as number;
      if (!Number.isNaN(value)) {
        // Neumaier, as compensated-sum.ts: the running sum in sentimentSum, its error beside it.
        const sum = merged.sentimentSum[at] as number;
        if (Number.isNaN(sum)) merged.sentimentSum[at] = value;
        else {
          const total = sum + value;
          compensation[at] = (compensation[at] as number) + (Math.abs(sum) >= Math.abs(value) ? sum - total + value : value - total + sum);
          merged.sentimentSum[at] = total;
        }
      }
      const name = block.nameIds[i] as number;
      const held = merged.nameIds[at] as number;
      if (name >= 0 && name !== held && (held < 0 || compareText(dictionary.names[name] as string, dictionary.names[held] as string) > 0))
        merged.nameIds[at] = name;
    }
  }
  for (let at = 0; at < order.length; at += 1) {
    if (!Number.isNaN(merged.sentimentSum[at]))
      merged.sentimentSum[at] = (merged.sentimentSum[at] as number) + (compensation[at] as number);
  }
  return merged;
}

async function readFolded(
  store: DashboardStore,
  brandId: string,
  dates: readonly string[],
): Promise<{ authors: number; mentions: number }> {
  if (dates.length === 0) return { authors: 0, mentions: 0 };
  const [row] = await store.rows(
    `SELECT coalesce(sum(authors), 0)::DOUBLE AS authors, coalesce(sum(mentions), 0)::DOUBLE AS mentions
     FROM ${store.datesRelation('author_days', brandId, dates)} WHERE is_others`,
  );
  return { authors: Number(row?.authors ?? 0), mentions: Number(row?.mentions ?? 0) };
}
