// `npm run bench:pipeline`: the whole pipeline's sustained throughput against the broker's
// ceiling measured in the same run on the same machine.
//   1. ceiling: kafkajs producing (batched) and consuming messages of the pipeline's size
//   2. pipeline: mentions POSTed to the gateway as fast as it takes them, through the enricher,
//      sentiment worker, aggregation worker (rollup and conversation files) and amplification
//      worker, each its own process, with the raw archiver beside them; done when every stage has
//      processed every mention and the aggregation worker has committed (its files are written).
// Reports mentions/s, the ratio to the ceiling, each service's peak resident memory, and writes
// bench-results/pipeline.json and .md. Bounded: a fixed count and per-phase time limits.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadBrandsFile } from '@sl/brands';
import { type RawMention, rawMentionContract } from '@sl/contracts';
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
  mentionsRawTopic,
  mentionsScoredTopic,
  renamed,
} from '@sl/kafka';
import { createRootLogger } from '@sl/observability';
import { type ServiceProcess, spawnService, waitFor } from '../support/service-process.ts';

const COUNT = Number(process.env.SL_BENCH_MENTIONS ?? 200_000);
const CEILING_MS = 10_000;
const PIPELINE_LIMIT_MS = Number(process.env.SL_BENCH_LIMIT_SECONDS ?? 240) * 1000;
const IN_FLIGHT = 4;
const PER_REQUEST = 500;

const say = (line: string) => process.stdout.write(`${line}\n`);
const logger = createRootLogger({ service: 'bench', level: 'warn' });
const stamp = Date.now().toString(36);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// Varied texts naming exactly one brand each, so every mention is matched once and none is taken
// for a copy of another.
const WORDS =
  'coffee roast beans grinder espresso latte order delivery parcel box barista morning cafe shop app login refund price taste aroma crema milk foam cup mug kettle filter brew pour cold decaf blend origin subscription courier late early fresh stale bitter sweet smooth strong weak friendly rude helpful slow quick broken shiny new old favourite weekly daily printer software outage update screen battery cable manual warranty store counter queue staff'.split(
    ' ',
  );
const BRAND_WORDS = ['Acme', 'Globex', 'Initech', 'Umbrella Corporation'];
let seed = 7;
const rand = () => {
  seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
  return seed / 2_147_483_648;
};
const salad = (count: number) => Array.from({ length: count }, () => WORDS[Math.floor(rand() * WORDS.length)]).join(' ');
const input = (n: number) => ({
  source: 'bench',
  id: `${stamp}-${n}`,
  text: `${BRAND_WORDS[n % BRAND_WORDS.length]} ${salad(18)} ${n % 3 ? 'really good' : 'pretty bad'}`,
  publishedAt: new Date().toISOString(),
  author: { handle: `user${n % 20_000}`, followers: Math.floor(rand() * 20_000) },
  engagement: { likes: n % 40, shares: n % 5, replies: n % 3 },
});

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
const sample: RawMention = { ...rawMentionContract.decode(rawMentionContract.encode(toRaw(input(0)))) };
const messageBytes = rawMentionContract.encode(sample).length;
const producer = await createIdempotentProducer(kafka);
const sender = createBatchingSender({ sendBatch: (topicMessages) => producer.raw.sendBatch({ acks: -1, topicMessages }).then(() => undefined) });
say(`bench:pipeline: broker ceiling, ${messageBytes}-byte messages, ${CEILING_MS / 1000} s each way ...`);
let produced = 0;
const produceStarted = performance.now();
await Promise.all(
  Array.from({ length: 64 }, async (_, worker) => {
    for (let i = worker; performance.now() - produceStarted < CEILING_MS; i += 64) {
      await sender.send(ceilingTopic.name, [encodeRecord(ceilingTopic, { key: `c-${i}`, value: { ...sample, id: `c-${i}` } })]);
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
await consumer.subscribe({ topic: ceilingTopic.name, fromBeginning: true });
await consumer.run({
  eachBatch: async ({ batch }) => {
    consumed += batch.messages.length;
  },
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
await producer.send(brandsTopic, brands.map((b) => ({ key: b.id, value: b })));

const port = await freePort();
const ops: Record<string, number> = {};
const env = { KAFKA_BROKERS: brokers.join(','), SL_TOPIC_NAMESPACE: namespace, LOG_LEVEL: 'warn', SL_DATA_DIR: path.join(workDir, 'data') };
// The stage to profile (CPU, V8 sampling): where its time goes is printed after the run.
const PROFILED = process.env.SL_BENCH_PROFILE ?? 'enricher';
const profileDir = path.join(workDir, 'profile');
const start = async (name: string, extra: Record<string, string> = {}): Promise<ServiceProcess> => {
  ops[name] = await freePort();
  const profile: Record<string, string> = name === PROFILED ? { NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${profileDir}` } : {};
  return spawnService(name, { ...env, SL_OPS_PORT: String(ops[name]), ...profile, ...extra });
};
const services: Record<string, ServiceProcess> = {
  'ingest-gateway': spawnService('ingest-gateway', { ...env, SL_HTTP_PORT: String(port) }),
  enricher: await start('enricher'),
  'sentiment-worker': await start('sentiment-worker'),
  'aggregation-worker': await start('aggregation-worker', { ROLLUP_FLUSH_INTERVAL_MS: '3000' }),
  'amplification-worker': await start('amplification-worker'),
  'raw-archiver': await start('raw-archiver', { ARCHIVE_FLUSH_INTERVAL_MS: '3000' }),
};
ops['ingest-gateway'] = port;
const gatewayUrl = `http://127.0.0.1:${port}`;
await waitFor('gateway', async () => ((await fetch(`${gatewayUrl}/healthz`).catch(() => undefined))?.ok ? true : undefined), 60_000, () => services['ingest-gateway']?.output() ?? '');
for (const name of Object.keys(services)) {
  await waitFor(name, async () => ((await fetch(`http://127.0.0.1:${ops[name]}/healthz`).catch(() => undefined))?.ok ? true : undefined), 60_000, () => services[name]?.output() ?? '');
}

async function counter(name: string, metric: string, label?: string): Promise<number> {
  const text = await fetch(`http://127.0.0.1:${ops[name]}/metrics`)
    .then((r) => r.text())
    .catch(() => '');
  let total = 0;
  for (const line of text.split('\n')) if (line.startsWith(metric) && (!label || line.includes(label))) total += Number(line.split(' ').at(-1));
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
for (let n = 0; n < COUNT; n += PER_REQUEST) bodies.push(JSON.stringify(Array.from({ length: Math.min(PER_REQUEST, COUNT - n) }, (_, i) => input(n + i))));
const started = performance.now();
let next = 0;
let accepted = 0;
let rejected = 0;
const posting = Promise.all(
  Array.from({ length: IN_FLIGHT }, async () => {
    for (let b = next++; b < bodies.length; b = next++) {
      for (;;) {
        const response = await fetch(`${gatewayUrl}/v1/mentions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: bodies[b] });
        const text = await response.text();
        if (response.status === 429 || response.status >= 500) {
          await sleep(Number(response.headers.get('retry-after') ?? 1) * 1000);
          continue;
        }
        if (response.status === 202) accepted += PER_REQUEST;
        else rejected += PER_REQUEST;
        if (response.status !== 202 && rejected <= PER_REQUEST) say(`bench:pipeline: gateway answered ${response.status}: ${text.slice(0, 200)}`);
        break;
      }
    }
  }),
);
let ingestSeconds = 0;
void posting.then(() => {
  ingestSeconds = (performance.now() - started) / 1000;
});

const stages = ['enricher', 'sentiment-worker', 'amplification-worker'] as const;
const processed: Record<string, number> = {};
/** Seconds from the first POST until a stage had processed every mention. */
const finishedAt: Record<string, number> = {};
let done = false;
let nextProgress = performance.now() + 5_000;
const scored = renamed(mentionsScoredTopic, `${namespace}mentions.scored`);
while (performance.now() - started < PIPELINE_LIMIT_MS) {
  await sleep(500);
  sampleRss();
  for (const name of stages) processed[name] = await counter(name, 'sl_records_processed_total');
  processed['ingest-gateway'] = await counter('ingest-gateway', 'sl_ingest_mentions_total', 'outcome="accepted"');
  processed['aggregation-worker'] = await counter('aggregation-worker', 'sl_sink_rows_written_total');
  for (const [name, count] of Object.entries(processed)) if (count >= COUNT && finishedAt[name] === undefined) finishedAt[name] = (performance.now() - started) / 1000;
  if (performance.now() >= nextProgress) {
    nextProgress += 5_000;
    say(`bench:pipeline: ${Math.round((performance.now() - started) / 1000)} s: ${Object.entries(processed).map(([k, v]) => `${k} ${v}`).join(', ')}`);
  }
  if (ingestSeconds === 0 || stages.some((name) => (processed[name] ?? 0) < COUNT)) continue;
  // Aggregation is done when its group committed the end of mentions.scored: its files are written.
  const lag = await consumerLag(kafka, 'aggregation-worker', scored.name);
  // A transactional writer leaves one commit marker after the last record of each partition.
  if (lag.partitions.every((p) => p.lag <= 1)) {
    done = true;
    break;
  }
}
const pipelineSeconds = (performance.now() - started) / 1000;
const rate = COUNT / pipelineSeconds;

const rows = [
  { case: 'broker ceiling: kafkajs batched produce', perSecond: Math.round(produceRate) },
  { case: 'broker ceiling: kafkajs consume', perSecond: Math.round(consumeRate) },
  { case: 'gateway ingest (accepted into mentions.raw)', perSecond: Math.round(accepted / (ingestSeconds || pipelineSeconds)) },
  { case: `whole pipeline, gateway -> rollup files${done ? '' : ' (DID NOT FINISH in time)'}`, perSecond: Math.round(rate) },
];
const ceiling = Math.min(produceRate, consumeRate);
say('');
say('| case | mentions/s | of ceiling |');
say('|---|---|---|');
for (const row of rows) say(`| ${row.case} | ${row.perSecond} | ${((row.perSecond / ceiling) * 100).toFixed(1)}% |`);
say('');
say(`bench:pipeline: every mention through each stage after (s): ${Object.entries(finishedAt).map(([k, v]) => `${k} ${v.toFixed(1)}`).join(', ')}`);
say('');
say('| service | peak resident memory, MB |');
say('|---|---|');
for (const [name, mb] of Object.entries(peakRss)) say(`| ${name} | ${mb.toFixed(0)} |`);
say(`bench:pipeline: ${COUNT} mentions in ${pipelineSeconds.toFixed(1)} s, ${rejected} rejected; target 20,000/s end to end: ${rate >= 20_000 ? 'met' : 'missed'}`);

const report = { at: new Date().toISOString(), machine: { cpus: os.cpus().length, memoryGiB: Math.round(os.totalmem() / 2 ** 30) }, messageBytes, count: COUNT, seconds: pipelineSeconds, finished: done, rows, stageDoneSeconds: finishedAt, peakRssMb: peakRss };
const outDir = path.join(repoRoot, 'bench-results');
fs.mkdirSync(outDir, { recursive: true });
fs.writeFileSync(path.join(outDir, 'pipeline.json'), `${JSON.stringify(report, null, 2)}\n`);
fs.writeFileSync(
  path.join(outDir, 'pipeline.md'),
  [
    `# Pipeline throughput (${report.at})`,
    '',
    '| case | mentions/s | of ceiling |',
    '|---|---|---|',
    ...rows.map((row) => `| ${row.case} | ${row.perSecond} | ${((row.perSecond / ceiling) * 100).toFixed(1)}% |`),
    '',
    '| service | peak resident memory, MB |',
    '|---|---|',
    ...Object.entries(peakRss).map(([name, mb]) => `| ${name} | ${mb.toFixed(0)} |`),
    '',
  ].join('\n'),
);
say(`bench:pipeline: wrote bench-results/pipeline.json and pipeline.md`);
if (!done) {
  for (const [name, service] of Object.entries(services)) fs.writeFileSync(path.join(outDir, `${name}.log`), service.output());
  say('bench:pipeline: the pipeline did not finish in time; service logs are in bench-results/<service>.log');
}

await producer.disconnect();
await Promise.all(Object.values(services).map((s) => s.stop()));
const hotspots = topSelfTime(profileDir, 12);
if (hotspots.length > 0) {
  say('');
  say(`bench:pipeline: where the ${PROFILED}'s CPU time went (self time, V8 sampling profile):`);
  say('| function | where | share |');
  say('|---|---|---|');
  for (const h of hotspots) say(`| ${h.name} | ${h.where} | ${(h.share * 100).toFixed(1)}% |`);
  fs.writeFileSync(path.join(outDir, 'profile.json'), `${JSON.stringify({ stage: PROFILED, hotspots }, null, 2)}\n`);
}
await broker?.stop();
fs.rmSync(workDir, { recursive: true, force: true });

/** The functions with the most self time in the .cpuprofile files of a folder. */
function topSelfTime(dir: string, count: number): Array<{ name: string; where: string; share: number }> {
  if (!fs.existsSync(dir)) return [];
  const self = new Map<string, number>();
  let total = 0;
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'))) {
    const profile = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as {
      nodes: Array<{ id: number; callFrame: { functionName: string; url: string; lineNumber: number } }>;
      samples: number[];
      timeDeltas: number[];
    };
    const byId = new Map(profile.nodes.map((n) => [n.id, n.callFrame]));
    profile.samples.forEach((id, i) => {
      const frame = byId.get(id);
      const delta = profile.timeDeltas[i] ?? 0;
      if (!frame) return;
      const where = frame.url ? `${frame.url.replace(/^.*\/(node_modules|packages|services)\//, '$1/')}:${frame.lineNumber + 1}` : '(native)';
      const key = `${frame.functionName || '(anonymous)'}\t${where}`;
      self.set(key, (self.get(key) ?? 0) + delta);
      total += delta;
    });
  }
  return [...self]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([key, time]) => {
      const [name = '', where = ''] = key.split('\t');
      return { name, where, share: total > 0 ? time / total : 0 };
    });
}

function toRaw(m: ReturnType<typeof input>): RawMention {
  return {
    id: `${m.source}:${m.id}`,
    source: m.source,
    sourceId: m.id,
    text: m.text,
    title: null,
    url: null,
    lang: null,
    publishedAt: Date.parse(m.publishedAt),
    ingestedAt: Date.now(),
    author: { handle: m.author.handle, name: null, followers: m.author.followers },
    engagement: m.engagement,
    parentId: null,
  };
}
