// `npm start`: the embedded default. A local Kafka broker (unless KAFKA_BROKERS names one), a
// local object store (a folder, unless S3_BUCKET names a bucket; SL_LOCAL_S3=1 starts the local
// S3 server instead), every service, and a demo feed. Ctrl-C stops everything cleanly.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { consumerLag, createKafkaClient } from '@sl/kafka';
import { createRootLogger } from '@sl/observability';
import { type DemoFeed, startDemoFeed } from './demo-feed.ts';
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
const dashboardPort = Number(env.SL_DASHBOARD_PORT ?? 8090);
// Mentions a second, live and in the 26 h of history the demo backfills first (docs/demo.md): the
// history has to match the live rate or live traffic is a spike against yesterday, so the backfill
// grows with it (about 95,000 mentions per 1/s).
const demoRate = Number(env.SL_DEMO_RATE ?? 1);
if (!(demoRate > 0) || !Number.isFinite(demoRate)) {
  say(`sl up: SL_DEMO_RATE must be a positive number of mentions per second, got "${env.SL_DEMO_RATE}" (SL_DEMO=0 turns the demo feed off)`);
  process.exit(1);
}
const logDir = path.join(dataDir, 'logs');

for (const [what, port] of [
  ['gateway (SL_HTTP_PORT)', httpPort],
  ['raw-archiver ops (SL_ARCHIVER_OPS_PORT)', archiverOpsPort],
  ['enricher ops (SL_ENRICHER_OPS_PORT)', enricherOpsPort],
  ['sentiment-worker ops (SL_SENTIMENT_OPS_PORT)', sentimentOpsPort],
  ['aggregation-worker ops (SL_AGGREGATION_OPS_PORT)', aggregationOpsPort],
  ['amplification-worker ops (SL_AMPLIFICATION_OPS_PORT)', amplificationOpsPort],
  ['alert-dispatcher ops (SL_DISPATCHER_OPS_PORT)', dispatcherOpsPort],
  ['dashboard (SL_DASHBOARD_PORT)', dashboardPort],
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
const namespace = env.SL_TOPIC_NAMESPACE ?? '';

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
    // SL_DASHBOARD_TOKENS / SL_DASHBOARD_HOST pass through from this environment (docs/dashboard.md).
    { name: 'dashboard', env: { ...common, SL_DASHBOARD_PORT: String(dashboardPort) } },
  ],
  { logDir, onEvent: (message) => say(`sl up: ${message}`) },
);

// Declared before anything can call shutdown(), which reads them.
let feed: DemoFeed | undefined;
let progress: ReturnType<typeof setInterval> | undefined;
let stopping = false;

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
say(`  dashboard     http://${env.SL_DASHBOARD_HOST ?? '127.0.0.1'}:${dashboardPort}/   (${env.SL_DASHBOARD_TOKENS || env.SL_DASHBOARD_TOKENS_FILE ? 'sign in with a dashboard token' : 'loopback, no sign-in'}; docs/dashboard.md)`);
say(`  health        ${gateway}/healthz; raw-archiver :${archiverOpsPort}, enricher :${enricherOpsPort}, sentiment-worker :${sentimentOpsPort}, aggregation-worker :${aggregationOpsPort}, amplification-worker :${amplificationOpsPort}, alert-dispatcher :${dispatcherOpsPort}, dashboard :${dashboardPort} /healthz`);
say(`  metrics       the same ports, /metrics (Prometheus)`);
say(`  brands        sl brands list   (sl = packages/cli/bin/sl, or npx sl)`);
say(`  kafka         ${brokers}${broker ? ` (local broker, log ${broker.logFile})` : ''}`);
say(`  objects       ${objects}`);
say(`  service logs  ${logDir}`);
say('');
say('Try:');
say(`  curl -s -XPOST ${gateway}/v1/mentions -H 'content-type: application/json' \\`);
say(`    -d '{"source":"rss","id":"hello-1","text":"Acme rocks","publishedAt":"${new Date().toISOString()}","author":{"handle":"@me"}}'`);
say(`  ${cliEnv('kafka')}packages/cli/bin/sl topics            (consumer lag per stage)`);
say('  (sl query and sl alerts tail follow once the first rollups are written)');
say('Ctrl-C stops everything.');
say('');

// Consumer lag of the stages, read the way `sl topics` reads it.
const kafka = createKafkaClient({ brokers: brokers.split(','), clientId: 'sl-up', logger: createRootLogger({ service: 'sl-up', level: 'silent' }) });
// Every stage input but mentions.raw is written in transactions (a trailing marker is not lag).
const lagOf = async (group: string, topic: string): Promise<number> =>
  (await consumerLag(kafka, group, `${namespace}${topic}`, { transactionalInput: topic !== 'mentions.raw' })).total;

feed =
  env.SL_DEMO === '0'
    ? undefined
    : startDemoFeed({
        url: `${gateway}/v1/mentions`,
        perSecond: demoRate,
        stateFile: path.join(dataDir, 'demo-feed.json'),
        onProgress: (message) => say(`sl up: ${message}`),
        onError: (message) => say(`sl up: ${message}`),
      });

/** The environment `sl` needs to find this run's broker (kafka) or files (objects), when not the defaults. */
function cliEnv(what: 'kafka' | 'objects'): string {
  const parts: string[] = [];
  if (what === 'kafka' && brokers !== '127.0.0.1:19092') parts.push(`KAFKA_BROKERS=${brokers}`);
  if (what === 'kafka' && namespace !== '') parts.push(`SL_TOPIC_NAMESPACE=${namespace}`);
  if (what === 'objects' && env.SL_DATA_DIR) parts.push(`SL_DATA_DIR=${dataDir}`);
  if (what === 'objects' && s3) parts.push(`S3_ENDPOINT=${s3.endpoint} S3_BUCKET=${s3.bucket} AWS_ACCESS_KEY_ID=${s3.accessKeyId} AWS_SECRET_ACCESS_KEY=${s3.secretAccessKey}`);
  return parts.map((part) => `${part} `).join('');
}

/** One scrape of a /metrics page: samples by name, each with its label text; empty when the service is down. */
async function scrape(url: string): Promise<Array<{ name: string; labels: string; value: number }>> {
  const text = await fetch(url, { signal: AbortSignal.timeout(2_000) })
    .then((r) => r.text())
    .catch(() => '');
  return text
    .split('\n')
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => {
      const match = /^([a-zA-Z_:][\w:]*)(\{[^}]*\})?\s+(\S+)/.exec(line);
      return { name: match?.[1] ?? '', labels: match?.[2] ?? '', value: Number(match?.[3]) };
    });
}

const sum = (samples: Awaited<ReturnType<typeof scrape>>, name: string, label = '') =>
  samples.filter((s) => s.name === name && s.labels.includes(label)).reduce((n, s) => n + (Number.isFinite(s.value) ? s.value : 0), 0);
const ops = (port: number) => `http://127.0.0.1:${port}/metrics`;

/** What the progress line shows per stage: mentions it finished (counter) and what it still has to read (lag). */
const stages = [
  { name: 'gateway', url: `${gateway}/metrics`, metric: 'sl_ingest_mentions_total', label: 'outcome="accepted"' },
  { name: 'enricher', url: ops(enricherOpsPort), metric: 'sl_records_processed_total', group: 'enricher', topic: 'mentions.raw' },
  { name: 'sentiment', url: ops(sentimentOpsPort), metric: 'sl_records_processed_total', group: 'sentiment-worker', topic: 'mentions.enriched' },
  { name: 'aggregation', url: ops(aggregationOpsPort), metric: 'sl_records_processed_total', group: 'aggregation-worker', topic: 'mentions.scored' },
  { name: 'amplification', url: ops(amplificationOpsPort), metric: 'sl_records_processed_total', group: 'amplification-worker', topic: 'mentions.scored' },
] as const;

let last: { at: number; counts: number[] } | undefined;
const alertsSeen = new Map<string, number>();
let rollupsAnnounced = false;
let sampling = false;
progress = setInterval(async () => {
  // A slow scrape (a busy machine) must not pile up behind the next one.
  if (sampling || stopping) return;
  sampling = true;
  try {
    const [samples, archiver, amplification, aggregation] = await Promise.all([
      Promise.all(stages.map((stage) => scrape(stage.url))),
      scrape(ops(archiverOpsPort)),
      scrape(ops(amplificationOpsPort)),
      scrape(ops(aggregationOpsPort)),
    ]);
    const counts = stages.map((stage, i) => sum(samples[i] ?? [], stage.metric, 'label' in stage ? stage.label : ''));
    const lags = await Promise.all(stages.map((stage) => ('group' in stage ? lagOf(stage.group, stage.topic).catch(() => undefined) : Promise.resolve(undefined))));
    const now = Date.now();
    // A restarted service starts its counters from zero: no negative rates.
    const rates = counts.map((count, i) => (last ? Math.max(0, ((count - (last.counts[i] ?? 0)) * 1000) / (now - last.at)) : 0));
    last = { at: now, counts };
    const perStage = stages.map((stage, i) => `${stage.name} ${(rates[i] ?? 0).toFixed(rates[i] !== undefined && rates[i] < 10 ? 1 : 0)}`).join(', ');
    // A commit between the two reads behind a lag figure makes it negative: that is none.
    const lagLine = stages.flatMap((stage, i) => ('group' in stage ? [`${stage.name} ${lags[i] === undefined ? '?' : Math.max(0, lags[i] ?? 0).toLocaleString('en-US')}`] : [])).join(', ');
    const alerts = amplification.filter((s) => s.name === 'sl_alerts_raised_total');
    const restarts = supervisor.services.reduce((n, s) => n + s.restarts, 0);
    const phase = feed ? `demo ${feed.phase === 'backfill' ? 'backfilling' : feed.phase} (${feed.posted.toLocaleString('en-US')} sent)` : 'demo off';
    say(
      `sl up: mentions/s ${perStage} | lag ${lagLine} | alerts ${sum(alerts, 'sl_alerts_raised_total')} | archived ${sum(archiver, 'sl_sink_rows_written_total').toLocaleString('en-US')} | ${phase} | restarts ${restarts}`,
    );
    for (const alert of alerts) {
      const brand = /brand="([^"]*)"/.exec(alert.labels)?.[1] ?? '?';
      const kind = /kind="([^"]*)"/.exec(alert.labels)?.[1] ?? '?';
      const key = `${brand} ${kind}`;
      if (alert.value > (alertsSeen.get(key) ?? 0)) say(`sl up: alert: ${kind} for ${brand} (${alert.value} so far; ${cliEnv('kafka')}packages/cli/bin/sl alerts tail --brand ${brand} --from-beginning)`);
      alertsSeen.set(key, Math.max(alert.value, alertsSeen.get(key) ?? 0));
    }
    if (!rollupsAnnounced && sum(aggregation, 'sl_sink_rows_written_total') > 0) {
      rollupsAnnounced = true;
      say('');
      say('sl up: the first rollups are written. Try:');
      say(`  ${cliEnv('objects')}packages/cli/bin/sl query "SELECT brand, sum(mentions) AS mentions, sum(negative) AS negative FROM rollups WHERE grain = 'day' GROUP BY ALL"`);
      say(`  ${cliEnv('kafka')}packages/cli/bin/sl alerts tail --brand acme   (alerts as they are raised; --from-beginning for earlier ones; docs/alerts.md)`);
      say('');
    }
  } finally {
    sampling = false;
  }
}, 5_000);

async function shutdown(code = 0): Promise<never> {
  if (stopping) process.exit(130);
  stopping = true;
  clearInterval(progress);
  say('sl up: stopping (the archiver flushes what it holds first) ...');
  await feed?.stop();
  if (feed) say(`sl up: demo feed stopped: the gateway accepted ${feed.posted.toLocaleString('en-US')} mentions${feed.failed > 0 ? `, ${feed.failed} were given up on` : ''}`);
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
