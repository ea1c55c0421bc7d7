// The views `sl query` defines over the files, so analysts write `FROM rollups`: the analysts'
// views from @sl/rollups (the dashboard reads the same ones), plus the unique-authors macros.
import { readFileSync } from 'node:fs';
import { AUTHORS_SKETCH_SQL_PATH, type AnalystView, analystViewsSql } from '@sl/rollups';

/** CREATE VIEW statements for every view (empty ones for views with no files yet) and the macros. */
export function viewStatements(root: string): { statements: string[]; empty: AnalystView[] } {
  return analystViewsSql(root, readFileSync(AUTHORS_SKETCH_SQL_PATH, 'utf8'));
}
