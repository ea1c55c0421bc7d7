// Settings every Kafka-speaking service reads from its environment, defined once.
import fs from 'node:fs';
import { z } from 'zod';
import type { KafkaSecurityOptions } from './kafka-security.ts';

/** Comma-separated host:port list. @default the embedded broker, 127.0.0.1:19092 */
export const kafkaBrokersSetting = z
  .string()
  .default('127.0.0.1:19092')
  .transform((list) =>
    list
      .split(',')
      .map((b) => b.trim())
      .filter(Boolean),
  )
  .pipe(z.array(z.string().regex(/^[^:\s]+:\d{1,5}$/, 'expected host:port')).min(1));

/** Prefix for every topic name (tests, shared clusters). @default '' */
export const topicNamespaceSetting = z.string().default('');

/**
 * Upstream stages an ingest watermark follows, `group:topic` in pipeline order (topics without the
 * namespace), or `none` when the input is written directly (tests, replays). The first stage's
 * input is written outside transactions (the gateway); every later one by the transactional stage
 * before it.
 */
export function watermarkUpstreamSetting(defaultValue: string) {
  return z
    .string()
    .default(defaultValue)
    .transform((value, ctx) => {
      if (value.trim() === 'none') return [];
      const stages = value.split(',').map((pair) => pair.trim().split(':'));
      if (stages.some((parts) => parts.length !== 2 || parts.some((part) => part.length === 0))) {
        ctx.addIssue({ code: 'custom', message: `expected group:topic pairs separated by commas, or none; got '${value}'` });
        return z.NEVER;
      }
      return stages.map(([groupId, topic], index) => ({ groupId: groupId as string, topic: topic as string, transactional: index > 0 }));
    });
}

// Security is read by createKafkaClient itself (see kafka-security.ts), not by each service's
// schema, so every service gets it without its own config changing.

// Compose files and CI often set a variable to '' to mean "not set".
const unsetIfEmpty = <T extends z.ZodType>(schema: T) => z.preprocess((value) => (value === '' ? undefined : value), schema);
const optionalText = unsetIfEmpty(z.string().optional());
const readableFile = unsetIfEmpty(
  z
    .string()
    .refine((file) => {
      try {
        fs.accessSync(file, fs.constants.R_OK);
        return fs.statSync(file).isFile();
      } catch {
        return false;
      }
    }, 'no readable file at this path')
    .optional(),
);

const tlsFileVariables = ['KAFKA_TLS_CA_FILE', 'KAFKA_TLS_CERT_FILE', 'KAFKA_TLS_KEY_FILE', 'KAFKA_TLS_SERVERNAME'] as const;

/** The environment's Kafka security settings, checked as a whole and turned into KafkaSecurityOptions. */
export const kafkaSecurityEnvSchema = z
  .object({
    /** scram-sha-256, scram-sha-512 or plain (any case). @default unset: no SASL */
    KAFKA_SASL_MECHANISM: unsetIfEmpty(
      z
        .string()
        .toLowerCase()
        .pipe(z.enum(['scram-sha-256', 'scram-sha-512', 'plain']))
        .optional(),
    ),
    /** Required with KAFKA_SASL_MECHANISM. */
    KAFKA_SASL_USERNAME: optionalText,
    /** Required with KAFKA_SASL_MECHANISM; never logged. */
    KAFKA_SASL_PASSWORD: optionalText,
    /** 1/true/yes/on turns TLS on. @default false */
    KAFKA_TLS: unsetIfEmpty(z.stringbool().default(false)),
    /** PEM CA bundle that signed the brokers' certificates. @default Node's bundled public CAs */
    KAFKA_TLS_CA_FILE: readableFile,
    /** PEM client certificate for mutual TLS; with KAFKA_TLS_KEY_FILE. */
    KAFKA_TLS_CERT_FILE: readableFile,
    /** PEM private key (unencrypted) of KAFKA_TLS_CERT_FILE. */
    KAFKA_TLS_KEY_FILE: readableFile,
    /** Name expected in the brokers' certificates. @default each broker's host */
    KAFKA_TLS_SERVERNAME: optionalText,
  })
  .superRefine((env, ctx) => {
    const problem = (variable: string, message: string) => ctx.addIssue({ code: 'custom', path: [variable], message });
    if (env.KAFKA_SASL_MECHANISM !== undefined) {
      if (env.KAFKA_SASL_USERNAME === undefined) problem('KAFKA_SASL_USERNAME', 'required when KAFKA_SASL_MECHANISM is set');
      if (env.KAFKA_SASL_PASSWORD === undefined) problem('KAFKA_SASL_PASSWORD', 'required when KAFKA_SASL_MECHANISM is set');
      if (env.KAFKA_SASL_MECHANISM === 'plain' && !env.KAFKA_TLS) {
        problem('KAFKA_TLS', 'must be 1 with KAFKA_SASL_MECHANISM=plain, which would otherwise send the password in clear text');
      }
    } else {
      for (const variable of ['KAFKA_SASL_USERNAME', 'KAFKA_SASL_PASSWORD'] as const) {
        if (env[variable] !== undefined) problem('KAFKA_SASL_MECHANISM', `required when ${variable} is set`);
      }
    }
    if (!env.KAFKA_TLS) {
      // A CA file without KAFKA_TLS=1 would otherwise connect in clear text while looking secured.
      for (const variable of tlsFileVariables) {
        if (env[variable] !== undefined) problem('KAFKA_TLS', `must be 1 when ${variable} is set`);
      }
    }
    if ((env.KAFKA_TLS_CERT_FILE === undefined) !== (env.KAFKA_TLS_KEY_FILE === undefined)) {
      problem(
        env.KAFKA_TLS_CERT_FILE === undefined ? 'KAFKA_TLS_CERT_FILE' : 'KAFKA_TLS_KEY_FILE',
        'KAFKA_TLS_CERT_FILE and KAFKA_TLS_KEY_FILE are set together',
      );
    }
  })
  .transform((env): KafkaSecurityOptions => {
    const sasl =
      env.KAFKA_SASL_MECHANISM && env.KAFKA_SASL_USERNAME !== undefined && env.KAFKA_SASL_PASSWORD !== undefined
        ? Object.freeze({ mechanism: env.KAFKA_SASL_MECHANISM, username: env.KAFKA_SASL_USERNAME, password: env.KAFKA_SASL_PASSWORD })
        : undefined;
    const tls = env.KAFKA_TLS
      ? Object.freeze(
          withoutUndefined({
            caFile: env.KAFKA_TLS_CA_FILE,
            certFile: env.KAFKA_TLS_CERT_FILE,
            keyFile: env.KAFKA_TLS_KEY_FILE,
            servername: env.KAFKA_TLS_SERVERNAME,
          }),
        )
      : undefined;
    return withoutUndefined({ sasl, tls });
  });

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
