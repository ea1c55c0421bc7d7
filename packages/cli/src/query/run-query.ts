// Runs one SQL statement with DuckDB over the views, with extension downloads switched off.
import { DuckDBInstance } from '@duckdb/node-api';
import { viewStatements } from './query-views.ts';

export interface QueryResult {
  columns: string[];
  rows: Array<Record<string, unknown>>;
  /** Views that have no files yet (so the SQL cannot use them). */
  missingViews: string[];
}

export async function runQuery(root: string, sql: string): Promise<QueryResult> {
  // Everything the views need is built in; an extension DuckDB would fetch from the network is refused.
  const instance = await DuckDBInstance.create(':memory:', { autoinstall_known_extensions: 'false', autoload_known_extensions: 'false' });
  const connection = await instance.connect();
  try {
    const { statements, missing } = viewStatements(root);
    for (const statement of statements) await connection.run(statement);
    const reader = await connection.runAndReadAll(sql);
    return { columns: reader.columnNames(), rows: reader.getRowObjectsJson() as Array<Record<string, unknown>>, missingViews: missing };
  } catch (error) {
    const { missing } = viewStatements(root);
    const hint = missing.length > 0 ? ` (no files yet for: ${missing.join(', ')})` : '';
    throw new Error(`${(error as Error).message.split('\n')[0]}${hint}`, { cause: error });
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

export function toCsv(result: QueryResult): string {
  const cell = (value: unknown) => {
    const text = value === null || value === undefined ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value);
    return /[",\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
  };
  return [result.columns.map(cell).join(','), ...result.rows.map((row) => result.columns.map((c) => cell(row[c])).join(','))].join('\n');
}
