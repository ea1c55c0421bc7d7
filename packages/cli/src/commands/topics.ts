// sl topics: each stage's consumer lag, the first thing to look at when numbers look late.
import { consumerLag, type KafkaClient } from '@sl/kafka';
import { table } from '../cli-context.ts';
import { usageError } from '../cli-error.ts';
import type { Command } from '../command.ts';
import { rejectExtraArguments } from '../flag-values.ts';

export interface Stage {
  stage: string;
  /** The consumer group the stage's replicas share (the services' default SL_GROUP_ID). */
  group: string;
  /** The input topic, namespace included. */
  topic: string;
  /** The input is written in Kafka transactions (see consumerLag: a trailing marker is not lag). */
  transactionalInput: boolean;
}

/** Stage -> (consumer group, input topic) in pipeline order, as the services name them by default. */
export const stageGroups: ReadonlyArray<Stage> = [
  { stage: 'raw-archiver', group: 'raw-archiver', topic: 'mentions.raw', transactionalInput: false },
  { stage: 'enricher', group: 'enricher', topic: 'mentions.raw', transactionalInput: false },
  { stage: 'sentiment-worker', group: 'sentiment-worker', topic: 'mentions.enriched', transactionalInput: true },
  { stage: 'aggregation-worker', group: 'aggregation-worker', topic: 'mentions.scored', transactionalInput: true },
  { stage: 'amplification-worker', group: 'amplification-worker', topic: 'mentions.scored', transactionalInput: true },
];

// alerts.<brand id>; the brand id is a slug without dots, so `alerts.acme.dlq` is not one.
const ALERTS_TOPIC = /^alerts\.([a-z0-9][a-z0-9_-]{0,62})$/;

/**
 * The stages whose input topic exists under `namespace`: the fixed stages, then the alert
 * dispatcher once per brand (it reads alerts.<brand> in group alert-dispatcher.<brand>).
 */
export function pipelineStages(existingTopics: Iterable<string>, namespace: string, groups: ReadonlyMap<string, string> = new Map()): Stage[] {
  const existing = new Set(existingTopics);
  const stages = stageGroups
    .filter((s) => existing.has(`${namespace}${s.topic}`))
    .map((s) => ({ ...s, group: groups.get(s.stage) ?? s.group, topic: `${namespace}${s.topic}` }));
  const dispatcherGroup = groups.get('alert-dispatcher') ?? 'alert-dispatcher';
  const brands = [...existing]
    .filter((name) => name.startsWith(namespace))
    .map((name) => ALERTS_TOPIC.exec(name.slice(namespace.length))?.[1])
    .filter((brand): brand is string => brand !== undefined)
    .sort();
  for (const brand of brands) stages.push({ stage: 'alert-dispatcher', group: `${dispatcherGroup}.${brand}`, topic: `${namespace}alerts.${brand}`, transactionalInput: true });
  return stages;
}

export interface StageLag extends Stage {
  /** Records the stage has still to read, over every partition. */
  lag: number;
  /** Consumers in the group now (0: the stage is not running). */
  members: number;
  partitions: Array<{ partition: number; committed: string; end: string; lag: number }>;
}

export async function stageLags(kafka: KafkaClient, stages: readonly Stage[]): Promise<StageLag[]> {
  if (stages.length === 0) return [];
  const admin = kafka.admin();
  await admin.connect();
  let members: Map<string, number>;
  try {
    const { groups } = await admin.describeGroups([...new Set(stages.map((s) => s.group))]);
    members = new Map(groups.map((g) => [g.groupId, g.members.length]));
  } finally {
    await admin.disconnect();
  }
  const lags: StageLag[] = [];
  for (const stage of stages) {
    const lag = await consumerLag(kafka, stage.group, stage.topic, { transactionalInput: stage.transactionalInput });
    lags.push({ ...stage, lag: lag.total, members: members.get(stage.group) ?? 0, partitions: lag.partitions });
  }
  return lags;
}

const usage = 'sl topics [--group STAGE=GROUP]... [--json]';
const stageNames = [...stageGroups.map((s) => s.stage), 'alert-dispatcher'];

/** `--group enricher=prod-enricher`: a stage whose replicas run with another SL_GROUP_ID. */
export function parseGroupOverrides(values: unknown): Map<string, string> {
  const groups = new Map<string, string>();
  for (const value of Array.isArray(values) ? values.map(String) : []) {
    const [stage = '', group = ''] = value.split('=', 2);
    if (!stageNames.includes(stage) || group.trim() === '') {
      throw usageError(`--group must be STAGE=GROUP with STAGE one of ${stageNames.join(', ')}, got "${value}"`);
    }
    groups.set(stage, group.trim());
  }
  return groups;
}

export const topics: Command = {
  name: 'topics',
  summary: 'consumer lag per stage (records each stage still has to read)',
  usage,
  example: 'sl topics --json',
  kafka: true,
  flagHelp: [
    ['--group STAGE=GROUP', "a stage's consumer group when its replicas run with another SL_GROUP_ID; repeatable (alert-dispatcher: the prefix)"],
  ],
  options: { group: { type: 'string', multiple: true } },
  async run(ctx, args) {
    rejectExtraArguments(args, 0, usage);
    const groups = parseGroupOverrides(args.values.group);
    const admin = ctx.kafka().admin();
    await admin.connect();
    let existing: string[];
    try {
      existing = await admin.listTopics();
    } finally {
      await admin.disconnect();
    }
    const lags = await stageLags(ctx.kafka(), pipelineStages(existing, ctx.namespace, groups));
    if (ctx.json) {
      for (const lag of lags) ctx.out(JSON.stringify(lag));
      return;
    }
    ctx.out(
      table(
        lags.map((l) => ({ stage: l.stage, group: l.group, topic: l.topic, partitions: l.partitions.length, members: l.members, lag: l.lag })),
      ),
    );
  },
};
