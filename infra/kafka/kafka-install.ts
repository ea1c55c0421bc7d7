// Fetches the broker's jars from Maven Central once, into the git-ignored cache, and reuses them.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { cacheDir } from '../paths.ts';

const run = promisify(execFile);
const here = path.dirname(fileURLToPath(import.meta.url));

/**
 * The Apache Kafka version the project runs: the newest Maven Central serves here. kafkajs 2.2.4
 * is proven against it by the integration suite (produce, consume, groups, idempotence,
 * transactions, read_committed, admin, SASL/ACLs), and against COMPAT_KAFKA_VERSION by
 * `npm run test:kafka-compat`.
 */
export const DEFAULT_KAFKA_VERSION = '4.4.0';

/** The older line still proven by the compatibility run: the last Kafka with ZooKeeper and the old protocol versions (KIP-896 removed them in 4.0). */
export const COMPAT_KAFKA_VERSION = '3.9.1';

/** `SL_KAFKA_VERSION` picks another version, e.g. for the compatibility run. */
export const KAFKA_VERSION: string = process.env.SL_KAFKA_VERSION || DEFAULT_KAFKA_VERSION;

/** How a Kafka version logs: the slf4j backend its own distribution ships, and the JVM flag that hands it our configuration. */
export interface BrokerLogging {
  /** Maven coordinates of the slf4j 1.7 binding resolved beside the broker. */
  backend: { groupId: string; artifactId: string; version: string };
  /** Configuration file in infra/kafka. */
  configFile: string;
  /** System property that names the configuration file. */
  configProperty: string;
}

/**
 * Kafka 4.0 moved from reload4j (log4j 1) to log4j 2 (KIP-653); a broker started with the other
 * backend logs nothing, and the launcher reads the log to know the broker is up.
 */
export function brokerLogging(version: string): BrokerLogging {
  const major = Number.parseInt(version, 10);
  if (!Number.isInteger(major) || !/^\d+\.\d+\.\d+$/.test(version)) {
    throw new Error(`kafka: version ${JSON.stringify(version)} is not of the form MAJOR.MINOR.PATCH (SL_KAFKA_VERSION?)`);
  }
  if (major >= 4) {
    return {
      backend: { groupId: 'org.apache.logging.log4j', artifactId: 'log4j-slf4j-impl', version: '2.25.5' },
      configFile: 'log4j2.properties',
      configProperty: 'log4j2.configurationFile',
    };
  }
  return {
    backend: { groupId: 'org.slf4j', artifactId: 'slf4j-reload4j', version: '1.7.36' },
    configFile: 'log4j-reload4j.properties',
    configProperty: 'log4j.configuration',
  };
}

/** The JVM argument that points the broker's logging at our configuration. */
export function brokerLoggingJvmArg(version: string): string {
  const logging = brokerLogging(version);
  return `-D${logging.configProperty}=file:${path.join(here, logging.configFile)}`;
}

export function kafkaLibDir(version: string = KAFKA_VERSION): string {
  return path.join(cacheDir, `kafka-${version}`, 'libs');
}

export async function ensureKafkaInstalled(version: string = KAFKA_VERSION): Promise<string> {
  const libs = kafkaLibDir(version);
  const marker = path.join(libs, '.complete');
  if (fs.existsSync(marker)) return libs;
  const { backend } = brokerLogging(version);
  process.stderr.write(`kafka: fetching Apache Kafka ${version} jars from Maven Central into ${libs} (once)\n`);
  fs.rmSync(libs, { recursive: true, force: true });
  fs.mkdirSync(libs, { recursive: true });
  try {
    await run(
      'mvn',
      [
        '-q',
        '-B',
        '-f',
        path.join(here, 'pom.xml'),
        `-Dkafka.version=${version}`,
        `-Dlogging.groupId=${backend.groupId}`,
        `-Dlogging.artifactId=${backend.artifactId}`,
        `-Dlogging.version=${backend.version}`,
        'dependency:copy-dependencies',
        `-DoutputDirectory=${libs}`,
        '-DincludeScope=runtime',
      ],
      { maxBuffer: 16 * 1024 * 1024 },
    );
  } catch (error) {
    const detail = (error as { stdout?: string }).stdout ?? '';
    throw new Error(`kafka: could not fetch Kafka ${version} with Maven (is mvn installed?)\n${detail}`, { cause: error });
  }
  fs.writeFileSync(marker, `${new Date().toISOString()}\n`);
  process.stderr.write(`kafka: ${fs.readdirSync(libs).length - 1} jars ready\n`);
  return libs;
}
