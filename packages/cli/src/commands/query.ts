// sl query "<SQL>": DuckDB over the Parquet files, with rollups, conversations, corrections,
// raw_mentions and alerts ready as views; the local object-store folder, or an S3 bucket mirrored into a local cache.
import { table } from '../cli-context.ts';
import { CliError, usageError } from '../cli-error.ts';
import type { Command } from '../command.ts';
import { resolveQueryRoot } from '../query/query-root.ts';
import { emptyViewNotes, runQuery, toCsv } from '../query/run-query.ts';

export const query: Command = {
  name: 'query',
  summary: 'SQL over the Parquet files (views: rollups, conversations, corrections, raw_mentions, alerts)',
  usage: 'sl query "<SQL>" [--format table|csv|json] [--data DIR] [--json]',
  example: `sl query "SELECT source, count(*) FROM raw_mentions GROUP BY ALL"`,
  flagHelp: [
    ['"<SQL>"', 'one DuckDB statement; the views rollups, conversations, corrections, raw_mentions and alerts are ready'],
    ['--format table|csv|json', 'output format (default table; --json is --format json: one JSON object per row)'],
    ['--data DIR', 'read this object-store folder (default $SL_DATA_DIR/objects, or the S3 bucket when S3_BUCKET is set)'],
  ],
  options: { format: { type: 'string' }, data: { type: 'string' } },
  async run(ctx, args) {
    const sql = args.positionals.join(' ').trim();
    if (!sql) throw usageError('query needs SQL: sl query "SELECT ..."');
    const asked = args.values.format === undefined ? undefined : String(args.values.format);
    if (asked !== undefined && !['table', 'csv', 'json'].includes(asked)) throw usageError(`--format must be table, csv or json, got "${asked}"`);
    if (ctx.json && asked !== undefined && asked !== 'json') throw usageError(`--json and --format ${asked} disagree; pass one of them`);
    const format = ctx.json ? 'json' : (asked ?? 'table');
    const { root, copiedFrom } = await resolveQueryRoot(ctx, args.values.data, 'query');
    let result: Awaited<ReturnType<typeof runQuery>>;
    try {
      result = await runQuery(root, sql);
    } catch (error) {
      throw new CliError((error as Error).message);
    }
    for (const note of emptyViewNotes(result, sql, copiedFrom)) ctx.err(`sl query: ${note}`);
    if (format === 'json') for (const row of result.rows) ctx.out(JSON.stringify(row));
    else if (format === 'csv') ctx.out(toCsv(result));
    else
      ctx.out(
        table(
          result.rows.map((row) =>
            Object.fromEntries(result.columns.map((c) => [c, row[c] === null || row[c] === undefined ? '' : typeof row[c] === 'object' ? JSON.stringify(row[c]) : String(row[c])])),
          ),
        ),
      );
  },
};
