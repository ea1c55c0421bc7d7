// sl connectors list | sl connectors run NAME: the connectors file's instances, and one run of
// one instance by hand (into mentions.raw, checkpointed, exactly what the runner does once).
import { readFileSync } from 'node:fs';
import { connectorCheckpointsTopic, createKafkaCheckpointStore, createKafkaMentionSink, logConnectorEvents } from '@sl/connector-sdk';
import { connectorsByKind, parseConnectorsFile, runInstances } from '@sl/connectors';
import { createIdempotentProducer, ensureTopics, mentionsRawTopic, renamed } from '@sl/kafka';
import { table } from '../cli-context.ts';
import { CliError, usageError } from '../cli-error.ts';
import type { Command } from '../command.ts';
import { rejectExtraArguments } from '../flag-values.ts';

const fileOption = { file: { type: 'string' as const, short: 'f' as const } };
const defaultFile = 'examples/connectors.yaml';
const fileHelp = ['--file, -f FILE', `the connectors file (default ${defaultFile})`] as const;

function loadInstances(file: string) {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new CliError(`cannot read the connectors file ${file}; pass --file PATH`);
  }
  return parseConnectorsFile(text, file);
}

const listUsage = 'sl connectors list [--file connectors.yaml] [--json]';
const runUsage = 'sl connectors run NAME [--file connectors.yaml] [--json]';

export const connectorsList: Command = {
  name: 'connectors list',
  summary: 'the connector kinds this build has, and the instances in a connectors file',
  usage: listUsage,
  example: 'sl connectors list --file examples/connectors.yaml',
  flagHelp: [fileHelp],
  options: fileOption,
  async run(ctx, args) {
    rejectExtraArguments(args, 0, listUsage);
    const file = String(args.values.file ?? defaultFile);
    const instances = loadInstances(file);
    if (ctx.json) {
      for (const i of instances) ctx.out(JSON.stringify({ name: i.name, kind: i.kind, enabled: i.enabled, pollIntervalSeconds: i.pollIntervalSeconds }));
      return;
    }
    ctx.out(`kinds: ${[...connectorsByKind.keys()].sort().join(', ')}`);
    ctx.out(table(instances.map((i) => ({ instance: i.name, kind: i.kind, enabled: String(i.enabled), every: `${i.pollIntervalSeconds}s` }))));
  },
};

export const connectorsRun: Command = {
  name: 'connectors run',
  summary: 'run one connector instance once, into mentions.raw, saving its checkpoint',
  usage: runUsage,
  example: 'sl connectors run hn-acme --file examples/connectors.yaml',
  kafka: true,
  flagHelp: [['NAME', 'the instance to run (sl connectors list shows them)'], fileHelp],
  options: fileOption,
  async run(ctx, args) {
    const name = args.positionals[0];
    if (!name) throw usageError('connectors run needs an instance name: sl connectors run NAME');
    rejectExtraArguments(args, 1, runUsage);
    const file = String(args.values.file ?? defaultFile);
    const instance = loadInstances(file).find((i) => i.name === name);
    if (!instance) throw new CliError(`no instance "${name}" in ${file}; sl connectors list shows them`);
    const kafka = ctx.kafka();
    const rawTopic = renamed(mentionsRawTopic, `${ctx.namespace}${mentionsRawTopic.name}`);
    const checkpointTopic = renamed(connectorCheckpointsTopic, `${ctx.namespace}${connectorCheckpointsTopic.name}`);
    await ensureTopics(kafka, [rawTopic]);
    await ensureTopics(kafka, [checkpointTopic], { withDeadLetters: false });
    const producer = await createIdempotentProducer(kafka);
    const stop = new AbortController();
    const onSignal = () => stop.abort();
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    try {
      const running = runInstances({
        instances: [{ ...instance, enabled: true }],
        sink: createKafkaMentionSink({ producer, topic: rawTopic }),
        checkpoints: createKafkaCheckpointStore({ kafka, producer, topic: checkpointTopic }),
        logger: ctx.logger,
        signal: stop.signal,
        maxRuns: 1,
        onEvent: logConnectorEvents(ctx.logger),
      });
      await running.done;
      const status = running.status()[name];
      if (ctx.json) ctx.out(JSON.stringify({ instance: name, ...status }));
      else ctx.out(table([{ instance: name, ...Object.fromEntries(Object.entries(status ?? {}).map(([k, v]) => [k, String(v ?? '')])) }]));
      if (status && status.consecutiveFailures > 0) throw new CliError(`${name} failed: ${status.lastError ?? 'see the log (LOG_LEVEL=info)'}`);
    } finally {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      await producer.disconnect();
    }
  },
};
