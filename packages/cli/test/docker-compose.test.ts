// docker-compose.yml, checked without a Docker engine: parsed as Compose parses it (YAML merge
// keys on), then held to what the pipeline needs: Kafka in KRaft mode, MinIO with its bucket,
// every service from the one image with a health check on its own port, started after Kafka is
// healthy, sinks after the bucket exists, only the gateway and the dashboard publishing a port (so
// workers scale).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { repoRoot } from '../src/repo-root.ts';

interface ComposeService {
  image?: string;
  build?: { context: string; dockerfile: string };
  command?: string[];
  entrypoint?: string[] | string;
  environment?: Record<string, string | number>;
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[]; interval?: string; retries?: number };
  ports?: string[];
  volumes?: string[];
  profiles?: string[];
}

const compose = parse(fs.readFileSync(path.join(repoRoot, 'docker-compose.yml'), 'utf8'), { merge: true }) as {
  services: Record<string, ComposeService>;
  volumes: Record<string, unknown>;
};
const services = compose.services;
const service = (name: string): ComposeService => {
  const found = services[name];
  if (!found) throw new Error(`docker-compose.yml has no service ${name}`);
  return found;
};

const PIPELINE = ['ingest-gateway', 'raw-archiver', 'enricher', 'sentiment-worker', 'aggregation-worker', 'amplification-worker', 'alert-dispatcher', 'connector-runner'];
const SINKS = ['raw-archiver', 'aggregation-worker'];

describe('docker-compose.yml', () => {
  it('runs Kafka in KRaft mode (broker and controller in one node, no ZooKeeper), its data on a volume', () => {
    const kafka = service('kafka');
    const env = kafka.environment ?? {};
    expect(kafka.image).toMatch(/^apache\/kafka:4\.4\./);
    expect(env.KAFKA_PROCESS_ROLES).toBe('broker,controller');
    expect(env.KAFKA_CONTROLLER_QUORUM_VOTERS).toBe(`${env.KAFKA_NODE_ID}@kafka:9093`);
    expect(env.KAFKA_CONTROLLER_LISTENER_NAMES).toBe('CONTROLLER');
    expect(String(env.CLUSTER_ID)).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(Object.keys(env).some((k) => k.includes('ZOOKEEPER'))).toBe(false);
    expect(kafka.volumes).toContain(`kafka-data:${env.KAFKA_LOG_DIRS}`);
    expect(env.KAFKA_AUTO_CREATE_TOPICS_ENABLE).toBe('false');
    // One broker: the transaction log (exactly-once stages) must accept one replica.
    expect(env.KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR).toBe(1);
    expect(env.KAFKA_TRANSACTION_STATE_LOG_MIN_ISR).toBe(1);
    expect(kafka.healthcheck?.test.join(' ')).toContain('kafka-broker-api-versions.sh --bootstrap-server localhost:9092');
  });

  it("runs MinIO with a health check, and creates the services' bucket once it is healthy", () => {
    expect(service('minio').healthcheck?.test).toEqual(['CMD', 'mc', 'ready', 'local']);
    const create = service('create-bucket');
    expect(create.depends_on).toEqual({ minio: { condition: 'service_healthy' } });
    const bucket = service('raw-archiver').environment?.S3_BUCKET;
    expect(String(create.entrypoint)).toContain(`mc mb --ignore-existing local/${bucket}`);
  });

  it('runs every service from the one image, each with a health check on its own /healthz, after Kafka is healthy', () => {
    const dockerfile = fs.readFileSync(path.join(repoRoot, 'infra', 'Dockerfile'), 'utf8');
    const entrypoint = JSON.parse(dockerfile.match(/^ENTRYPOINT (.+)$/m)?.[1] ?? '[]') as string[];
    expect(entrypoint.slice(0, 2)).toEqual(['sh', '-c']);
    for (const name of PIPELINE) {
      // The image's command line for the service, printed instead of run: node, the flags its
      // package.json lists under nodeOptions, its entry point.
      const shown = execFileSync('sh', ['-c', (entrypoint[2] ?? '').replace(/^exec /, 'echo '), name], {
        cwd: repoRoot,
        env: { ...process.env, PATH: `${path.dirname(process.execPath)}${path.delimiter}${process.env.PATH ?? ''}` },
        encoding: 'utf8',
      }).trim();
      const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'services', name, 'package.json'), 'utf8')) as {
        nodeOptions?: string[];
      };
      expect(shown, name).toBe(['node', ...(manifest.nodeOptions ?? []), `services/${name}/src/main.ts`].join(' '));
      const s = service(name);
      expect(s.build, name).toEqual({ context: '.', dockerfile: 'infra/Dockerfile' });
      expect(s.command, name).toEqual([name]);
      expect(fs.existsSync(path.join(repoRoot, 'services', name, 'src', 'main.ts')), name).toBe(true);
      expect(s.depends_on?.kafka, name).toEqual({ condition: 'service_healthy' });
      expect(s.environment?.KAFKA_BROKERS, name).toBe('kafka:9092');
      const port = name === 'ingest-gateway' ? s.environment?.SL_HTTP_PORT : s.environment?.SL_OPS_PORT;
      expect(port, name).toEqual(expect.any(Number));
      expect(s.healthcheck?.test, name).toEqual([
        'CMD',
        'node',
        '-e',
        `fetch('http://127.0.0.1:${port}/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))`,
      ]);
      expect(s.healthcheck?.retries, name).toBeGreaterThan(0);
    }
    expect(Object.keys(services).filter((name) => name.endsWith('-worker') || PIPELINE.includes(name)).sort()).toEqual([...PIPELINE].sort());
  });

  it('starts the sinks once the bucket exists, with the S3 settings', () => {
    for (const name of SINKS) {
      const s = service(name);
      expect(s.depends_on?.['create-bucket'], name).toEqual({ condition: 'service_completed_successfully' });
      expect(s.environment, name).toMatchObject({ S3_ENDPOINT: 'http://minio:9000', S3_BUCKET: 'brand-listening', AWS_ACCESS_KEY_ID: 'minio' });
    }
  });

  it('publishes only the gateway (with a token, as listening beyond loopback needs), so every worker can be scaled', () => {
    const gateway = service('ingest-gateway');
    expect(gateway.ports).toEqual(['127.0.0.1:8080:8080']);
    expect(gateway.environment?.SL_HTTP_HOST).toBe('0.0.0.0');
    expect(String(gateway.environment?.SL_INGEST_TOKENS)).toMatch(/^\$\{SL_INGEST_TOKENS:-[a-z0-9-]+:\*:[A-Za-z0-9._~+/-]{16,}\}$/);
    for (const name of PIPELINE.filter((n) => n !== 'ingest-gateway')) expect(service(name).ports, name).toBeUndefined();
  });

  it('runs the dashboard from the same image on its published port, with tokens (it listens beyond loopback) and the bucket', () => {
    const dashboard = service('dashboard');
    expect(dashboard.build).toEqual({ context: '.', dockerfile: 'infra/Dockerfile' });
    expect(dashboard.command).toEqual(['dashboard']);
    expect(fs.existsSync(path.join(repoRoot, 'services', 'dashboard', 'src', 'main.ts'))).toBe(true);
    expect(dashboard.depends_on).toEqual({ kafka: { condition: 'service_healthy' }, 'create-bucket': { condition: 'service_completed_successfully' } });
    expect(dashboard.environment).toMatchObject({
      KAFKA_BROKERS: 'kafka:9092',
      S3_ENDPOINT: 'http://minio:9000',
      S3_BUCKET: 'brand-listening',
      SL_DASHBOARD_HOST: '0.0.0.0',
      SL_DASHBOARD_PORT: 8090,
      SL_DATA_DIR: '/tmp/sl',
    });
    // The grammar the service parses (docs/dashboard.md, "Access"), with a default a person replaces.
    expect(String(dashboard.environment?.SL_DASHBOARD_TOKENS)).toMatch(/^\$\{SL_DASHBOARD_TOKENS:-[a-z0-9-]+:\*:[A-Za-z0-9._~+/-]{16,}\}$/);
    expect(dashboard.ports).toEqual(['127.0.0.1:8090:8090']);
    expect(dashboard.healthcheck?.test).toEqual(['CMD', 'node', '-e', "fetch('http://127.0.0.1:8090/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]);
    // The page is bundled into the image as it is built: the service runs as a user that cannot write there.
    const dockerfile = fs.readFileSync(path.join(repoRoot, 'infra', 'Dockerfile'), 'utf8');
    expect(dockerfile.indexOf('await buildPage(DEFAULT_PAGE_DIR)')).toBeGreaterThan(dockerfile.indexOf('RUN npm ci'));
    expect(dockerfile.indexOf('await buildPage(DEFAULT_PAGE_DIR)')).toBeLessThan(dockerfile.indexOf('USER node'));
  });

  it('applies the example brands once Kafka is healthy, only while none are applied', () => {
    const apply = service('apply-brands');
    expect(apply.depends_on).toEqual({ kafka: { condition: 'service_healthy' } });
    const script = Array.isArray(apply.entrypoint) ? apply.entrypoint.join(' ') : String(apply.entrypoint);
    expect(script).toContain('node packages/cli/src/main.ts brands list --json | grep -q .');
    expect(script).toContain('node packages/cli/src/main.ts brands apply "$$SL_BRANDS_FILE"');
    expect(fs.existsSync(path.join(repoRoot, 'examples', 'brands.yaml'))).toBe(true);
  });
});
