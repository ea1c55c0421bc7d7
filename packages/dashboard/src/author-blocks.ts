// Per-author sums of a brand's counted mentions over a set of whole UTC days, held in memory as
// typed arrays ("blocks") and cached by the names of the files they were read from. The archive's
// and author_days' files are immutable and named for the Kafka offsets they hold
// (`part-<partition>-<first>-<last>`), so the same names always mean the same rows: a block stays
// right until a date folder's listing changes, and then its key changes with it. A closed month is
// one block (a row per author, whatever the number of flushes), a day of a month the range only
// partly covers is one block; adding blocks up in JavaScript costs a few milliseconds a million rows,
// where DuckDB grouping author_days again on every read cost seconds over a year.
//
// Blocks hold numbers only, packed to 4 bytes where they fit (packed-column.ts). Each author (source and handle) and each name gets a number in a
// table of the dashboard's DuckDB (dashboard_authors, dashboard_names, per brand), given as the
// block is read: the strings stay there, out of V8's heap, and JavaScript handles no string per
// row (it did, and reading a year took twice as long and left the process larger).
import type { BlockSource } from './aggregate-days.ts';
import type { DashboardStore, Params } from './dashboard-store.ts';
import { type PackedColumn, packColumn } from './packed-column.ts';
import { rangeConditions } from './rollup-widgets.ts';

/** One brand's authors and names as numbered in DuckDB: how many of each so far. */
export interface AuthorDictionary {
  readonly brandId: string;
  authors: number;
  names: number;
  /** Numbers are given one block at a time: the block reads of a store queue here. */
  queue: Promise<unknown>;
}

/** Per-author sums over some dates: row i is author `ids[i]`. NaN and -1 stand for SQL NULL. */
export interface AuthorBlock {
  readonly rows: number;
  readonly ids: Uint32Array;
  /** Counted mentions (read with valueAt, packed-column.ts; negative in a block of changes). */
  readonly mentions: PackedColumn;
  /** The largest follower count seen (NaN: none known). */
  readonly followers: PackedColumn;
  /** likes + shares + replies. */
  readonly engagement: PackedColumn;
  /** The sentiment scores summed (compensated in DuckDB's fsum; NaN: none). */
  readonly sentimentSum: Float64Array;
  /** The largest name seen, as numbered in dashboard_names (-1: none). */
  readonly nameIds: Int32Array;
  /** What author_days folded into "others" rows on these dates. */
  readonly folded: { authors: number; mentions: number };
}

export const AUTHORS_TABLE = 'dashboard_authors';
export const NAMES_TABLE = 'dashboard_names';
export const NUMBERING_TABLES = { authors: AUTHORS_TABLE, names: NAMES_TABLE };

const tablesMade = new WeakMap<DashboardStore, Promise<unknown>>();

export function newDictionary(brandId: string): AuthorDictionary {
  return { brandId, authors: 0, names: 0, queue: Promise.resolve() };
}

/** The numbering tables of the store's DuckDB, made once. */
export function ensureAuthorTables(store: DashboardStore): Promise<unknown> {
  let made = tablesMade.get(store);
  if (made === undefined) {
    made = store
      .rows(`CREATE TABLE IF NOT EXISTS ${AUTHORS_TABLE} (brand VARCHAR, source VARCHAR, author_handle VARCHAR, id INTEGER)`)
      .then(() => store.rows(`CREATE TABLE IF NOT EXISTS ${NAMES_TABLE} (brand VARCHAR, name VARCHAR, id INTEGER)`))
      .catch((error: unknown) => {
        // Not kept: the next read makes them again instead of failing for the process's life.
        tablesMade.delete(store);
        throw error;
      });
    tablesMade.set(store, made);
  }
  return made;
}

const double = (value: unknown): number => (value === null || value === undefined ? Number.NaN : Number(value));

let blockTables = 0;

/**
 * Reads one block in one query (a month at most): DuckDB groups the dates' rows per author, from
 * author_days and the archive alike, numbers the authors and names it has not seen, and hands back
 * the numbers in columns.
 */
export function readAuthorBlock(store: DashboardStore, dictionary: AuthorDictionary, source: BlockSource): Promise<AuthorBlock> {
  const params: Params = {};
  const parts = blockParts(store, dictionary.brandId, source, params);
  if (parts.length === 0) throw new Error('an author block needs at least one date');
  return queued(dictionary, () => readNumbered(store, dictionary, parts, params, source.aggregate));
}

/**
 * A block of per-author changes (correction-deltas.ts): `sql` gives the columns the other blocks'
 * parts give, mentions possibly negative. Its authors are numbered like the others' (an author
 * may count only through a correction).
 */
export function readChangeBlock(store: DashboardStore, dictionary: AuthorDictionary, sql: string, params: Params): Promise<AuthorBlock> {
  return queued(dictionary, () => readNumbered(store, dictionary, [sql], params, []));
}

function queued(dictionary: AuthorDictionary, read: () => Promise<AuthorBlock>): Promise<AuthorBlock> {
  const done = dictionary.queue.then(read);
  dictionary.queue = done.catch(() => undefined);
  return done;
}

function blockParts(store: DashboardStore, brandId: string, source: BlockSource, params: Params): string[] {
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
  return parts;
}

async function readNumbered(
  store: DashboardStore,
  dictionary: AuthorDictionary,
  parts: readonly string[],
  params: Params,
  aggregateDates: readonly string[],
): Promise<AuthorBlock> {
  await ensureAuthorTables(store);
  const brandId = dictionary.brandId;
  blockTables += 1;
  const table = `dashboard_block_${blockTables}`;
  await store.rows(
    `CREATE TABLE ${table} AS
     SELECT source, author_handle, max(name) AS name, max(followers)::DOUBLE AS followers, sum(mentions)::DOUBLE AS mentions,
            sum(engagement)::DOUBLE AS engagement, fsum(sentiment_sum) AS sentiment_sum
     FROM (${parts.join(' UNION ALL ')}) GROUP BY source, author_handle`,
    params,
  );
  try {
    const brand = { brand: brandId };
    await store.rows(
      `INSERT INTO ${AUTHORS_TABLE}
       SELECT $brand, source, author_handle, ($authors + row_number() OVER () - 1)::INTEGER
       FROM (SELECT source, author_handle FROM ${table} EXCEPT SELECT source, author_handle FROM ${AUTHORS_TABLE} WHERE brand = $brand)`,
      { ...brand, authors: dictionary.authors },
    );
    await store.rows(
      `INSERT INTO ${NAMES_TABLE}
       SELECT $brand, name, ($names + row_number() OVER () - 1)::INTEGER
       FROM (SELECT name FROM ${table} WHERE name IS NOT NULL EXCEPT SELECT name FROM ${NAMES_TABLE} WHERE brand = $brand)`,
      { ...brand, names: dictionary.names },
    );
    const [counts] = await store.rows(
      `SELECT (SELECT count(*) FROM ${AUTHORS_TABLE} WHERE brand = $brand)::DOUBLE AS authors,
              (SELECT count(*) FROM ${NAMES_TABLE} WHERE brand = $brand)::DOUBLE AS names`,
      brand,
    );
    const before = { authors: dictionary.authors, names: dictionary.names };
    dictionary.authors = Number(counts?.authors);
    dictionary.names = Number(counts?.names);
    // The new numbers go to the summary on disk before any block that uses them (author-summary-files.ts).
    if (store.summary !== null && (dictionary.authors > before.authors || dictionary.names > before.names)) {
      await store.summary
        .saveNumbering(store, brandId, NUMBERING_TABLES, before, { authors: dictionary.authors, names: dictionary.names })
        .catch((error: unknown) =>
          store.warn({ err: error, brand: brandId }, 'could not write the numbering of authors to the summary on disk'),
        );
    }
    const [columns, folded] = await Promise.all([
      store.columns(
        `SELECT a.id, n.id AS name_id, g.followers, g.mentions, g.engagement, g.sentiment_sum
         FROM ${table} g
         JOIN ${AUTHORS_TABLE} a ON a.brand = $brand AND a.source IS NOT DISTINCT FROM g.source AND a.author_handle IS NOT DISTINCT FROM g.author_handle
         LEFT JOIN ${NAMES_TABLE} n ON n.brand = $brand AND n.name = g.name`,
        brand,
      ),
      readFolded(store, brandId, aggregateDates),
    ]);
    const ids = columns.id ?? [];
    const rows = ids.length;
    const { name_id: names = [], followers = [], mentions = [], engagement = [], sentiment_sum: sentiment = [] } = columns;
    const block = {
      rows,
      ids: new Uint32Array(rows),
      mentions: new Float64Array(rows),
      followers: new Float64Array(rows),
      engagement: new Float64Array(rows),
      sentimentSum: new Float64Array(rows),
      nameIds: new Int32Array(rows),
      folded,
    };
    for (let i = 0; i < rows; i += 1) {
      block.ids[i] = Number(ids[i]);
      block.nameIds[i] = names[i] === null || names[i] === undefined ? -1 : Number(names[i]);
      block.followers[i] = double(followers[i]);
      block.mentions[i] = double(mentions[i]);
      block.engagement[i] = double(engagement[i]);
      block.sentimentSum[i] = double(sentiment[i]);
    }
    return {
      ...block,
      mentions: packColumn(block.mentions),
      followers: packColumn(block.followers),
      engagement: packColumn(block.engagement),
    };
  } finally {
    await store.rows(`DROP TABLE ${table}`);
  }
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
