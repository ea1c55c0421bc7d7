// `npm start`: the embedded default. A local Kafka broker (unless KAFKA_BROKERS names one), a
// local object store (a folder, unless S3_BUCKET names a bucket; SL_LOCAL_S3=1 starts the local
// S3 server instead), every service, and a demo feed. Ctrl-C stops everything cleanly.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { startDemoFeed } from './demo-feed.ts';
import { type RunningKafkaBroker, startKafkaBroker } from './kafka/kafka-broker.ts';
import { acceptsConnections } from './managed-process.ts';
import { dataDir, repoRoot } from './paths.ts';
import { type RunningS3Server, startS3Server } from './s3/s3-server.ts';
import { startSupervisor } from './supervisor.ts';

const say = (line: string) => process.stdout.write(`${line}\n`);
const env = process.env;
const httpPort = Number(env.SL_HTTP_PORT ?? 8080);
const archiverOpsPort = Number(env.SL_ARCHIVER_OPS_PORT ?? 9101);
const enricherOpsPort = Number(env.SL_ENRICHER_OPS_PORT ?? 9102);
const sentimentOpsPort = Number(env.SL_SENTIMENT_OPS_PORT ?? 9103);
const aggregationOpsPort = Number(env.SL_AGGREGATION_OPS_PORT ?? 9104);
const amplificationOpsPort = Number(env.SL_AMPLIFICATION_OPS_PORT ?? 9105);
const dispatcherOpsPort = Number(env.SL_DISPATCHER_OPS_PORT ?? 9106);
const demoRate = Number(env.SL_DEMO_RATE ?? 20);
const logDir = path.join(dataDir, 'logs');

for (const [what, port] of [
  ['gateway (SL_HTTP_PORT)', httpPort],
  ['raw-archiver ops (SL_ARCHIVER_OPS_PORT)', archiverOpsPort],
  ['enricher ops (SL_ENRICHER_OPS_PORT)', enricherOpsPort],
  ['sentiment-worker ops (SL_SENTIMENT_OPS_PORT)', sentimentOpsPort],
  ['aggregation-worker ops (SL_AGGREGATION_OPS_PORT)', aggregationOpsPort],
  ['amplification-worker ops (SL_AMPLIFICATION_OPS_PORT)', amplificationOpsPort],
  ['alert-dispatcher ops (SL_DISPATCHER_OPS_PORT)', dispatcherOpsPort],
] as const) {
  if (await acceptsConnections(port)) {
    say(`sl up: port 127.0.0.1:${port} for the ${what} is taken; is another 'npm start' running? Set ${what.split('(')[1]?.replace(')', '')} to another port.`);
    process.exit(1);
  }
}

let broker: RunningKafkaBroker | undefined;
let s3: RunningS3Server | undefined;
let brokers = env.KAFKA_BROKERS;
if (!brokers) {
  say(`sl up: starting the local Kafka broker (data in ${path.join(dataDir, 'kafka')}) ...`);
  broker = await startKafkaBroker({ dataDir: path.join(dataDir, 'kafka'), port: Number(env.KAFKA_PORT ?? 19092) });
  brokers = broker.brokers.join(',');
}
const storeEnv: Record<string, string> = {};
if (!env.S3_BUCKET && env.SL_LOCAL_S3 === '1') {
  say('sl up: starting the local S3 server ...');
  s3 = await startS3Server({ dataDir: path.join(dataDir, 's3'), bucket: 'brand-listening', port: Number(env.SL_S3_PORT ?? 9000) });
  Object.assign(storeEnv, {
    S3_ENDPOINT: s3.endpoint,
    S3_BUCKET: s3.bucket,
    S3_REGION: s3.region,
    AWS_ACCESS_KEY_ID: s3.accessKeyId,
    AWS_SECRET_ACCESS_KEY: s3.secretAccessKey,
  });
}
const objects = env.S3_BUCKET
  ? `s3://${env.S3_BUCKET} at ${env.S3_ENDPOINT ?? 'AWS'}`
  : s3
    ? `s3://${s3.bucket} at ${s3.endpoint} (files under ${path.join(dataDir, 's3', 'store')})`
    : path.join(dataDir, 'objects');

const common = { KAFKA_BROKERS: brokers, SL_DATA_DIR: dataDir, ...storeEnv };

// The demo's brands, unless brands were applied before (then the topic already says what to match).
const brandsFile = env.SL_BRANDS_FILE ?? path.join(repoRoot, 'examples', 'brands.yaml');
const listed = spawnSync(process.execPath, [path.join(repoRoot, 'packages/cli/src/main.ts'), 'brands', 'list', '--json'], { env: { ...process.env, KAFKA_BROKERS: brokers }, encoding: 'utf8' });
// No brands yet (or no brands topic yet): apply the file.
if (listed.status !== 0 || listed.stdout.trim() === '') {
  const applied = spawnSync(process.execPath, [path.join(repoRoot, 'packages/cli/src/main.ts'), 'brands', 'apply', brandsFile], { env: { ...process.env, KAFKA_BROKERS: brokers }, encoding: 'utf8' });
  say(applied.status === 0 ? `sl up: applied brands from ${brandsFile}` : `sl up: could not apply ${brandsFile}: ${applied.stderr.trim()}`);
}
const supervisor = startSupervisor(
  [
    { name: 'ingest-gateway', env: { ...common, SL_HTTP_PORT: String(httpPort) } },
    { name: 'raw-archiver', env: { ...common, SL_OPS_PORT: String(archiverOpsPort), ARCHIVE_FLUSH_INTERVAL_MS: env.ARCHIVE_FLUSH_INTERVAL_MS ?? '10000' } },
    { name: 'enricher', env: { ...common, SL_OPS_PORT: String(enricherOpsPort) } },
    { name: 'sentiment-worker', env: { ...common, SL_OPS_PORT: String(sentimentOpsPort) } },
    { name: 'aggregation-worker', env: { ...common, SL_OPS_PORT: String(aggregationOpsPort), ROLLUP_FLUSH_INTERVAL_MS: env.ROLLUP_FLUSH_INTERVAL_MS ?? '10000' } },
    { name: 'amplification-worker', env: { ...common, SL_OPS_PORT: String(amplificationOpsPort) } },
    { name: 'alert-dispatcher', env: { ...common, SL_OPS_PORT: String(dispatcherOpsPort) } },
  ],
  { logDir, onEvent: (message) => say(`sl up: ${message}`) },
);

const gateway = `http://127.0.0.1:${httpPort}`;
const deadline = Date.now() + 60_000;
while (!(await fetch(`${gateway}/healthz`).then((r) => r.ok).catch(() => false))) {
  if (Date.now() > deadline) {
    say(`sl up: the gateway did not come up within 60 s; see ${path.join(logDir, 'ingest-gateway.log')}`);
    await shutdown(1);
  }
  await new Promise((resolve) => setTimeout(resolve, 250));
}

say('');
say('Brand listening is running.');
say(`  ingest        POST ${gateway}/v1/mentions   (docs/ingest.md)`);
say(`  health        ${gateway}/healthz; raw-archiver :${archiverOpsPort}, enricher :${enricherOpsPort}, sentiment-worker :${sentimentOpsPort}, aggregation-worker :${aggregationOpsPort}, amplification-worker :${amplificationOpsPort}, alert-dispatcher :${dispatcherOpsPort} /healthz`);
say(`  metrics       the same ports, /metrics (Prometheus)`);
say(`  brands        sl brands list   (sl = packages/cli/bin/sl, or npx sl)`);
say(`  kafka         ${brokers}${broker ? ` (local broker, log ${broker.logFile})` : ''}`);
say(`  objects       ${objects}`);
say(`  service logs  ${logDir}`);
say('');
say('Try:');
say(`  curl -s -XPOST ${gateway}/v1/mentions -H 'content-type: application/json' \\`);
say(`    -d '{"source":"rss","id":"hello-1","text":"Acme rocks","publishedAt":"${new Date().toISOString()}","author":{"handle":"@me"}}'`);
say(`  packages/cli/bin/sl query "SELECT brand, sum(mentions) AS mentions, sum(negative) AS negative FROM rollups WHERE grain = 'day' GROUP BY ALL"`);
say('  packages/cli/bin/sl topics            (consumer lag per stage)');
say('  packages/cli/bin/sl alerts tail --brand acme --from-beginning   (alerts as they are raised; docs/alerts.md)');
say('Ctrl-C stops everything.');
say('');

const feed =
  env.SL_DEMO === '0'
    ? undefined
    : startDemoFeed({ url: `${gateway}/v1/mentions`, perSecond: demoRate, onError: (message) => say(`sl up: ${message}`) });

async function counter(url: string, name: string, label?: string): Promise<number | undefined> {
  const text = await fetch(url)
    .then((r) => r.text())
    .catch(() => '');
  let total: number | undefined;
  for (const line of text.split('\n')) {
    if (!line.startsWith(name) || (label && !line.includes(label))) continue;
    total = (total ?? 0) + Number(line.split(' ').at(-1));
  }
  return total;
}

let last = { at: Date.now(), accepted: 0 };
const progress = setInterval(async () => {
  const accepted = (await counter(`${gateway}/metrics`, 'sl_ingest_mentions_total', 'outcome="accepted"')) ?? 0;
  const archived = await counter(`http://127.0.0.1:${archiverOpsPort}/metrics`, 'sl_sink_rows_written_total');
  const files = await counter(`http://127.0.0.1:${archiverOpsPort}/metrics`, 'sl_sink_files_written_total');
  const enriched = await counter(`http://127.0.0.1:${enricherOpsPort}/metrics`, 'sl_records_processed_total');
  const scored = await counter(`http://127.0.0.1:${sentimentOpsPort}/metrics`, 'sl_records_processed_total');
  const rolledUp = await counter(`http://127.0.0.1:${aggregationOpsPort}/metrics`, 'sl_sink_rows_written_total');
  const alerts = await counter(`http://127.0.0.1:${amplificationOpsPort}/metrics`, 'sl_alerts_raised_total');
  const now = Date.now();
  const rate = ((accepted - last.accepted) * 1000) / (now - last.at);
  last = { at: now, accepted };
  const restarts = supervisor.services.reduce((n, s) => n + s.restarts, 0);
  say(
    `sl up: ingested ${accepted} (${rate.toFixed(0)}/s) | enriched ${enriched ?? 0} | scored ${scored ?? 0} | rolled up ${rolledUp ?? 0} | alerts ${alerts ?? 0} | archived ${archived ?? 0} rows in ${files ?? 0} files | demo feed ${feed ? `${feed.posted} posted` : 'off'} | restarts ${restarts}`,
  );
}, 5_000);

let stopping = false;
async function shutdown(code = 0): Promise<never> {
  if (stopping) process.exit(130);
  stopping = true;
  clearInterval(progress);
  say('sl up: stopping (the archiver flushes what it holds first) ...');
  await feed?.stop();
  await supervisor.stop();
  await s3?.stop();
  await broker?.stop();
  say('sl up: stopped cleanly.');
  process.exit(code);
}
process.on('SIGINT', () => void shutdown());
process.on('SIGTERM', () => void shutdown());
// A closed terminal stops everything cleanly too.
process.on('SIGHUP', () => void shutdown());
