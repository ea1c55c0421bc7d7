// sl topics: each stage's consumer lag, the first thing to look at when numbers look late.
import { consumerLag } from '@sl/kafka';
import { table } from '../cli-context.ts';
import type { Command } from '../command.ts';

/** Stage -> (consumer group, input topic), as the services name them by default. */
export const stageGroups: ReadonlyArray<{ stage: string; group: string; topic: string }> = [
  { stage: 'raw-archiver', group: 'raw-archiver', topic: 'mentions.raw' },
  { stage: 'enricher', group: 'enricher', topic: 'mentions.raw' },
  { stage: 'sentiment-worker', group: 'sentiment-worker', topic: 'mentions.enriched' },
  { stage: 'aggregation-worker', group: 'aggregation-worker', topic: 'mentions.scored' },
];

export const topics: Command = {
  name: 'topics',
  summary: 'consumer lag per stage (records each stage still has to read)',
  usage: 'sl topics [--json]',
  example: 'sl topics',
  async run(ctx) {
    const admin = ctx.kafka().admin();
    await admin.connect();
    const existing = new Set(await admin.listTopics());
    await admin.disconnect();
    const rows: Array<Record<string, string | number>> = [];
    for (const { stage, group, topic } of stageGroups) {
      const name = `${ctx.namespace}${topic}`;
      if (!existing.has(name)) continue;
      const lag = await consumerLag(ctx.kafka(), group, name);
      if (ctx.json) ctx.out(JSON.stringify({ stage, ...lag }));
      rows.push({ stage, group, topic: name, lag: lag.total, partitions: lag.partitions.length });
    }
    if (!ctx.json) ctx.out(table(rows));
  },
};
