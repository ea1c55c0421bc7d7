// What every command gets: where Kafka is, the topic namespace, output helpers, a quiet logger.
import { createKafkaClient, type Kafka } from '@sl/kafka';
import { createRootLogger, type Logger } from '@sl/observability';

export interface CliContext {
  readonly brokers: string[];
  readonly namespace: string;
  readonly json: boolean;
  readonly logger: Logger;
  kafka(): Kafka;
  out(line: string): void;
  err(line: string): void;
}

export function createCliContext(env: NodeJS.ProcessEnv, json: boolean): CliContext {
  const brokers = (env.KAFKA_BROKERS ?? '127.0.0.1:19092')
    .split(',')
    .map((b) => b.trim())
    .filter(Boolean);
  const logger = createRootLogger({ service: 'sl', level: env.LOG_LEVEL ?? 'silent', destination: process.stderr });
  let client: Kafka | undefined;
  return {
    brokers,
    namespace: env.SL_TOPIC_NAMESPACE ?? '',
    json,
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
