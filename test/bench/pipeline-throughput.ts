// `npm run bench:pipeline`: the whole pipeline's sustained throughput against the broker's
// ceiling measured in the same run on the same machine.
//   1. ceiling: kafkajs producing (batched) and consuming messages of the pipeline's size
//   2. pipeline: mentions POSTed to the gateway as fast as it takes them, through the enricher,
//      sentiment worker, aggregation worker (rollup and conversation files) and amplification
//      worker, each its own process, with the raw archiver beside them; done when every stage has
//      processed every mention and the aggregation worker has committed (its files are written).
// Reports mentions/s, the ratio to the ceiling, each process's CPU per mention and peak resident
// memory, the load average, and, with SL_BENCH_PROFILE=all (or the stages named), where each Node
// stage's time went (V8 sampling profiles), and
// writes bench-results/pipeline.json and .md. Bounded: a fixed count and per-phase time limits.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadBrandsFile } from '@sl/brands';
import { createGenerator, type MentionJson } from '@sl/generator';
import { parseMentionInput, type RawMention, rawMentionContract, toRawMention } from '@sl/contracts';
import { startKafkaBroker } from '@sl/infra/kafka';
import { repoRoot } from '@sl/infra/paths';
import { freePort } from '@sl/infra/process';
import {
  alertsTopic,
  brandsConfigTopic,
  consumerLag,
  createBatchingSender,
  createIdempotentProducer,
  createKafkaClient,
  encodeRecord,
  ensureTopics,
  mentionsEnrichedTopic,
  mentionsRawTopic,
  mentionsScoredTopic,
  renamed,
} from '@sl/kafka';
import { createRootLogger } from '@sl/observability';
import { type CpuProfile, summarizeCpuProfiles } from '@sl/testkit/cpu-profile-summary';
import { type ServiceProcess, spawnService, waitFor } from '../support/service-process.ts';

const COUNT = Number(process.env.SL_BENCH_MENTIONS ?? 200_000);
const CEILING_MS = 10_000;
const PIPELINE_LIMIT_MS = Number(process.env.SL_BENCH_LIMIT_SECONDS ?? 240) * 1000;
const IN_FLIGHT = 4;
// USER_HZ: 100 on every Linux this runs on (getconf CLK_TCK).
const CLOCK_TICKS_PER_SECOND = 100;
const PER_REQUEST = 500;

const say = (line: string) => process.stdout.write(`${line}\n`);
const logger = createRootLogger({ service: 'bench', level: 'warn' });
const stamp = Date.now().toString(36);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// Realistic traffic from the demo's generator (several sources, spam, copies, threads, replies
// from the brands' own accounts), compressed in event time: a synthetic word salad over a small
// vocabulary makes a third of all texts near-copies of one another, which no real feed does.
const GENERATED_PER_SECOND = 200;
const generator = createGenerator({ seed: 7, ratePerSecond: GENERATED_PER_SECOND });
const historyStart = Date.now() - Math.ceil((COUNT / GENERATED_PER_SECOND) * 1.5) * 1000;
const mentions: MentionJson[] = [];
for (let from = historyStart; mentions.length < COUNT && from < Date.now(); from += 60_000)
  mentions.push(...generator.history(from, Math.min(from + 60_000, Date.now())));
mentions.length = Math.min(mentions.length, COUNT);
if (mentions.length < COUNT) throw new Error(`the generator gave ${mentions.length} mentions, fewer than ${COUNT}`);

let broker: Awaited<ReturnType<typeof startKafkaBroker>> | undefined;
let brokers = process.env.KAFKA_BROKERS?.split(',');
const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sl-bench-pipeline-'));
if (!brokers) {
  say('bench:pipeline: starting a local broker ...');
  broker = await startKafkaBroker({ dataDir: path.join(workDir, 'kafka') });
  brokers = broker.brokers;
}
const kafka = createKafkaClient({ brokers, clientId: 'bench-pipeline', logger });
const namespace = `bench-pipeline-${stamp}.`;

// 1. The ceiling: the same broker, messages of the pipeline's size, kafkajs on both ends.
const ceilingTopic = renamed(mentionsRawTopic, `${namespace}ceiling`);
await ensureTopics(kafka, [ceilingTopic]);
const samples: RawMention[] = mentions.slice(0, 1000).map(toRaw);
const messageBytes = Math.round(samples.reduce((sum, m) => sum + rawMentionContract.encode(m).length, 0) / samples.length);
const producer = await createIdempotentProducer(kafka);
const sender = createBatchingSender({
  sendBatch: (topicMessages) => producer.sendBatch(topicMessages),
});
say(`bench:pipeline: broker ceiling, messages of ${messageBytes} bytes on average, ${CEILING_MS / 1000} s each way ...`);
let produced = 0;
const produceStarted = performance.now();
await Promise.all(
  Array.from({ length: 64 }, async (_, worker) => {
    for (let i = worker; performance.now() - produceStarted < CEILING_MS; i += 64) {
      await sender.send(ceilingTopic.name, [
        encodeRecord(ceilingTopic, { key: `c-${i}`, value: { ...(samples[i % samples.length] as RawMention), id: `c-${i}` } }),
      ]);
      produced += 1;
    }
  }),
);
const produceSeconds = (performance.now() - produceStarted) / 1000;
await sender.flush();
const consumer = kafka.consumer({ groupId: `bench-ceiling-${stamp}`, maxBytes: 50 * 1024 * 1024 });
let consumed = 0;
const consumeStarted = performance.now();
await consumer.connect();
await consumer.subscribe(ceilingTopic.name, { fromBeginning: true });
await consumer.run(async (batch) => {
  consumed += batch.records.length;
});
while (consumed < produced && performance.now() - consumeStarted < CEILING_MS * 3) await sleep(50);
const consumeSeconds = (performance.now() - consumeStarted) / 1000;
await consumer.disconnect();
const produceRate = produced / produceSeconds;
const consumeRate = consumed / consumeSeconds;
say(`bench:pipeline: produce ${Math.round(produceRate)}/s, consume ${Math.round(consumeRate)}/s`);

// 2. The pipeline.
const brandsTopic = renamed(brandsConfigTopic, `${namespace}brands.config`);
const brands = await loadBrandsFile(path.join(repoRoot, 'examples', 'brands.yaml'));
await ensureTopics(kafka, [brandsTopic, ...brands.map((b) => renamed(alertsTopic(b.id), `${namespace}alerts.${b.id}`))]);
await producer.send(
  brandsTopic,
  brands.map((b) => ({ key: b.id, value: b })),
);

const port = await freePort();
const ops: Record<string, number> = {};
const env = { KAFKA_BROKERS: brokers.join(','), SL_TOPIC_NAMESPACE: namespace, LOG_LEVEL: 'warn', SL_DATA_DIR: path.join(workDir, 'data') };
// No stage runs under V8's sampling profiler unless SL_BENCH_PROFILE asks ('all', or a comma-separated
// list of services): where each one's time went is then printed after the run. Off by default
// because the profiler is not free: it costs CPU in every process it samples and holds its samples
// and code maps in the process's memory, so the figures the run reports (CPU per mention, peak
// resident memory) are the services' own only without it (docs/performance.md).
const profileSetting = process.env.SL_BENCH_PROFILE ?? 'none';
// Kept after the run (bench-results/profiles/<service>/*.cpuprofile) to open in a profiler.
const profileDir = path.join(repoRoot, 'bench-results', 'profiles');
fs.rmSync(profileDir, { recursive: true, force: true });
const profiles = (name: string): boolean =>
  profileSetting === 'all' || (profileSetting !== 'none' && profileSetting.split(',').includes(name));
const start = async (name: string, extra: Record<string, string> = {}): Promise<ServiceProcess> => {
  ops[name] ??= await freePort();
  const profile: Record<string, string> = profiles(name)
    ? { NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${path.join(profileDir, name)}` }
    : {};
  return spawnService(name, { ...env, SL_OPS_PORT: String(ops[name]), ...profile, ...extra });
};
// The gateway's /healthz and /metrics are on its HTTP port.
ops['ingest-gateway'] = port;
const services: Record<string, ServiceProcess> = {
  'ingest-gateway': await start('ingest-gateway', { SL_HTTP_PORT: String(port) }),
  enricher: await start('enricher'),
  'sentiment-worker': await start('sentiment-worker'),
  'aggregation-worker': await start('aggregation-worker', { ROLLUP_FLUSH_INTERVAL_MS: '3000' }),
  // SL_BENCH_AMP_HOLD_MS: a longer backfill hold for this worker only, for a dedicated measurement
  // of the release coming at once after every upstream stage is done (the worker's default: 60 s).
  'amplification-worker': await start(
    'amplification-worker',
    process.env.SL_BENCH_AMP_HOLD_MS ? { SL_BACKFILL_HOLD_MS: process.env.SL_BENCH_AMP_HOLD_MS } : {},
  ),
  'raw-archiver': await start('raw-archiver', { ARCHIVE_FLUSH_INTERVAL_MS: '3000' }),
};
const profiled = Object.keys(services).filter(profiles);
const gatewayUrl = `http://127.0.0.1:${port}`;
await waitFor(
  'gateway',
  async () => ((await fetch(`${gatewayUrl}/healthz`).catch(() => undefined))?.ok ? true : undefined),
  60_000,
  () => services['ingest-gateway']?.output() ?? '',
);
for (const name of Object.keys(services)) {
  await waitFor(
    name,
    async () => ((await fetch(`http://127.0.0.1:${ops[name]}/healthz`).catch(() => undefined))?.ok ? true : undefined),
    60_000,
    () => services[name]?.output() ?? '',
  );
}

/** CPU seconds (user + system) each service and the broker have used so far, from /proc. */
function cpuSecondsByProcess(): Record<string, number> {
  const pids: Record<string, number | undefined> = {
    broker: broker?.pid,
    ...Object.fromEntries(Object.entries(services).map(([name, s]) => [name, s.child.pid])),
  };
  const seconds: Record<string, number> = {};
  for (const [name, pid] of Object.entries(pids)) {
    if (pid === undefined) continue;
    try {
      // Fields after the command's closing parenthesis; utime and stime are the 12th and 13th.
      const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
      seconds[name] = (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND;
    } catch {
      // Gone: no figure.
    }
  }
  return seconds;
}

async function counter(name: string, metric: string, label?: string): Promise<number> {
  const text = await fetch(`http://127.0.0.1:${ops[name]}/metrics`)
    .then((r) => r.text())
    .catch(() => '');
  let total = 0;
  for (const line of text.split('\n'))
    if (line.startsWith(metric) && (!label || line.includes(label))) total += Number(line.split(' ').at(-1));
  return total;
}

const peakRss: Record<string, number> = {};
const sampleRss = () => {
  for (const [name, service] of Object.entries(services)) {
    const pid = service.child.pid;
    if (pid === undefined) continue;
    try {
      const kb = Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
      peakRss[name] = Math.max(peakRss[name] ?? 0, kb / 1024);
    } catch {
      // The process is gone; its peak so far stands.
    }
  }
};

say(`bench:pipeline: ${COUNT} mentions through the gateway, ${IN_FLIGHT} requests of ${PER_REQUEST} in flight ...`);
const bodies: string[] = [];
for (let n = 0; n < COUNT; n += PER_REQUEST)
  bodies.push(JSON.stringify(Array.from({ length: Math.min(PER_REQUEST, COUNT - n) }, (_, i) => mentions[n + i])));
const started = performance.now();
let next = 0;
let accepted = 0;
let rejected = 0;
const posting = Promise.all(
  Array.from({ length: IN_FLIGHT }, async () => {
    for (let b = next++; b < bodies.length; b = next++) {
      for (;;) {
        const response = await fetch(`${gatewayUrl}/v1/mentions`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: bodies[b],
        });
        const text = await response.text();
        if (response.status === 429 || response.status >= 500) {
          await sleep(Number(response.headers.get('retry-after') ?? 1) * 1000);
          continue;
        }
        if (response.status === 202) accepted += PER_REQUEST;
        else rejected += PER_REQUEST;
        if (response.status !== 202 && rejected <= PER_REQUEST)
          say(`bench:pipeline: gateway answered ${response.status}: ${text.slice(0, 200)}`);
        break;
      }
    }
  }),
);
let ingestSeconds = 0;
void posting.then(() => {
  ingestSeconds = (performance.now() - started) / 1000;
});

// Each stage is done when everything upstream is done and its group has committed the end of its
// input. A transactional writer leaves a commit marker after its last record in each partition,
// so a group reading a transactional topic is done one offset short of the end.
const enriched = renamed(mentionsEnrichedTopic, `${namespace}mentions.enriched`);
const scored = renamed(mentionsScoredTopic, `${namespace}mentions.scored`);
const rawTopic = renamed(mentionsRawTopic, `${namespace}mentions.raw`);
const stages = [
  { name: 'enricher', topic: rawTopic.name, upstream: 'ingest-gateway', marker: 0 },
  { name: 'raw-archiver', topic: rawTopic.name, upstream: 'ingest-gateway', marker: 0 },
  { name: 'sentiment-worker', topic: enriched.name, upstream: 'enricher', marker: 1 },
  { name: 'amplification-worker', topic: scored.name, upstream: 'sentiment-worker', marker: 1 },
  { name: 'aggregation-worker', topic: scored.name, upstream: 'sentiment-worker', marker: 1 },
] as const;
const processed: Record<string, number> = {};
/** Seconds from the first POST until a stage had processed every mention. */
const finishedAt: Record<string, number> = {};
const cpuAtStart = cpuSecondsByProcess();
const loadAtStart = os.loadavg().map((l) => Number(l.toFixed(2)));
let done = false;
let nextProgress = performance.now() + 5_000;
while (performance.now() - started < PIPELINE_LIMIT_MS) {
  await sleep(500);
  sampleRss();
  for (const { name } of stages)
    processed[name] = await counter(name, name === 'aggregation-worker' ? 'sl_sink_rows_written_total' : 'sl_records_processed_total');
  processed['ingest-gateway'] = await counter('ingest-gateway', 'sl_ingest_mentions_total', 'outcome="accepted"');
  const elapsed = (performance.now() - started) / 1000;
  if (ingestSeconds > 0) finishedAt['ingest-gateway'] ??= ingestSeconds;
  for (const stage of stages) {
    if (finishedAt[stage.name] !== undefined || finishedAt[stage.upstream] === undefined) continue;
    const lag = await consumerLag(kafka, stage.name, stage.topic);
    if (lag.partitions.every((p) => p.lag <= stage.marker)) finishedAt[stage.name] = elapsed;
  }
  if (performance.now() >= nextProgress) {
    nextProgress += 5_000;
    say(
      `bench:pipeline: ${Math.round(elapsed)} s: processed ${Object.entries(processed)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')}`,
    );
  }
  if (stages.every((stage) => finishedAt[stage.name] !== undefined)) {
    done = true;
    break;
  }
}
// Records per batch is records per commit: a transactional stage pays a whole transaction per batch.
const recordsPerBatch: Record<string, number> = {};
for (const { name } of stages) {
  const batches = await counter(name, 'sl_batches_processed_total', `stage="${name}"`);
  const records = await counter(name, 'sl_records_processed_total', `stage="${name}"`);
  if (batches > 0) recordsPerBatch[name] = Number((records / batches).toFixed(1));
}
const cpuSpent = Object.fromEntries(
  Object.entries(cpuSecondsByProcess()).map(([name, seconds]) => [name, seconds - (cpuAtStart[name] ?? 0)]),
);
const pipelineSeconds = (performance.now() - started) / 1000;
const loadAtEnd = os.loadavg().map((l) => Number(l.toFixed(2)));
const loadLine = `load average (1, 5, 15 min) ${loadAtStart.join(', ')} at the start of the pipeline run, ${loadAtEnd.join(', ')} at its end`;
const rate = COUNT / pipelineSeconds;

const rows = [
  { case: 'broker ceiling: kafkajs batched produce', perSecond: Math.round(produceRate) },
  { case: 'broker ceiling: kafkajs consume', perSecond: Math.round(consumeRate) },
  { case: 'gateway ingest (accepted into mentions.raw)', perSecond: Math.round(accepted / (ingestSeconds || pipelineSeconds)) },
  { case: `whole pipeline, gateway -> rollup files${done ? '' : ' (DID NOT FINISH in time)'}`, perSecond: Math.round(rate) },
];
const ceiling = Math.min(produceRate, consumeRate);
const totalCpu = Object.values(cpuSpent).reduce((sum, seconds) => sum + seconds, 0);
// The amplification worker holds a backfill until its hold expires, which may come after every
// stage has processed every mention: its peak memory is that release, so the run waits for it
// (every brand's waiting mentions judged, the transactions committed), sampling memory, before the
// table. Not counted in the pipeline's time or CPU above; its own CPU is printed apart.
const RELEASE_LIMIT_MS = 600_000;
const releaseStarted = performance.now();
const pendingMentions = () => counter('amplification-worker', 'sl_amplification_pending_mentions');
const ampCpuBefore = cpuSecondsByProcess()['amplification-worker'] ?? 0;
while (performance.now() - releaseStarted < RELEASE_LIMIT_MS) {
  sampleRss();
  if (
    (await pendingMentions()) === 0 &&
    (await consumerLag(kafka, 'amplification-worker', scored.name)).partitions.every((p) => p.lag <= 1)
  )
    break;
  await sleep(500);
}
// The release's last transaction and snapshot settle for a few seconds more.
for (let n = 0; n < 10; n += 1) {
  sampleRss();
  await sleep(500);
}
const releaseLine = `amplification worker's release after the run: waited ${((performance.now() - releaseStarted) / 1000).toFixed(1)} s, its CPU ${((cpuSecondsByProcess()['amplification-worker'] ?? 0) - ampCpuBefore).toFixed(1)} s, mentions still waiting ${await pendingMentions()}`;
// Where the machine's time went: every process's CPU over the pipeline run, per mention and as a
// share of all of it (two cores give at most 2 CPU-seconds a second).
const processRows = Object.keys({ ...cpuSpent, ...peakRss }).map((name) => ({
  process: name,
  peakRssMb: peakRss[name] === undefined ? null : Math.round(peakRss[name]),
  cpuSeconds: Number((cpuSpent[name] ?? 0).toFixed(1)),
  cpuMicrosPerMention: Math.round(((cpuSpent[name] ?? 0) / COUNT) * 1e6),
  cpuShare: totalCpu > 0 ? (cpuSpent[name] ?? 0) / totalCpu : 0,
}));
const caseTable = [
  '| case | mentions/s | of ceiling |',
  '|---|---|---|',
  ...rows.map((row) => `| ${row.case} | ${row.perSecond} | ${((row.perSecond / ceiling) * 100).toFixed(1)}% |`),
];
const processTable = [
  '| process | peak resident memory, MB | CPU s | CPU µs per mention | share of CPU |',
  '|---|---|---|---|---|',
  ...processRows.map(
    (r) => `| ${r.process} | ${r.peakRssMb ?? '-'} | ${r.cpuSeconds} | ${r.cpuMicrosPerMention} | ${(r.cpuShare * 100).toFixed(1)}% |`,
  ),
];
const stageLine = `every mention through each stage after (s): ${Object.entries(finishedAt)
  .map(([k, v]) => `${k} ${v.toFixed(1)}`)
  .join(', ')}`;
const batchLine = `records per batch (per commit): ${Object.entries(recordsPerBatch)
  .map(([k, v]) => `${k} ${v}`)
  .join(', ')}`;
const cpuLine = `CPU used: ${totalCpu.toFixed(1)} s in ${pipelineSeconds.toFixed(1)} s on ${os.cpus().length} cores (${((totalCpu / pipelineSeconds / os.cpus().length) * 100).toFixed(0)}% busy), ${Math.round((totalCpu / COUNT) * 1e6)} µs per mention in all`;
say('');
for (const line of caseTable) say(line);
say('');
say(`bench:pipeline: ${stageLine}`);
say(`bench:pipeline: ${batchLine}`);
say(`bench:pipeline: ${releaseLine}`);
say(`bench:pipeline: ${cpuLine}`);
say(`bench:pipeline: ${loadLine}; profiled: ${profiled.join(', ') || 'none'}`);
say('');
for (const line of processTable) say(line);
say(
  `bench:pipeline: ${COUNT} mentions in ${pipelineSeconds.toFixed(1)} s, ${rejected} rejected; target 20,000/s end to end: ${rate >= 20_000 ? 'met' : 'missed'}`,
);

await producer.disconnect();
await Promise.all(Object.values(services).map((s) => s.stop()));
// Written when each process exits; one file per process (a service's worker threads, if any, add theirs).
const stageProfiles = profiled.map((name) => {
  const dir = path.join(profileDir, name);
  const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.cpuprofile')) : [];
  const summary = summarizeCpuProfiles(
    files.map((f) => JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) as CpuProfile),
    12,
  );
  return { process: name, cpuMicrosPerMention: processRows.find((r) => r.process === name)?.cpuMicrosPerMention ?? 0, ...summary };
});
const profileLines: string[] = [];
for (const p of stageProfiles) {
  if (p.busyMicros === 0) {
    profileLines.push(`### ${p.process}: no profile written`, '');
    continue;
  }
  // The profile samples the main thread over the process's whole life; its shares of busy time,
  // applied to the CPU the process used during the run, give an estimate per mention.
  const perMention = (share: number) => (share * p.cpuMicrosPerMention).toFixed(1);
  profileLines.push(
    `### ${p.process}: ${p.cpuMicrosPerMention} µs CPU per mention; main thread idle ${((p.idleMicros / p.totalMicros) * 100).toFixed(0)}% of its life`,
    '',
    '| code (self time, builtins charged to their caller) | share of busy time | ≈ µs per mention |',
    '|---|---:|---:|',
    ...p.groups.filter((g) => g.share >= 0.005).map((g) => `| ${g.name} | ${(g.share * 100).toFixed(1)}% | ${perMention(g.share)} |`),
    '',
    '| function (self time) | share of busy time | ≈ µs per mention |',
    '|---|---:|---:|',
    ...p.functions.map((f) => `| ${f.name.replaceAll('|', '\\|')} | ${(f.share * 100).toFixed(1)}% | ${perMention(f.share)} |`),
    '',
  );
}
if (profileLines.length > 0) {
  say('');
  say(`bench:pipeline: where each stage's time went (V8 sampling profiles, SL_BENCH_PROFILE=${profileSetting}):`);
  say('');
  for (const line of profileLines) say(line);
}

const report = {
  at: new Date().toISOString(),
  machine: { cpus: os.cpus().length, memoryGiB: Math.round(os.totalmem() / 2 ** 30) },
  loadAverage: { atStart: loadAtStart, atEnd: loadAtEnd },
  profiled,
  messageBytes,
  count: COUNT,
  seconds: pipelineSeconds,
  finished: done,
  rows,
  stageDoneSeconds: finishedAt,
  recordsPerBatch,
  cpuSeconds: totalCpu,
  processes: processRows,
  profiles: stageProfiles,
};
const outDir = path.join(repoRoot, 'bench-results');
fs.mkdirSync(outDir, { recursive: true });
fs.writeFileSync(path.join(outDir, 'pipeline.json'), `${JSON.stringify(report, null, 2)}\n`);
fs.writeFileSync(
  path.join(outDir, 'pipeline.md'),
  [
    `# Pipeline throughput (${report.at})`,
    '',
    `${COUNT} generated mentions of ${messageBytes} bytes on average; ${loadLine}; profiled: ${profiled.join(', ') || 'none'}.`,
    '',
    ...caseTable,
    '',
    stageLine,
    '',
    batchLine,
    '',
    releaseLine,
    '',
    cpuLine,
    '',
    ...processTable,
    '',
    ...(profileLines.length > 0 ? ["## Where each stage's time went", '', ...profileLines] : []),
  ].join('\n'),
);
say(`bench:pipeline: wrote bench-results/pipeline.json and pipeline.md`);
if (!done) {
  for (const [name, service] of Object.entries(services)) fs.writeFileSync(path.join(outDir, `${name}.log`), service.output());
  say('bench:pipeline: the pipeline did not finish in time; service logs are in bench-results/<service>.log');
}
await broker?.stop();
fs.rmSync(workDir, { recursive: true, force: true });

function toRaw(m: MentionJson): RawMention {
  const parsed = parseMentionInput(m);
  if (!parsed.ok) throw new Error(`the generator made a mention the gateway would refuse: ${JSON.stringify(parsed.issues)}`);
  return toRawMention(parsed.value, Date.now());
}
