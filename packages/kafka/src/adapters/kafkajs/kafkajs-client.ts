// The kafkajs adapter's entry: builds the kafkajs client and puts it behind the port
// (port-client.ts), with its log lines routed into the service's pino logger (at the level
// client-log-level.ts gives them), and with SASL/TLS from the options or, when none are given,
// from the environment.
import type { ConnectionOptions } from 'node:tls';
import type { KafkaConfig, LogEntry, SASLOptions } from 'kafkajs';
import { Counter, type Logger, type Registry } from '@sl/observability';
import { clientLogLevel, protocolErrorMessages } from './client-log-level.ts';
import { type KafkaSecurityOptions, type KafkaTlsOptions, kafkaSecurityFromEnv, readPemFile } from '../../kafka-security.ts';
import { kafkajs, kafkajsProtocolErrors } from './kafkajs-runtime.ts';
import { kafkajsPortClient } from './port-client.ts';
import type { KafkaClient } from '../../port/kafka-client.ts';

const { logLevel } = kafkajs;

export interface KafkaClientOptions {
  brokers: string[];
  clientId: string;
  logger: Logger;
  /** @default 10_000 ms */
  connectionTimeoutMs?: number;
  /** @default 30_000 ms */
  requestTimeoutMs?: number;
  /**
   * SASL and TLS; `{}` for a plain connection.
   * @default from KAFKA_SASL_* and KAFKA_TLS* in the environment, parsed once (none when unset)
   */
  security?: KafkaSecurityOptions;
  /** Where `sl_kafka_client_retried_total` counts the conditions the client retried by itself. @default none */
  metrics?: Registry;
}

const levels: Record<number, 'error' | 'warn' | 'info' | 'debug'> = {
  [logLevel.ERROR]: 'error',
  [logLevel.WARN]: 'warn',
  [logLevel.INFO]: 'info',
  [logLevel.DEBUG]: 'debug',
};

const messages = protocolErrorMessages(kafkajsProtocolErrors);

export function createKafkaClient(options: KafkaClientOptions): KafkaClient {
  const security = options.security ?? kafkaSecurityFromEnv();
  const kafkaLogger = options.logger.child({ component: 'kafkajs' });
  const scrub = secretScrubber(security.sasl ? [security.sasl.password] : []);
  const retried = retriedCounter(options.metrics);
  const config: KafkaConfig = {
    clientId: options.clientId,
    brokers: options.brokers,
    connectionTimeout: options.connectionTimeoutMs ?? 10_000,
    requestTimeout: options.requestTimeoutMs ?? 30_000,
    logLevel: logLevel.WARN,
    logCreator:
      () =>
      ({ namespace, level, label, log }: LogEntry) => {
        const { message, ...fields } = log;
        const verdict = clientLogLevel({ namespace, level: levels[level] ?? 'info', message, error: fields.error }, messages);
        if (verdict.condition !== undefined) retried?.inc({ condition: verdict.condition });
        const extra = verdict.condition === undefined ? { kafkajsLevel: label } : { kafkajsLevel: label, retried: verdict.condition };
        kafkaLogger[verdict.level](scrub({ ...fields, ...extra }) as object, scrub(message) as string);
      },
    retry: { initialRetryTime: 200, retries: 8, maxRetryTime: 10_000 },
  };
  if (security.sasl) {
    const { mechanism, username, password } = security.sasl;
    // kafkajs types each mechanism separately; all three take exactly a username and a password.
    config.sasl = { mechanism, username, password } as SASLOptions;
  }
  if (security.tls) config.ssl = tlsConnectionOptions(security.tls);
  return kafkajsPortClient(new kafkajs.Kafka(config));
}

function retriedCounter(registry: Registry | undefined): Counter<'condition'> | undefined {
  if (!registry) return undefined;
  const name = 'sl_kafka_client_retried_total';
  // Several clients in one process share the registry.
  return (
    (registry.getSingleMetric(name) as Counter<'condition'> | undefined) ??
    new Counter({ name, help: 'kafkajs log lines about conditions the client retries by itself, by condition (docs/architecture.md, Observability).', labelNames: ['condition'], registers: [registry] })
  );
}

function tlsConnectionOptions(tls: KafkaTlsOptions): ConnectionOptions {
  const options: ConnectionOptions = {};
  if (tls.caFile !== undefined) options.ca = readPemFile(tls.caFile, 'tls.caFile');
  if (tls.certFile !== undefined) options.cert = readPemFile(tls.certFile, 'tls.certFile');
  if (tls.keyFile !== undefined) options.key = readPemFile(tls.keyFile, 'tls.keyFile');
  if (tls.servername !== undefined) options.servername = tls.servername;
  return options;
}

const secretKey = /password|secret|token|^sasl$|^key$/i;

/**
 * kafkajs logs no credentials today, but its log fields pass through to our lines untouched: a
 * field named like a secret, or any text holding the SASL password, is masked on the way.
 */
function secretScrubber(secrets: string[]): (value: unknown) => unknown {
  const mask = (text: string): string => secrets.reduce((masked, secret) => masked.replaceAll(secret, '[redacted]'), text);
  const walk = (value: unknown, depth: number): unknown => {
    if (typeof value === 'string') return secrets.length > 0 ? mask(value) : value;
    if (depth > 4) return value;
    if (Array.isArray(value)) return value.map((item) => walk(item, depth + 1));
    if (!isPlainObject(value)) return value;
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, secretKey.test(key) && holdsText(item) ? '[redacted]' : walk(item, depth + 1)]),
    );
  };
  return (value) => walk(value, 0);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** Flags such as `sasl: true` stay readable; strings and objects under a secret's name do not. */
function holdsText(value: unknown): boolean {
  return typeof value === 'string' || (value !== null && typeof value === 'object');
}
