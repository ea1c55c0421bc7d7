// Runs one read-only SQL statement with DuckDB over the views. The database is locked down before
// the user's SQL runs: no extensions, no file access outside the data folder (no read_text of
// /etc/passwd, no COPY TO elsewhere, no ATTACH), configuration frozen, and one SELECT-like
// statement only, so a query can neither write nor read what it should not.
import path from 'node:path';
import { DuckDBInstance, StatementType } from '@duckdb/node-api';
import { viewFolder } from '@sl/rollups';
import { viewStatements } from './query-views.ts';

export interface QueryResult {
  columns: string[];
  rows: Array<Record<string, unknown>>;
  /** Views with no files yet: they exist, empty, and the SQL reads them as such. */
  emptyViews: Array<{ name: string; folder: string }>;
}

export async function runQuery(root: string, sql: string): Promise<QueryResult> {
  // Everything the views need is built in; an extension DuckDB would fetch from the network is refused.
  const instance = await DuckDBInstance.create(':memory:', {
    autoinstall_known_extensions: 'false',
    autoload_known_extensions: 'false',
    allow_community_extensions: 'false',
  });
  const connection = await instance.connect();
  try {
    const { statements, empty } = viewStatements(root);
    for (const statement of statements) await connection.run(statement);
    const allowed = `${path.resolve(root)}${path.sep}`.replaceAll("'", "''");
    await connection.run(`SET allowed_directories = ['${allowed}']`);
    await connection.run('SET enable_external_access = false');
    await connection.run('SET lock_configuration = true');
    const extracted = await connection.extractStatements(sql);
    if (extracted.count !== 1) throw new QueryRefused(`sl query runs one statement at a time; got ${extracted.count}`);
    const prepared = await extracted.prepare(0);
    if (!READ_ONLY.has(prepared.statementType)) {
      throw new QueryRefused(`sl query is read-only: SELECT, WITH, EXPLAIN, DESCRIBE, SHOW or SUMMARIZE; got ${StatementType[prepared.statementType] ?? 'another statement'}`);
    }
    const reader = await prepared.runAndReadAll();
    return { columns: reader.columnNames(), rows: reader.getRowObjectsJson() as Array<Record<string, unknown>>,
      emptyViews: empty.map((view) => ({ name: view.name, folder: viewFolder(root, view) })),
    };
  } catch (error) {
    if (error instanceof QueryRefused) throw error;
    const message = (error as Error).message.split('\n')[0]?.replace(/^Failed to extract statements: /, '') ?? String(error);
    throw new Error(`${message} (read from ${path.resolve(root)})`, { cause: error });
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

/** What DuckDB counts as reading: SELECT covers DESCRIBE, SHOW, SUMMARIZE and read-only PRAGMAs. */
const READ_ONLY = new Set<number>([StatementType.SELECT, StatementType.EXPLAIN]);

class QueryRefused extends Error {
  readonly code = 'QUERY_REFUSED';
}

/**
 * One line per empty view the SQL names, saying which folder was read (and, for an S3 bucket
 * mirrored into a cache, which bucket), so "0 rows" is told apart from "nothing written yet".
 */
export function emptyViewNotes(result: QueryResult, sql: string, copiedFrom?: string): string[] {
  return result.emptyViews
    .filter((view) => new RegExp(`\\b${view.name}\\b`, 'iu').test(sql))
    .map((view) => `${view.name} is empty: no files yet under ${view.folder}${copiedFrom ? ` (copied from ${copiedFrom})` : ''}`);
}

export function toCsv(result: QueryResult): string {
  const cell = (value: unknown) => {
    const text = value === null || value === undefined ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value);
    return /[",\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
  };
  return [result.columns.map(cell).join(','), ...result.rows.map((row) => result.columns.map((c) => cell(row[c])).join(','))].join('\n');
}
