// The views analysts query — `rollups`, `conversations`, `corrections`, `author_days`,
// `driver_days`, `brand_replies`, `raw_mentions`, `alerts` — as DuckDB relations over
// the object-store folder, used by `sl query` and by the dashboard alike, so both read the same
// numbers. Hive partitions (grain, brand, source, date) become typed columns (a brand id like "42"
// stays a string). A view with no files yet is an empty relation with the files' own columns:
// an empty store is a state, not an error (`SELECT count(*) FROM rollups` answers 0).
import fs from 'node:fs';
import path from 'node:path';
import { partitionValue } from '@sl/archive';

export interface AnalystView {
  name: 'rollups' | 'conversations' | 'corrections' | 'author_days' | 'driver_days' | 'brand_replies' | 'raw_mentions' | 'alerts';
  /** Folder under the store's root, without a trailing slash. */
  prefix: string;
  /** Hive partitions in path order, with their DuckDB types. */
  partitions: ReadonlyArray<readonly [string, string]>;
  /** The Parquet files' columns as DuckDB reads them (a unit test checks them against the writers). */
  columns: ReadonlyArray<readonly [string, string]>;
}

const T = 'TIMESTAMP';
const S = 'VARCHAR';
const I = 'BIGINT';
const D = 'DOUBLE';
const B = 'BOOLEAN';
const J = 'JSON';

export const ANALYST_VIEWS: readonly AnalystView[] = [
  {
    name: 'rollups',
    prefix: 'rollups/v1',
    partitions: [
      ['grain', S],
      ['brand', S],
      ['date', 'DATE'],
    ],
    columns: [
      ['window_start', T],
      ['source', S],
      ['lang', S],
      ['is_correction', B],
      ['verdict', S],
      ['mentions', I],
      ['duplicates', I],
      ['spam', I],
      ['thread_replies', I],
      ['positive', I],
      ['neutral', I],
      ['negative', I],
      ['sentiment_sum', D],
      ['sentiment_sum_sq', D],
      ['reach', I],
      ['likes', I],
      ['shares', I],
      ['replies', I],
      ['authors_sketch', 'BIGINT[]'],
      ['authors_estimate', D],
      ['top_terms', J],
      ['top_hashtags', J],
      ['kafka_partition', 'INTEGER'],
      ['first_offset', I],
      ['last_offset', I],
    ],
  },
  {
    name: 'conversations',
    prefix: 'conversations/v1',
    partitions: [
      ['brand', S],
      ['date', 'DATE'],
    ],
    columns: [
      ['id', S],
      ['source', S],
      ['source_id', S],
      ['author_handle', S],
      ['author_name', S],
      ['author_followers', I],
      ['text', S],
      ['title', S],
      ['url', S],
      ['parent_id', S],
      ['role', S],
      ['thread_id', S],
      ['lang', S],
      ['detected_lang', S],
      ['published_at', T],
      ['ingested_at', T],
      ['sentiment_compound', D],
      ['sentiment_label', S],
      ['sentiment_drivers', J],
      ['is_duplicate', B],
      ['duplicate_of', S],
      ['spam_score', D],
      ['spam_reasons', J],
      ['is_spam', B],
      ['counted', B],
      ['is_correction', B],
      ['matched_terms', J],
      ['likes', I],
      ['shares', I],
      ['replies', I],
      ['kafka_partition', 'INTEGER'],
      ['kafka_offset', I],
    ],
  },
  {
    name: 'corrections',
    prefix: 'corrections/v1',
    partitions: [
      ['brand', S],
      ['date', 'DATE'],
    ],
    columns: [
      ['id', S],
      ['by', S],
      ['mention_id', S],
      ['source', S],
      ['lang', S],
      ['published_at', T],
      ['ingested_at', T],
      ['author_handle', S],
      ['from_kind', S],
      ['to_kind', S],
      ['from_sentiment', S],
      ['to_sentiment', S],
      ['reason', S],
      ['corrected_at', T],
      ['kafka_partition', 'INTEGER'],
      ['kafka_offset', I],
    ],
  },
  {
    // Per-day author aggregates of the counted mentions, written beside the archive in the same
    // flush (one file per conversation file, same name); `date` is the UTC day of publication.
    name: 'author_days',
    prefix: 'author-days/v1',
    partitions: [
      ['brand', S],
      ['date', 'DATE'],
    ],
    columns: [
      ['source', S],
      ['author_handle', S],
      ['author_name', S],
      ['followers', I],
      ['mentions', I],
      ['likes', I],
      ['shares', I],
      ['replies', I],
      ['sentiment_sum', D],
      ['is_others', B],
      ['authors', I],
      ['max_mentions', I],
      ['kafka_partition', 'INTEGER'],
      ['first_offset', I],
      ['last_offset', I],
    ],
  },
  {
    // Per-day sentiment-driver aggregates of the counted mentions, like author_days.
    name: 'driver_days',
    prefix: 'driver-days/v1',
    partitions: [
      ['brand', S],
      ['date', 'DATE'],
    ],
    columns: [
      ['term', S],
      ['weight', D],
      ['mentions', I],
      ['kafka_partition', 'INTEGER'],
      ['first_offset', I],
      ['last_offset', I],
    ],
  },
  {
    // The brand's own accounts' replies (handles as the worker knew them at the flush), like author_days.
    name: 'brand_replies',
    prefix: 'brand-replies/v1',
    partitions: [
      ['brand', S],
      ['date', 'DATE'],
    ],
    columns: [
      ['mention_id', S],
      ['source', S],
      ['author_handle', S],
      ['parent_id', S],
      ['published_at', T],
      ['kafka_partition', 'INTEGER'],
      ['first_offset', I],
      ['last_offset', I],
    ],
  },
  {
    name: 'raw_mentions',
    prefix: 'raw/v1',
    partitions: [
      ['source', S],
      ['date', 'DATE'],
    ],
    columns: [
      ['id', S],
      ['source_id', S],
      ['text', S],
      ['title', S],
      ['url', S],
      ['lang', S],
      ['published_at', T],
      ['ingested_at', T],
      ['author_handle', S],
      ['author_name', S],
      ['author_followers', I],
      ['likes', I],
      ['shares', I],
      ['replies', I],
      ['parent_id', S],
      ['kafka_partition', 'INTEGER'],
      ['kafka_offset', I],
    ],
  },
  {
    // Every alert raised, archived from the alerts.<brand> topics by the raw archiver; `date` is
    // the UTC date of the alert's window start.
    name: 'alerts',
    prefix: 'alerts/v1',
    partitions: [
      ['brand', S],
      ['date', 'DATE'],
    ],
    columns: [
      ['id', S],
      ['kind', S],
      ['severity', S],
      ['window_start', T],
      ['window_end', T],
      ['observed', D],
      ['expected', D],
      ['mention_ids', J],
      ['sample_texts', J],
      ['explanation', S],
      ['created_at', T],
      ['author', S],
      ['url', S],
      ['sentiment', D],
      ['influence', J],
      ['historical', B],
      ['kafka_partition', 'INTEGER'],
      ['kafka_offset', I],
    ],
  },
];

export function analystView(name: AnalystView['name']): AnalystView {
  const view = ANALYST_VIEWS.find((v) => v.name === name);
  if (view === undefined) throw new RangeError(`no analyst view named ${name}`);
  return view;
}

const quote = (text: string): string => `'${text.replaceAll("'", "''")}'`;

/** Partition values to pin, e.g. `{ brand: 'acme' }`: only files under `brand=acme` are read. */
export type PartitionScope = Readonly<Record<string, string>>;

/** The glob of a view's files under `root`, pinned to `scope`'s partition values. */
export function viewGlob(root: string, view: AnalystView, scope: PartitionScope = {}): string {
  for (const key of Object.keys(scope)) {
    if (!view.partitions.some(([name]) => name === key)) throw new RangeError(`${view.name} has no partition ${key}`);
  }
  const dirs = view.partitions.map(([name]) => `${name}=${scope[name] === undefined ? '*' : partitionValue(scope[name])}`);
  return `${root.replace(/\/+$/u, '')}/${view.prefix}/${dirs.join('/')}/*.parquet`;
}

/** The folder a view reads, for messages ("no files yet under …"). */
export function viewFolder(root: string, view: AnalystView): string {
  return path.join(root, view.prefix);
}

/** True when at least one file matches the view's glob (a local folder only). */
export function viewHasFiles(root: string, view: AnalystView, scope: PartitionScope = {}): boolean {
  if (!fs.existsSync(path.join(root, view.prefix))) return false;
  return fs.globSync(viewGlob(root, view, scope)).length > 0;
}

/**
 * The values a partition takes under `scope`, which must pin every partition before it (e.g. the
 * dates of one brand's conversations), sorted; from the folder names, without opening a file.
 */
export function partitionValues(root: string, view: AnalystView, scope: PartitionScope, name: string): string[] {
  const at = view.partitions.findIndex(([partition]) => partition === name);
  if (at === -1) throw new RangeError(`${view.name} has no partition ${name}`);
  const parents = view.partitions.slice(0, at).map(([partition]) => {
    const value = scope[partition];
    if (value === undefined) throw new RangeError(`listing ${name} of ${view.name} needs ${partition} pinned`);
    return `${partition}=${partitionValue(value)}`;
  });
  const dir = path.join(root, view.prefix, ...parents);
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((entry) => entry.startsWith(`${name}=`))
    .map((entry) => decodeURIComponent(entry.slice(name.length + 1)))
    .sort();
}

/** The Parquet file names in one partition folder (`scope` pins every partition), sorted; [] when there is none. */
export function partitionFiles(root: string, view: AnalystView, scope: PartitionScope): string[] {
  const dirs = view.partitions.map(([name]) => {
    const value = scope[name];
    if (value === undefined) throw new RangeError(`listing files of ${view.name} needs ${name} pinned`);
    return `${name}=${partitionValue(value)}`;
  });
  const dir = path.join(root, view.prefix, ...dirs);
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((entry) => entry.endsWith('.parquet'))
    .sort();
}

/** An empty relation with the view's columns and partitions, for a view with no files yet. */
export function emptyViewRelation(view: AnalystView): string {
  const columns = [...view.columns, ...view.partitions].map(([name, type]) => `CAST(NULL AS ${type}) AS ${name}`);
  return `(SELECT ${columns.join(', ')} WHERE false)`;
}

/**
 * A relation (usable after FROM) over the view's files under `root`, pinned to `scope`; the empty
 * relation when no file matches. Files written by different versions line up by column name.
 */
export function viewRelation(root: string, view: AnalystView, scope: PartitionScope | readonly PartitionScope[] = {}): string {
  // Several scopes (e.g. one brand's last few dates): the files of those that have any.
  const scopes = (Array.isArray(scope) ? scope : [scope]) as readonly PartitionScope[];
  const present = scopes.filter((one) => viewHasFiles(root, view, one));
  return present.length === 0 ? emptyViewRelation(view) : filesRelation(root, view, present);
}

/**
 * Like viewRelation, for scopes the caller has just seen files under (e.g. the dates it listed):
 * no glob is run here to check, which for a year of dates cost more than the query.
 */
export function listedViewRelation(root: string, view: AnalystView, scopes: readonly PartitionScope[]): string {
  return scopes.length === 0 ? emptyViewRelation(view) : filesRelation(root, view, scopes);
}

function filesRelation(root: string, view: AnalystView, scopes: readonly PartitionScope[]): string {
  const hiveTypes = `{${view.partitions.map(([name, type]) => `${quote(name)}: ${type}`).join(', ')}}`;
  const globs = scopes.map((scope) => quote(viewGlob(root, view, scope)));
  const files = globs.length === 1 ? globs[0] : `[${globs.join(', ')}]`;
  return `read_parquet(${files}, hive_partitioning = true, hive_types = ${hiveTypes}, union_by_name = true)`;
}

export interface AnalystViewsSql {
  /** CREATE VIEW statements, one per view, then the unique-authors macros. */
  statements: string[];
  /** Views with no files yet (empty, with their columns). */
  empty: AnalystView[];
}

/** The statements `sl query` runs before the analyst's SQL. */
export function analystViewsSql(root: string, authorsSketchSql: string): AnalystViewsSql {
  const empty: AnalystView[] = [];
  const statements = ANALYST_VIEWS.map((view) => {
    const has = viewHasFiles(root, view);
    if (!has) empty.push(view);
    return `CREATE OR REPLACE VIEW ${view.name} AS SELECT * FROM ${has ? filesRelation(root, view, [{}]) : emptyViewRelation(view)}`;
  });
  statements.push(authorsSketchSql);
  return { statements, empty };
}
