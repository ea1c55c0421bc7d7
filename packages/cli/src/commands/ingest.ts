// sl ingest FILE|-: a backfill of mentions (the gateway's JSON format, docs/ingest.md) through the
// ingest gateway, with progress on stderr and a summary at the end. Exit 0 when every mention
// was accepted, 1 when some were rejected (each reported by its line), 2 for a usage error. Its
// help says what a backfill does to alerts (event time, historical alerts not paged, lateness).
import { CliError } from '../cli-error.ts';
import type { Command } from '../command.ts';
import { DEFAULT_GATEWAY_URL, ingestUsage, parseIngestOptions } from '../ingest/ingest-options.ts';
import { runIngest } from '../ingest/run-ingest.ts';

export const ingest: Command = {
  name: 'ingest',
  summary: 'backfill mentions from a JSON-lines (or JSON array) file through the gateway, with progress',
  usage: ingestUsage,
  example: 'sl ingest backfill.jsonl --batch 1000 --rate 5000',
  flagHelp: [
    ['FILE|-', 'mentions as JSON lines, or one JSON array; - reads stdin (format: docs/ingest.md)'],
    ['--url URL', `the gateway (env SL_GATEWAY_URL; default ${DEFAULT_GATEWAY_URL}); /v1/mentions is added`],
    ['--token T', 'sent as Authorization: Bearer T (env SL_INGEST_TOKEN)'],
    ['--batch N', 'mentions per request, at most 10,000 (default 500)'],
    ['--rate N', 'at most N mentions per second (default: as fast as the gateway answers)'],
    ['--source S', 'the source of mentions that name none'],
    ['--quiet, -q', 'no progress; rejected lines, retries and the summary still show'],
  ],
  notes: [
    'What a backfill does to alerts:',
    '  Mentions are judged in event time (publishedAt), not by when they arrive: old mentions count in',
    '  their own windows. No need to sort or pace the file: sorted or shuffled, all at once or with',
    '  --rate, the same mentions raise the same alerts. While a brand\'s history arrives its watermark',
    '  waits (that brand only); its alerts come a minute after the load ends.',
    '  An alert raised for a window that ended more than the brand\'s historyMinutes (60 by default) before',
    '  it was raised is marked historical: it is written to alerts.<brand> (sl alerts tail tags it',
    '  [history]) but sent to no webhook unless the brand sets pageHistory: true. Loading last month does',
    '  not page anyone for last month.',
    '  Mentions behind a brand\'s watermark (history for a brand already live) are late: counted, judged',
    '  per mention, not in closed windows; past the lateness horizon (7 days; SL_LATENESS_HORIZON_MS on',
    '  the amplification worker) they raise no alerts. All are archived and rolled up. See docs/cli.md.',
  ],
  options: {
    url: { type: 'string' },
    token: { type: 'string' },
    batch: { type: 'string' },
    rate: { type: 'string' },
    source: { type: 'string' },
    quiet: { type: 'boolean', short: 'q' },
  },
  async run(ctx, args) {
    const options = parseIngestOptions(args, ctx.env);
    const summary = await runIngest(options, {
      write: (text) => process.stderr.write(text),
      progress: process.stderr.isTTY === true ? 'bar' : 'lines',
    });
    if (ctx.json) ctx.out(JSON.stringify(summary));
    else ctx.out(`accepted ${summary.accepted}, rejected ${summary.rejected} in ${summary.seconds.toFixed(1)} s (${summary.rate}/s)`);
    if (summary.rejected > 0) {
      const total = summary.accepted + summary.rejected;
      throw new CliError(`${summary.rejected} of ${total} mentions were rejected (the lines are listed above)`);
    }
  },
};
