// What every command gets: where Kafka is, the topic namespace, output helpers, a quiet logger.
import { createKafkaClient, type KafkaClient } from '@sl/kafka';
import { createRootLogger, type Logger } from '@sl/observability';
import { usageError } from './cli-error.ts';

export interface CliContext {
  readonly brokers: string[];
  readonly namespace: string;
  readonly json: boolean;
  readonly env: NodeJS.ProcessEnv;
  readonly logger: Logger;
  kafka(): KafkaClient;
  out(line: string): void;
  err(line: string): void;
}

export interface CliSettings {
  json: boolean;
  /** --brokers, which wins over KAFKA_BROKERS. */
  brokers?: string | undefined;
  /** --namespace, which wins over SL_TOPIC_NAMESPACE. */
  namespace?: string | undefined;
}

/** The embedded default's broker (`sl up`, `npm start`). */
export const DEFAULT_BROKERS = '127.0.0.1:19092';

const BROKER = /^[^:\s,]+:\d{1,5}$/;
// Kafka topic names allow letters, digits, '.', '_' and '-'; the namespace is a prefix of them.
const NAMESPACE = /^[A-Za-z0-9._-]*$/;

/** `host:port[,host:port...]` from the flag, else the environment, else the embedded broker; a usage error names the source. */
export function resolveBrokers(flag: string | undefined, env: NodeJS.ProcessEnv): string[] {
  const [text, source] = flag !== undefined ? [flag, '--brokers'] : env.KAFKA_BROKERS ? [env.KAFKA_BROKERS, 'KAFKA_BROKERS'] : [DEFAULT_BROKERS, 'default'];
  const brokers = text
    .split(',')
    .map((b) => b.trim())
    .filter(Boolean);
  const bad = brokers.find((b) => !BROKER.test(b));
  if (brokers.length === 0 || bad !== undefined) throw usageError(`${source} must be host:port[,host:port...], got "${text}"`);
  return brokers;
}

/** The topic-name prefix from the flag, else SL_TOPIC_NAMESPACE, else none. */
export function resolveNamespace(flag: string | undefined, env: NodeJS.ProcessEnv): string {
  const [namespace, source] = flag !== undefined ? [flag, '--namespace'] : [env.SL_TOPIC_NAMESPACE ?? '', 'SL_TOPIC_NAMESPACE'];
  if (!NAMESPACE.test(namespace)) throw usageError(`${source} may hold only letters, digits, ".", "_" and "-", got "${namespace}"`);
  return namespace;
}

export function createCliContext(env: NodeJS.ProcessEnv, settings: CliSettings): CliContext {
  const brokers = resolveBrokers(settings.brokers, env);
  const namespace = resolveNamespace(settings.namespace, env);
  const logger = createRootLogger({ service: 'sl', level: env.LOG_LEVEL ?? 'silent', destination: process.stderr });
  let client: KafkaClient | undefined;
  return {
    brokers,
    namespace,
    json: settings.json,
    env,
    logger,
    kafka: () => {
      client ??= createKafkaClient({ brokers, clientId: 'sl-cli', logger, connectionTimeoutMs: 5_000 });
      return client;
    },
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
  };
}

/** Plain aligned columns for people; --json gives JSON lines instead. */
export function table(rows: ReadonlyArray<Record<string, string | number>>): string {
  const first = rows[0];
  if (!first) return '(none)';
  const columns = Object.keys(first);
  const widths = columns.map((c) => Math.max(c.length, ...rows.map((r) => String(r[c] ?? '').length)));
  const line = (cells: string[]) => cells.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join('  ').trimEnd();
  return [line(columns), ...rows.map((r) => line(columns.map((c) => String(r[c] ?? ''))))].join('\n');
}
