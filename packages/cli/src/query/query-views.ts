// The views `sl query` defines over the files, so analysts write `FROM rollups`: Hive partitions
// (grain, brand, source, date) become columns; files written by different versions line up by name.
import { readFileSync } from 'node:fs';
import { AUTHORS_SKETCH_SQL_PATH } from '@sl/rollups';
import { hasParquet } from './query-source.ts';

export interface ViewSpec {
  name: string;
  prefix: string;
  /** Partition columns typed explicitly: a brand id like "42" stays a string. */
  hiveTypes: string;
}

export const analystViews: readonly ViewSpec[] = [
  { name: 'rollups', prefix: 'rollups/v1/', hiveTypes: "{'grain': VARCHAR, 'brand': VARCHAR, 'date': DATE}" },
  { name: 'conversations', prefix: 'conversations/v1/', hiveTypes: "{'brand': VARCHAR, 'date': DATE}" },
  { name: 'raw_mentions', prefix: 'raw/v1/', hiveTypes: "{'source': VARCHAR, 'date': DATE}" },
];

const quote = (text: string) => `'${text.replaceAll("'", "''")}'`;

/** CREATE VIEW statements for the views whose files exist; the names of those that have none yet. */
export function viewStatements(root: string): { statements: string[]; missing: string[] } {
  const statements: string[] = [];
  const missing: string[] = [];
  for (const view of analystViews) {
    if (!hasParquet(root, view.prefix)) {
      missing.push(view.name);
      continue;
    }
    const glob = `${root.replace(/\/$/, '')}/${view.prefix}**/*.parquet`;
    statements.push(
      `CREATE OR REPLACE VIEW ${view.name} AS SELECT * FROM read_parquet(${quote(glob)}, hive_partitioning = true, hive_types = ${view.hiveTypes}, union_by_name = true)`,
    );
  }
  // authors_merge / unique_authors: the unique-authors sketch merged in plain SQL.
  statements.push(readFileSync(AUTHORS_SKETCH_SQL_PATH, 'utf8'));
  return { statements, missing };
}
