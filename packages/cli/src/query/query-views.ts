// The views `sl query` defines over the files, so analysts write `FROM rollups`: Hive partitions
// (grain, brand, source, date) become columns; files written by different versions line up by name.
import { hasParquet } from './query-source.ts';

export interface ViewSpec {
  name: string;
  prefix: string;
}

export const analystViews: readonly ViewSpec[] = [
  { name: 'rollups', prefix: 'rollups/v1/' },
  { name: 'conversations', prefix: 'conversations/v1/' },
  { name: 'raw_mentions', prefix: 'raw/v1/' },
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
    statements.push(`CREATE OR REPLACE VIEW ${view.name} AS SELECT * FROM read_parquet(${quote(glob)}, hive_partitioning = true, union_by_name = true)`);
  }
  return { statements, missing };
}
