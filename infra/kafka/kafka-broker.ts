// A single-node Apache Kafka broker in KRaft mode (combined broker + controller), bound to
// 127.0.0.1, its log segments under the data directory. For tests and the embedded default.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { acceptsConnections, freePort, startManagedProcess, tail } from '../managed-process.ts';
import { assertValidSecurity, type BrokerTlsFiles, type KafkaBrokerSecurityOptions, scramFormatArgs, secureListenerProperties } from './broker-security.ts';
import { ensureBrokerTlsFiles } from './broker-tls.ts';
import { brokerLoggingJvmArg, ensureKafkaInstalled, KAFKA_VERSION } from './kafka-install.ts';

export { COMPAT_KAFKA_VERSION, DEFAULT_KAFKA_VERSION, KAFKA_VERSION } from './kafka-install.ts';

const run = promisify(execFile);

export interface KafkaBrokerOptions {
  /** Folder for the broker's metadata, log segments and its own log file. */
  dataDir: string;
  /** Client port on 127.0.0.1; 0 or absent picks a free one. */
  port?: number;
  /** Controller (KRaft quorum) port on 127.0.0.1; 0 or absent picks a free one. */
  controllerPort?: number;
  /** Partitions of auto-created topics. @default 3 */
  defaultPartitions?: number;
  /** JVM heap ceiling in MiB. @default 768 */
  heapMb?: number;
  /** @default KAFKA_VERSION */
  version?: string;
  /** How long the broker may take to serve, e.g. recovering its logs after a kill on a busy machine. @default 180_000 ms */
  readyTimeoutMs?: number;
  /**
   * SASL/SCRAM-SHA-256 on the client listener (TLS optional), the StandardAuthorizer with deny by
   * default, and a super user. Absent: one PLAINTEXT listener, no authorizer.
   */
  security?: KafkaBrokerSecurityOptions;
}

export interface RunningKafkaBroker {
  readonly brokers: string[];
  readonly dataDir: string;
  readonly logFile: string;
  readonly pid: number;
  /** The CA certificate (PEM) that signed the TLS listener's certificate; only with security.tls. */
  readonly caFile: string | undefined;
  /** Clean shutdown (SIGTERM, controlled shutdown), SIGKILL after 30 s. */
  stop(): Promise<void>;
  /** For fault tests: stop the broker abruptly. */
  kill(): Promise<void>;
}

export function brokerProperties(options: {
  dataDir: string;
  port: number;
  controllerPort: number;
  defaultPartitions: number;
  security?: KafkaBrokerSecurityOptions;
  tlsFiles?: BrokerTlsFiles;
}): string {
  const logDir = path.join(options.dataDir, 'log-segments');
  const listeners = options.security
    ? secureListenerProperties({ port: options.port, controllerPort: options.controllerPort, security: options.security, tlsFiles: options.tlsFiles })
    : [
        `listeners=PLAINTEXT://127.0.0.1:${options.port},CONTROLLER://127.0.0.1:${options.controllerPort}`,
        `advertised.listeners=PLAINTEXT://127.0.0.1:${options.port}`,
        'controller.listener.names=CONTROLLER',
        'listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT',
        'inter.broker.listener.name=PLAINTEXT',
      ];
  return [
    'process.roles=broker,controller',
    'node.id=1',
    `controller.quorum.voters=1@127.0.0.1:${options.controllerPort}`,
    ...listeners,
    `log.dirs=${logDir}`,
    `num.partitions=${options.defaultPartitions}`,
    // One broker cannot hold three replicas: without these, the group and transaction
    // coordinators never come up and consumer groups and transactions hang.
    'offsets.topic.replication.factor=1',
    'offsets.topic.num.partitions=10',
    'transaction.state.log.replication.factor=1',
    'transaction.state.log.min.isr=1',
    'transaction.state.log.num.partitions=10',
    'default.replication.factor=1',
    'min.insync.replicas=1',
    // Tests and the demo start consumers right away; the default 3 s delay only slows them.
    'group.initial.rebalance.delay.ms=0',
    'auto.create.topics.enable=false',
    'delete.topic.enable=true',
    'log.retention.hours=168',
    'log.segment.bytes=67108864',
    'log.cleaner.dedupe.buffer.size=16777216',
    '',
  ].join('\n');
}

/**
 * A KRaft cluster id: 16 random bytes, base64url. One starting with '-' would be read by the
 * storage tool as an option (1 start in 64 would fail), so such ids are drawn again.
 */
export function newClusterId(random: () => Buffer = () => randomBytes(16)): string {
  for (;;) {
    const id = random().toString('base64url');
    if (!id.startsWith('-')) return id;
  }
}

export async function startKafkaBroker(options: KafkaBrokerOptions): Promise<RunningKafkaBroker> {
  const version = options.version ?? KAFKA_VERSION;
  const libs = await ensureKafkaInstalled(version);
  const dataDir = path.resolve(options.dataDir);
  fs.mkdirSync(dataDir, { recursive: true });
  const port = options.port || (await freePort());
  const controllerPort = options.controllerPort || (await freePort());
  if (await acceptsConnections(port)) {
    throw new Error(`kafka: port 127.0.0.1:${port} is already taken (another broker running? set KAFKA_PORT or stop it)`);
  }
  const { security } = options;
  if (security) assertValidSecurity(security);
  const tlsFiles = security?.tls ? await ensureBrokerTlsFiles(dataDir) : undefined;
  const propertiesFile = path.join(dataDir, 'server.properties');
  fs.writeFileSync(
    propertiesFile,
    brokerProperties({ dataDir, port, controllerPort, defaultPartitions: options.defaultPartitions ?? 3, security, tlsFiles }),
  );
  // With security it holds the admin's password.
  if (security) fs.chmodSync(propertiesFile, 0o600);
  const classpath = `${libs}/*`;
  const log4j = brokerLoggingJvmArg(version);
  const logFile = path.join(dataDir, 'broker.log');

  if (!fs.existsSync(path.join(dataDir, 'log-segments', 'meta.properties'))) {
    // KRaft storage is formatted once with a cluster id; later starts reuse the data.
    const clusterId = newClusterId();
    try {
      const scram = security ? scramFormatArgs(security) : [];
      await run('java', ['-cp', classpath, log4j, 'kafka.tools.StorageTool', 'format', '-t', clusterId, '-c', propertiesFile, ...scram]);
    } catch (error) {
      if (security) throw formatFailedWithoutSecrets(dataDir, error, security);
      throw new Error(`kafka: formatting ${dataDir} failed: ${(error as Error).message}`, { cause: error });
    }
  }

  const heapMb = options.heapMb ?? 768;
  const process_ = await startManagedProcess({
    name: `kafka ${version}`,
    command: 'java',
    args: [
      `-Xms${Math.min(256, heapMb)}m`,
      `-Xmx${heapMb}m`,
      '-XX:+UseG1GC',
      '-XX:MaxGCPauseMillis=20',
      '-Djava.awt.headless=true',
      log4j,
      '-cp',
      classpath,
      'kafka.Kafka',
      propertiesFile,
    ],
    logFile,
    // The client port opens only after the broker has joined its own quorum and loaded metadata.
    isReady: async () => (await acceptsConnections(port)) && tail(logFile, 200).includes('Kafka Server started'),
    readyTimeoutMs: options.readyTimeoutMs ?? 180_000,
    stopTimeoutMs: 30_000,
  });

  return {
    brokers: [`127.0.0.1:${port}`],
    dataDir,
    logFile,
    pid: process_.pid,
    caFile: tlsFiles?.caFile,
    stop: () => process_.stop(),
    async kill() {
      process_.kill('SIGKILL');
      await process_.exited;
    },
  };
}

/**
 * The storage tool's command line and, on a parse error, its output hold SCRAM passwords: the
 * error keeps the tool's output with every password masked, and no cause that would carry the
 * command line.
 */
function formatFailedWithoutSecrets(dataDir: string, error: unknown, security: KafkaBrokerSecurityOptions): Error {
  const failed = error as { stdout?: string; stderr?: string; code?: unknown };
  let detail = `${failed.stdout ?? ''}${failed.stderr ?? ''}`.trim();
  for (const user of [security.admin, ...(security.users ?? [])]) detail = detail.replaceAll(user.password, '[redacted]');
  return new Error(`kafka: formatting ${dataDir} with SCRAM users failed (exit ${String(failed.code)}): ${detail}`);
}
