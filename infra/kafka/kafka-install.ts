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
 * The Apache Kafka version the project runs. kafkajs 2.2.4 is proven against it by the
 * integration suite (produce, consume, groups, idempotence, transactions).
 */
export const KAFKA_VERSION: string = process.env.SL_KAFKA_VERSION ?? '3.9.1';

export function kafkaLibDir(version: string = KAFKA_VERSION): string {
  return path.join(cacheDir, `kafka-${version}`, 'libs');
}

export async function ensureKafkaInstalled(version: string = KAFKA_VERSION): Promise<string> {
  const libs = kafkaLibDir(version);
  const marker = path.join(libs, '.complete');
  if (fs.existsSync(marker)) return libs;
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
