// The dashboard's read side: one DuckDB database over the object-store folder (or the local copy
// of an S3 bucket), locked down like `sl query`'s — no extensions, no file access outside the
// folder, configuration frozen — so a widget's SQL, built here from fixed text and bound
// parameters, can only ever read the analysts' Parquet files.
import path from 'node:path';
import { DuckDBInstance, type DuckDBValue } from '@duckdb/node-api';
import {
  type AnalystView,
  analystView,
  listedViewRelation,
  type PartitionScope,
  partitionFiles,
  partitionValues,
  viewFolder,
  viewHasFiles,
  viewRelation,
} from '@sl/rollups';
import { type AuthorSummaryFiles, createAuthorSummaryFiles, lockSummaryDir, summaryDirFor } from './author-summary-files.ts';

export type Row = Record<string, unknown>;
export type Params = Record<string, DuckDBValue>;

export interface DashboardStore {
  /** The folder read: the object store's, or the cache an S3 bucket is copied into. */
  readonly root: string;
  /** What the root holds, for messages: "the folder …" or "s3://bucket (copied into …)". */
  readonly describe: string;
  /** How many rows of per-author sums top authors may hold in memory (author-block-cache.ts). */
  readonly authorCacheRows: number;
  /** Top authors' summary on local disk (author-summary-files.ts); null: none, `summaryNote` says why. */
  readonly summary: AuthorSummaryFiles | null;
  /** Where the summary is, or why there is none, in words. */
  readonly summaryNote: string;
  /** Warnings of the store's own upkeep (a summary file that could not be written). */
  warn(fields: Record<string, unknown>, message: string): void;
  /** A relation over one view, pinned to one brand's partitions (and empty when it has no files). */
  relation(view: AnalystView['name'], scope: PartitionScope | readonly PartitionScope[]): string;
  /**
   * Like relation, reading only the date folders from `days.from` to `days.to` (either open, both
   * inclusive): a bounded range opens none of the other dates' files, nor globs them.
   */
  relationByDates(view: AnalystView['name'], scope: PartitionScope, days: { from: string | null; to: string | null }): string;
  /** The values of a partition under `scope` (e.g. one brand's dates), sorted, from folder names. */
  partitionValues(view: AnalystView['name'], scope: PartitionScope, name: string): string[];
  /** A relation over one brand's `dates` of a view, each known to hold files (listed just before): nothing is globbed to check. */
  datesRelation(view: AnalystView['name'], brandId: string, dates: readonly string[]): string;
  /** The Parquet file names in one partition folder (every partition pinned), sorted. */
  partitionFiles(view: AnalystView['name'], scope: PartitionScope): string[];
  /** Whether any file of the view is under those partitions yet. */
  hasFiles(view: AnalystView['name'], scope: PartitionScope): boolean;
  /** The folder a view's files are under, for "waiting for …" messages. */
  folder(view: AnalystView['name']): string;
  rows(sql: string, params?: Params): Promise<Row[]>;
  /** The answer by column (JS values: numbers, strings, null): no object per row, for large answers. */
  columns(sql: string, params?: Params): Promise<Record<string, unknown[]>>;
  close(): void;
}

export interface DashboardStoreOptions {
  root: string;
  /** @default `the folder <root>` */
  describe?: string;
  /** Rows of per-author sums held for top authors, 28 bytes each (40 when a column does not pack). @default 4_000_000 */
  authorCacheRows?: number;
  /**
   * DuckDB's memory_limit in MiB: what its buffer pool may hold for a query (a year's grouping
   * spills nothing at 96; it spills to no file here, so a query over it fails instead).
   * @default 256
   */
  duckdbMemoryMiB?: number;
  /** DuckDB's worker threads. @default 2 */
  duckdbThreads?: number;
  /**
   * A folder for top authors' summary on local disk, kept across restarts (a subfolder per store
   * root, author-summary-files.ts). @default none: held in memory only
   */
  summaryDir?: string;
  /** Where the store's warnings go. @default nowhere */
  warn?: (fields: Record<string, unknown>, message: string) => void;
  /**
   * DuckDB's allocator_flush_threshold in MiB: freed memory its allocator keeps for reuse past
   * this is handed back to the operating system after each query. @default 16
   */
  duckdbFlushMiB?: number;
}

export const DEFAULT_DUCKDB_MEMORY_MIB = 256;
export const DEFAULT_DUCKDB_THREADS = 2;
export const DEFAULT_DUCKDB_FLUSH_MIB = 16;

export const DEFAULT_AUTHOR_CACHE_ROWS = 4_000_000;

export async function openDashboardStore(options: DashboardStoreOptions): Promise<DashboardStore> {
  const root = path.resolve(options.root);
  const instance = await DuckDBInstance.create(':memory:', {
    autoinstall_known_extensions: 'false',
    autoload_known_extensions: 'false',
    allow_community_extensions: 'false',
  });
  const setup = await instance.connect();
  // The summary folder is the one other place DuckDB may touch: it writes the numbering of authors
  // and names there (COPY … TO) and reads it back after a restart.
  let summaryDir: string | null = options.summaryDir === undefined ? null : summaryDirFor(options.summaryDir, root);
  let summaryNote = 'none: top authors are held in memory only';
  let lock: { release(): void } | null = null;
  if (summaryDir !== null) {
    const taken = lockSummaryDir(summaryDir);
    if ('heldBy' in taken) {
      summaryNote = `none: ${summaryDir} is used by process ${taken.heldBy}`;
      options.warn?.(
        { dir: summaryDir, pid: taken.heldBy },
        'top authors summary folder in use by another process; holding top authors in memory only',
      );
      summaryDir = null;
    } else {
      lock = taken;
      summaryNote = summaryDir;
    }
  }
  const allowed = [root, ...(summaryDir === null ? [] : [summaryDir])].map((dir) => `'${`${dir}${path.sep}`.replaceAll("'", "''")}'`);
  await setup.run(`SET allowed_directories = [${allowed.join(', ')}]`);
  // DuckDB's own cache of file blocks (1.3+) duplicates the operating system's page cache for
  // local files, and grew by about 20 MB over a year of one brand's files: left off.
  await setup.run('SET enable_external_file_cache = false');
  // Left to itself DuckDB may use 80% of the machine's memory and a thread per core, and its
  // allocator keeps freed memory for reuse: the service sat at 412 MB resident after a year's reads.
  await setup.run(`SET memory_limit = '${Math.floor(options.duckdbMemoryMiB ?? DEFAULT_DUCKDB_MEMORY_MIB)}MiB'`);
  await setup.run(`SET threads = ${Math.floor(options.duckdbThreads ?? DEFAULT_DUCKDB_THREADS)}`);
  await setup.run(`SET allocator_flush_threshold = '${Math.floor(options.duckdbFlushMiB ?? DEFAULT_DUCKDB_FLUSH_MIB)}MiB'`);
  await setup.run('SET enable_external_access = false');
  await setup.run('SET lock_configuration = true');
  setup.closeSync();
  return {
    root,
    describe: options.describe ?? `the folder ${root}`,
    authorCacheRows: options.authorCacheRows ?? DEFAULT_AUTHOR_CACHE_ROWS,
    summary: summaryDir === null ? null : createAuthorSummaryFiles(summaryDir),
    summaryNote,
    warn: options.warn ?? (() => undefined),
    relation: (view, scope) => viewRelation(root, analystView(view), scope),
    relationByDates(view, scope, days) {
      if (days.from === null && days.to === null) return viewRelation(root, analystView(view), scope);
      const dates = partitionValues(root, analystView(view), scope, 'date').filter(
        (date) => (days.from === null || date >= days.from) && (days.to === null || date <= days.to),
      );
      return viewRelation(
        root,
        analystView(view),
        dates.map((date) => ({ ...scope, date })),
      );
    },
    partitionValues: (view, scope, name) => partitionValues(root, analystView(view), scope, name),
    partitionFiles: (view, scope) => partitionFiles(root, analystView(view), scope),
    datesRelation: (view, brandId, dates) =>
      listedViewRelation(
        root,
        analystView(view),
        dates.map((date) => ({ brand: brandId, date })),
      ),
    hasFiles: (view, scope) => viewHasFiles(root, analystView(view), scope),
    folder: (view) => viewFolder(root, analystView(view)),
    async rows(sql, params) {
      // A connection per query: DuckDB runs them in parallel, and none shares state with another.
      const connection = await instance.connect();
      try {
        const reader = await connection.runAndReadAll(sql, params);
        return reader.getRowObjectsJson() as Row[];
      } finally {
        connection.closeSync();
      }
    },
    async columns(sql, params) {
      const connection = await instance.connect();
      try {
        const reader = await connection.runAndReadAll(sql, params);
        return reader.getColumnsObjectJS() as Record<string, unknown[]>;
      } finally {
        connection.closeSync();
      }
    },
    close() {
      instance.closeSync();
      lock?.release();
    },
  };
}

/** Epoch ms as the microseconds make_timestamp takes: TIMESTAMP columns hold UTC. */
export const micros = (ms: number): bigint => BigInt(ms) * 1000n;

/** A JSON BIGINT (DuckDB gives them as text) or DOUBLE as a number; null stays null. */
export function num(value: unknown): number | null {
  if (value === null || value === undefined) return null;
  return Number(value);
}
