// sl alerts tail: a brand's alerts as the amplification worker raises them, one line each (or
// JSON lines), for a person at a terminal or a script waiting for one. See docs/alerts-tail.md.
import { tailAlerts } from '../alerts/tail-alerts.ts';
import { parseTailOptions, tailUsage } from '../alerts/tail-options.ts';
import type { Command } from '../command.ts';

export const alertsTail: Command = {
  name: 'alerts tail',
  summary: "follow a brand's alerts (alerts.<brand>) as they are raised, until Ctrl-C",
  usage: tailUsage,
  example: 'sl alerts tail --brand acme --kind negative_surge,volume_spike --from-beginning',
  kafka: true,
  flagHelp: [
    ['--brand ID', 'the brand whose alerts.<brand> topic to follow (required)'],
    ['--kind KIND[,KIND]', 'only these kinds; repeatable (default: every kind)'],
    ['--from-beginning', 'everything the topic keeps first, not only alerts raised from now on'],
    ['--limit N', 'stop after N alerts'],
    ['--timeout-ms MS', 'stop after MS milliseconds; exit 1 if --limit was not reached'],
  ],
  options: {
    brand: { type: 'string' },
    kind: { type: 'string', multiple: true },
    'from-beginning': { type: 'boolean' },
    limit: { type: 'string' },
    'timeout-ms': { type: 'string' },
  },
  async run(ctx, args) {
    await tailAlerts(ctx, parseTailOptions(args));
  },
};
