// How a client proves who it is to Kafka (SASL) and keeps the wire private (TLS), and the ACLs
// that give one brand team its own alerts and nothing else. Services get their security from the
// environment (KAFKA_SASL_*, KAFKA_TLS*), read once, so no service's own config has to change.
import fs from 'node:fs';
import { parseConfig } from '@sl/observability';
import { kafkaSecurityEnvSchema } from './config-settings.ts';
import type { AclGrant } from './port/kafka-admin.ts';

export type SaslMechanism = 'scram-sha-256' | 'scram-sha-512' | 'plain';

export interface KafkaSaslOptions {
  mechanism: SaslMechanism;
  username: string;
  /** Never logged: kafkajs log lines are scrubbed of it before they reach the logger. */
  password: string;
}

/** Present means TLS is on. Files are PEM, read once when the client is created. */
export interface KafkaTlsOptions {
  /** CA certificate(s) that signed the brokers' certificates. @default Node's bundled public CAs */
  caFile?: string;
  /** Client certificate, for brokers that require mutual TLS; with keyFile. */
  certFile?: string;
  /** Unencrypted private key of certFile. */
  keyFile?: string;
  /** Name to expect in the brokers' certificates (and send as SNI) instead of each broker's host. */
  servername?: string;
}

/** `{}` means a plain connection, whatever the environment says. */
export interface KafkaSecurityOptions {
  sasl?: KafkaSaslOptions;
  tls?: KafkaTlsOptions;
}

/**
 * Security settings from KAFKA_SASL_MECHANISM, KAFKA_SASL_USERNAME, KAFKA_SASL_PASSWORD, KAFKA_TLS,
 * KAFKA_TLS_CA_FILE, KAFKA_TLS_CERT_FILE, KAFKA_TLS_KEY_FILE and KAFKA_TLS_SERVERNAME, frozen.
 * Throws ConfigError (code INVALID_CONFIG) naming each variable that is wrong.
 */
export function parseKafkaSecurityEnv(env: Record<string, string | undefined>): Readonly<KafkaSecurityOptions> {
  return parseConfig(kafkaSecurityEnvSchema, env);
}

let fromProcessEnv: Readonly<KafkaSecurityOptions> | undefined;

/** parseKafkaSecurityEnv(process.env), parsed on first use and kept: what createKafkaClient uses when given no security. */
export function kafkaSecurityFromEnv(): Readonly<KafkaSecurityOptions> {
  fromProcessEnv ??= parseKafkaSecurityEnv(process.env);
  return fromProcessEnv;
}

/** Where a PEM file named in options is read; a missing file names the option that named it. */
export function readPemFile(file: string, option: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(`kafka: cannot read ${option} ${file}: ${(error as Error).message}`, { cause: error });
  }
}

export interface BrandTeamAccess {
  /** The team's SASL username; ACLs name the principal User:<username>. */
  username: string;
  /** Topics the team may read, as named on the cluster (namespace included), e.g. alerts.acme. */
  topics: string[];
  /** Consumer groups the team may join and commit in: every group id starting with this, e.g. 'acme-team.'. */
  groupPrefix: string;
}

/**
 * ACLs that let a brand team read its own topics with its own consumer groups, and nothing else
 * (the broker denies what no ACL allows). READ implies DESCRIBE, which metadata, offset look-ups
 * and group coordination need. Hand them to `admin.grantAcls(...)` as a super user.
 */
export function brandTeamReadAcls(access: BrandTeamAccess): AclGrant[] {
  if (access.groupPrefix === '') throw new Error('brandTeamReadAcls: an empty groupPrefix would open every consumer group');
  if (access.topics.length === 0 || access.topics.some((topic) => topic === '')) {
    throw new Error('brandTeamReadAcls: name at least one topic, none empty');
  }
  const principal = `User:${access.username}`;
  const allowRead = { principal, host: '*', operation: 'read' } as const;
  return [
    ...access.topics.map((topic): AclGrant => ({ ...allowRead, resource: { type: 'topic', name: topic, pattern: 'literal' } })),
    { ...allowRead, resource: { type: 'group', name: access.groupPrefix, pattern: 'prefixed' } },
  ];
}
