// Decides where integration tests get their broker and bucket: what the environment names
// first, then Docker through testcontainers, then the project's own local launchers.
export type InfraSource = 'environment' | 'testcontainers' | 'local';

export interface InfraPlan {
  kafka: InfraSource;
  s3: InfraSource;
  /** Why, in one line, for the test log. */
  reason: string;
}

export interface InfraEnvironment {
  KAFKA_BROKERS?: string | undefined;
  S3_ENDPOINT?: string | undefined;
  S3_BUCKET?: string | undefined;
  /** Set to 'local' or 'testcontainers' to skip detection. */
  SL_TEST_INFRA?: string | undefined;
}

export function planInfra(env: InfraEnvironment, dockerAnswers: boolean): InfraPlan {
  const forced = env.SL_TEST_INFRA;
  if (forced !== undefined && forced !== '' && forced !== 'local' && forced !== 'testcontainers') {
    throw new Error(`SL_TEST_INFRA must be "local" or "testcontainers", got "${forced}"`);
  }
  if (forced === 'testcontainers' && !dockerAnswers) {
    throw new Error('SL_TEST_INFRA=testcontainers but no Docker engine answers');
  }
  const fallback: InfraSource = forced === 'local' ? 'local' : forced === 'testcontainers' || dockerAnswers ? 'testcontainers' : 'local';
  const kafka: InfraSource = env.KAFKA_BROKERS ? 'environment' : fallback;
  const s3Given = Boolean(env.S3_ENDPOINT);
  if (s3Given && !env.S3_BUCKET) throw new Error('S3_ENDPOINT is set but S3_BUCKET is not: name the bucket tests may write to');
  const s3: InfraSource = s3Given ? 'environment' : fallback;
  const why = fallback === 'local' ? (forced === 'local' ? 'SL_TEST_INFRA=local' : 'no Docker engine answers') : 'a Docker engine answers';
  return { kafka, s3, reason: `kafka from ${kafka}, s3 from ${s3} (${why})` };
}

export function parseBrokers(list: string): string[] {
  const brokers = list
    .split(',')
    .map((b) => b.trim())
    .filter((b) => b.length > 0);
  if (brokers.length === 0) throw new Error(`KAFKA_BROKERS has no broker addresses: "${list}"`);
  for (const broker of brokers) {
    if (!/^[^:\s]+:\d{1,5}$/.test(broker)) throw new Error(`KAFKA_BROKERS entry "${broker}" is not host:port`);
  }
  return brokers;
}
