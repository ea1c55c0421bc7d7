// The SQL an analyst (or `sl query`) runs first: `rollups` and `conversations` as views over the
// files with Hive partitions applied and typed (a brand id such as "42" stays a string), and
// the unique-authors macros.
import { readFileSync } from 'node:fs';
import { AUTHORS_SKETCH_SQL_PATH } from './authors-sketch.ts';
import { CONVERSATIONS_PREFIX, ROLLUPS_PREFIX } from './object-names.ts';

const quote = (text: string): string => `'${text.replaceAll("'", "''")}'`;

/** `root` is a local folder or an s3:// URL holding rollups/v1 and conversations/v1. */
export function duckdbViewsSql(root: string): string {
  const base = root.replace(/\/+$/u, '');
  return [
    `CREATE OR REPLACE VIEW rollups AS SELECT * FROM read_parquet(${quote(`${base}/${ROLLUPS_PREFIX}/**/*.parquet`)}, hive_partitioning = true, union_by_name = true, hive_types = {'grain': VARCHAR, 'brand': VARCHAR, 'date': DATE});`,
    `CREATE OR REPLACE VIEW conversations AS SELECT * FROM read_parquet(${quote(`${base}/${CONVERSATIONS_PREFIX}/**/*.parquet`)}, hive_partitioning = true, union_by_name = true, hive_types = {'brand': VARCHAR, 'date': DATE});`,
    readFileSync(AUTHORS_SKETCH_SQL_PATH, 'utf8'),
  ].join('\n');
}
