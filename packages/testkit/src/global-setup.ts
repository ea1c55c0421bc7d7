// Vitest global setup for integration tests: one broker and one bucket for the whole run.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { dockerAnswers } from './docker-probe.ts';
import { type InfraPlan, parseBrokers, planInfra } from './infra-plan.ts';
import type { S3Target } from './provided.ts';

type Stop = () => Promise<void>;

export default async function setup(project: TestProject): Promise<Stop> {
  const env = process.env;
  const needsDetection = !env.KAFKA_BROKERS || !env.S3_ENDPOINT;
  const docker = needsDetection && env.SL_TEST_INFRA !== 'local' ? await dockerAnswers() : false;
  const plan: InfraPlan = planInfra(env, docker);
  process.stderr.write(`testkit: ${plan.reason}\n`);
  const stops: Stop[] = [];
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sl-test-'));

  try {
    const [brokers, s3] = await Promise.all([startKafka(plan, workDir, stops), startS3(plan, workDir, stops)]);
    project.provide('kafkaBrokers', brokers);
    project.provide('s3', s3);
    const { KAFKA_VERSION } = await import('@sl/infra/kafka');
    const version = plan.kafka === 'environment' ? 'from KAFKA_BROKERS' : KAFKA_VERSION;
    process.stderr.write(`testkit: kafka ${version} at ${brokers.join(',')}, s3 ${s3.endpoint}/${s3.bucket}\n`);
  } catch (error) {
    await stopAll(stops);
    throw error;
  }

  return async () => {
    await stopAll(stops);
    fs.rmSync(workDir, { recursive: true, force: true });
  };
}

async function stopAll(stops: Stop[]): Promise<void> {
  await Promise.allSettled(stops.reverse().map((stop) => stop()));
}

async function startKafka(plan: InfraPlan, workDir: string, stops: Stop[]): Promise<string[]> {
  if (plan.kafka === 'environment') return parseBrokers(process.env.KAFKA_BROKERS ?? '');
  if (plan.kafka === 'testcontainers') {
    const { KafkaContainer } = await import('@testcontainers/kafka');
    const { KAFKA_VERSION } = await import('@sl/infra/kafka');
    const container = await new KafkaContainer(`apache/kafka:${KAFKA_VERSION}`).withKraft().start();
    stops.push(async () => {
      await container.stop();
    });
    return [`${container.getHost()}:${container.getMappedPort(9093)}`];
  }
  const { startKafkaBroker } = await import('@sl/infra/kafka');
  const broker = await startKafkaBroker({ dataDir: path.join(workDir, 'kafka') });
  stops.push(() => broker.stop());
  return broker.brokers;
}

async function startS3(plan: InfraPlan, workDir: string, stops: Stop[]): Promise<S3Target> {
  const env = process.env;
  if (plan.s3 === 'environment') {
    return {
      endpoint: env.S3_ENDPOINT ?? '',
      bucket: env.S3_BUCKET ?? '',
      region: env.S3_REGION ?? 'us-east-1',
      accessKeyId: env.AWS_ACCESS_KEY_ID ?? 'test',
      secretAccessKey: env.AWS_SECRET_ACCESS_KEY ?? 'test',
    };
  }
  const bucket = 'sl-test';
  if (plan.s3 === 'testcontainers') {
    const { MinioContainer } = await import('@testcontainers/minio');
    const container = await new MinioContainer('minio/minio:RELEASE.2025-04-22T22-12-26Z').start();
    stops.push(async () => {
      await container.stop();
    });
    await container.exec(['mc', 'mb', `/data/${bucket}`]).catch(() => undefined);
    return {
      endpoint: container.getConnectionUrl(),
      bucket,
      region: 'us-east-1',
      accessKeyId: container.getUsername(),
      secretAccessKey: container.getPassword(),
    };
  }
  const { startS3Server } = await import('@sl/infra/s3');
  const server = await startS3Server({ dataDir: path.join(workDir, 's3'), bucket });
  stops.push(() => server.stop());
  return {
    endpoint: server.endpoint,
    bucket: server.bucket,
    region: server.region,
    accessKeyId: server.accessKeyId,
    secretAccessKey: server.secretAccessKey,
  };
}
