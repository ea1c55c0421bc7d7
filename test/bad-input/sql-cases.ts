// The bad-input corpus for `sl query`: SQL that tries to do more than read the analysts' views.
// `sl query` must run one read-only statement over the Parquet files under its data folder and
// refuse anything else with a one-line reason: no second statement, no file read or written
// outside the data (nor written inside it), no database attached, no extension installed or loaded.
//
// `unsafeToday` records what the CLI let through before run-query.ts was locked down (or refused
// only by luck, e.g. because this machine has no network): every case now must be refused.

/** The folders a case may name. */
export interface SqlSandbox {
  /** SL_DATA_DIR; the Parquet files are under `<data>/objects`. */
  data: string;
  objects: string;
  /** A folder beside the data, which no query may touch. */
  outside: string;
  /** A file in `outside` whose content must never reach stdout. */
  secretFile: string;
}

export const SECRET = 'TOP-SECRET-7f3a9c';

export interface SqlCase {
  kind: string;
  about: string;
  sql: (box: SqlSandbox) => string;
  /** @default 1 */
  exitCode?: number;
  /** The one-line reason after "sl: ". */
  reason: RegExp;
  /** What the CLI did with this before the lock-down, for the record. */
  unsafeToday?: string;
}

/** What a locked `sl query` says: DuckDB's own refusal with external access off, or the CLI's statement check. */
const LOCKED = /Permission Error|disabled by configuration|only one statement|one statement|only SELECT|read-only/i;

export const sqlCases: SqlCase[] = [
  { kind: 'sql.empty', about: 'no SQL at all', sql: () => '', exitCode: 2, reason: /^query needs SQL: sl query "SELECT \.\.\."$/ },
  {
    kind: 'sql.syntax',
    about: 'not SQL',
    sql: () => 'SELEC 1',
    reason: /^(Failed to extract statements: )?Parser Error: syntax error at or near "SELEC"/,
  },
  {
    kind: 'sql.very-long',
    about: 'an 80 KB expression of 40,000 additions',
    sql: () => `SELECT ${Array(40_000).fill('1').join('+')}`,
    reason: /Max expression depth limit of 1000 exceeded/,
  },
  {
    kind: 'sql.enable-external-access',
    about: 'switching external access back on',
    sql: () => 'SET enable_external_access = true',
    // Refused today by DuckDB (the database is running); once locked, by the read-only check too.
    reason: /Cannot enable external access while database is running|read-only/,
  },
  {
    kind: 'sql.getenv',
    about: "reading the CLI's environment",
    sql: () => "SELECT getenv('HOME') AS home",
    reason: /getenv does not exist/,
  },
  {
    kind: 'sql.two-statements',
    about: 'two statements in one argument',
    sql: () => 'SELECT 1 AS a; SELECT 2 AS b',
    reason: LOCKED,
    unsafeToday: 'exits 0 and runs both statements, printing one result',
  },
  {
    kind: 'sql.hidden-copy',
    about: 'a harmless SELECT followed by a COPY out of the data folder',
    sql: (box) => `SELECT count(*) AS n FROM raw_mentions; COPY (SELECT * FROM raw_mentions) TO '${box.outside}/stolen.csv'`,
    reason: LOCKED,
    unsafeToday: 'exits 0 and writes outside/stolen.csv',
  },
  {
    kind: 'sql.copy-out',
    about: 'COPY TO a file outside the data folder',
    sql: (box) => `COPY (SELECT * FROM raw_mentions) TO '${box.outside}/dump.csv'`,
    reason: LOCKED,
    unsafeToday: 'exits 0 and writes outside/dump.csv',
  },
  {
    kind: 'sql.copy-into-archive',
    about: 'COPY TO a Parquet file inside the raw archive (forging mentions)',
    sql: (box) => `COPY (SELECT 'evil:1' AS id) TO '${box.objects}/raw/v1/source=rss/date=2026-11-24/part-9-0-0.parquet' (FORMAT parquet)`,
    reason: LOCKED,
    unsafeToday: 'exits 0 and writes a Parquet file into raw/v1 that raw_mentions then reads',
  },
  {
    kind: 'sql.attach',
    about: 'ATTACH a database file outside the data folder',
    sql: (box) => `ATTACH '${box.outside}/evil.duckdb' AS evil`,
    reason: LOCKED,
    unsafeToday: 'exits 0 and creates outside/evil.duckdb',
  },
  {
    kind: 'sql.export-database',
    about: 'EXPORT DATABASE to a folder outside the data folder',
    sql: (box) => `EXPORT DATABASE '${box.outside}/export'`,
    reason: LOCKED,
    unsafeToday: 'exits 0 and writes outside/export/',
  },
  {
    kind: 'sql.install',
    about: 'INSTALL an extension (a download, then a write to ~/.duckdb)',
    sql: () => 'INSTALL httpfs',
    reason: LOCKED,
    unsafeToday:
      'tries to download httpfs from extensions.duckdb.org; it fails here only because the machine has no network, after creating ~/.duckdb',
  },
  {
    kind: 'sql.load',
    about: 'LOAD an extension from ~/.duckdb',
    sql: () => 'LOAD httpfs',
    reason: LOCKED,
    unsafeToday: 'looks for ~/.duckdb/extensions/…/httpfs.duckdb_extension and would load it if there',
  },
  {
    kind: 'sql.read-passwd',
    about: "read_text('/etc/passwd')",
    sql: () => "SELECT * FROM read_text('/etc/passwd')",
    reason: LOCKED,
    unsafeToday: 'exits 0 and prints /etc/passwd',
  },
  {
    kind: 'sql.read-csv-outside',
    about: 'read_csv of a file beside the data folder',
    sql: (box) => `SELECT * FROM read_csv('${box.secretFile}', header = false)`,
    reason: LOCKED,
    unsafeToday: 'exits 0 and prints the file',
  },
  {
    kind: 'sql.path-traversal',
    about: 'a path that climbs out of the data folder with ..',
    sql: (box) => `SELECT * FROM read_text('${box.objects}/../../outside/secret.txt')`,
    reason: LOCKED,
    unsafeToday: 'exits 0 and prints the file',
  },
  {
    kind: 'sql.glob',
    about: 'listing /etc with glob()',
    sql: () => "SELECT * FROM glob('/etc/*')",
    reason: LOCKED,
    unsafeToday: 'exits 0 and lists /etc',
  },
];
