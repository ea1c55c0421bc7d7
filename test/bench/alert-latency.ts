// `npm run bench:alerts`: how long a mention takes from the gateway to mentions.scored and to its
// alert on alerts.<brand>, at a steady 1,000 mentions/s through every stage on the way (gateway,
// enricher, sentiment worker, amplification worker, each its own process). Twice a second one of
// the mentions is by a well-followed, engaged author, which raises influential_voice once the
// event-time watermark passes it; the delay is measured for those probes. Window alerts: five
// brands with one-minute windows get a public question in each of three consecutive windows; each
// falls due a minute later and is raised when the watermark closes the window after that, and the
// delay from that window's end is measured. Four of the brands have no other traffic, so they
// also show that a quiet brand's windows close on time. Baseline in the same run: a bare
// produce-to-consume round trip on the same broker. Bounded: 30 s of load after a 5 s warm-up,
// then the same load until the window alerts are in (at most 240 s more). Probes sent in the
// first SL_BENCH_STARTUP_SECONDS (30) of load are reported apart: they measure processes and a
// broker still compiling their hot paths, not live traffic.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { alertContract, type ScoredMention, scoredMentionContract } from '@sl/contracts';
import { freePort } from '@sl/infra/process';
import { startKafkaBroker } from '@sl/infra/kafka';
import {
  alertsTopic,
  brandsConfigTopic,
  createIdempotentProducer,
  createKafkaClient,
  ensureTopics,
  isControlMessage,
  mentionsScoredTopic,
  renamed,
} from '@sl/kafka';
import { createRootLogger } from '@sl/observability';
import { brandFixture, enrichedMentionFixture } from '@sl/testkit';
import { type ServiceProcess, spawnService, waitFor } from '../support/service-process.ts';

const RATE = Number(process.env.SL_BENCH_RATE ?? 1000);
const LOAD_MS = Number(process.env.SL_BENCH_SECONDS ?? 30) * 1000;
const WARMUP_MS = 5_000;
const STARTUP_MS = Number(process.env.SL_BENCH_STARTUP_SECONDS ?? 30) * 1000;
const TICK_MS = 50;
const PROBES_PER_SECOND = 2;

const say = (line: string) => process.stdout.write(`${line}\n`);
const logger = createRootLogger({ service: 'bench', level: 'warn' });
const stamp = Date.now().toString(36);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let broker: Awaited<ReturnType<typeof startKafkaBroker>> | undefined;
let brokers = process.env.KAFKA_BROKERS?.split(',');
const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sl-bench-alerts-'));
if (!brokers) {
  say('bench:alerts: starting a local broker ...');
  broker = await startKafkaBroker({ dataDir: path.join(workDir, 'kafka') });
  brokers = broker.brokers;
}
const kafka = createKafkaClient({ brokers, clientId: 'bench-alerts', logger });
const namespace = `bench-alerts-${stamp}.`;
const brandsTopic = renamed(brandsConfigTopic, `${namespace}brands.config`);
const BRANDS = ['acme', 'birch', 'cobalt', 'dune', 'ember'];
const alertTopics = BRANDS.map((id) => renamed(alertsTopic(id), `${namespace}alerts.${id}`));
const scored = renamed(mentionsScoredTopic, `${namespace}mentions.scored`);
const roundTrip = renamed(mentionsScoredTopic, `${namespace}bench.round-trip`);
await ensureTopics(kafka, [brandsTopic, ...alertTopics, scored, roundTrip]);
const producer = await createIdempotentProducer(kafka);
for (const id of BRANDS) {
  const name = id[0]?.toUpperCase() + id.slice(1);
  const brand = brandFixture(id, { name, query: `${id} OR @${id}`, handles: [id] });
  await producer.send(brandsTopic, [
    { key: id, value: { ...brand, alertThresholds: { ...brand.alertThresholds, windowMinutes: 1, questionReplyMinutes: 1 } } },
  ]);
}
/** Windows in which every brand gets one question. */
const QUESTION_WINDOWS = 3;
const QUESTIONS = QUESTION_WINDOWS * BRANDS.length;

const port = await freePort();
// The amplification worker's metrics are read at the end: how many mentions came behind their
// brand's watermark (the produce grace and the live delay are too short when that is not 0).
const amplificationOpsPort = await freePort();
const env = { KAFKA_BROKERS: brokers.join(','), SL_TOPIC_NAMESPACE: namespace, LOG_LEVEL: 'warn', SL_OPS_PORT: '0' };
const services: ServiceProcess[] = [
  spawnService('ingest-gateway', { ...env, SL_HTTP_PORT: String(port) }),
  spawnService('enricher', env),
  spawnService('sentiment-worker', env),
  spawnService('amplification-worker', { ...env, SL_OPS_PORT: String(amplificationOpsPort) }),
];
const gatewayUrl = `http://127.0.0.1:${port}`;
await waitFor(
  'gateway',
  async () => ((await fetch(`${gatewayUrl}/healthz`).catch(() => undefined))?.ok ? true : undefined),
  60_000,
  () => services[0]?.output() ?? '',
);

// Probe authors are unique, so each probe raises its own alert (an author is announced once a day).
const sentAt = new Map<string, number>();
const scoredAt = new Map<string, number>();
const alertedAt = new Map<string, number>();
/** What the pipeline decided about each probe, to explain a probe that raised no alert. */
const probeVerdicts = new Map<string, string>();
const handleOf = (author: string | null) => author?.slice(author.indexOf(':') + 1) ?? '';

const watch = async (topics: string[], onValue: (value: Buffer, receivedAt: number) => void) => {
  const consumer = kafka.consumer({ groupId: `bench-alerts-${topics[0]}-${stamp}`, maxWaitTimeMs: 100 });
  await consumer.connect();
  for (const topic of topics) await consumer.subscribe(topic, { fromBeginning: true });
  await consumer.run(async ({ records }) => {
    for (const message of records) {
      // Watermark ticks on mentions.scored are not mentions.
      if (!isControlMessage(message.headers)) onValue(message.value ?? Buffer.alloc(0), performance.now());
    }
  });
  return consumer;
};
/** Window alerts: how long after its window's end each arrived (wall clock; publishedAt is now). */
const windowDelays: number[] = [];
let questionsRaised = 0;
const consumers = [
  await watch(
    alertTopics.map((t) => t.name),
    (bytes, at) => {
      const alert = alertContract.decode(bytes);
      if (alert.kind === 'influential_voice') alertedAt.set(handleOf(alert.author), at);
      if (alert.kind === 'unanswered_question') {
        questionsRaised += alert.observed;
        windowDelays.push(Date.now() - alert.windowEnd);
      }
    },
  ),
  await watch([scored.name], (bytes, at) => {
    const mention = scoredMentionContract.decode(bytes);
    const handle = mention.author.handle;
    if (!handle.startsWith('probe-')) return;
    scoredAt.set(handle, at);
    probeVerdicts.set(
      handle,
      `id ${mention.id}, duplicate ${mention.isDuplicate}${mention.duplicateOf ? ` of ${mention.duplicateOf}` : ''}, spam ${mention.spamScore.toFixed(2)} (threshold ${mention.spamThreshold ?? 'brand'}; ${mention.spamReasons.join(', ') || 'no reasons'}), near copies read before it ${mention.similarTo?.length ?? 0}, spam before copies ${mention.spamScoreBeforeCopies?.toFixed(2)}, language ${mention.detectedLang}, role ${mention.role}, published ${new Date(mention.publishedAt).toISOString()}`,
    );
  }),
];
// A scored mention of the pipeline's size, for the round-trip baseline.
const sample: ScoredMention = {
  ...enrichedMentionFixture(1, 'acme', { text: 'Acme order 1 arrived on time, nice packaging #acme' }),
  sentiment: { compound: 0.4, label: 'positive', drivers: [] },
};
const roundTrips: number[] = [];
const roundTripSent = new Map<string, number>();
consumers.push(
  await watch([roundTrip.name], (bytes, at) => {
    const id = scoredMentionContract.decode(bytes).id;
    const started = roundTripSent.get(id);
    if (started !== undefined) roundTrips.push(at - started);
  }),
);

// Varied texts: copies and near-copies would be flagged as duplicates and never counted.
const WORDS =
  'coffee roast beans grinder espresso latte order delivery parcel box barista morning cafe shop app login refund price taste aroma crema milk foam cup mug kettle filter brew pour over cold decaf blend single origin subscription courier late early fresh stale bitter sweet smooth strong weak friendly rude helpful slow quick broken shiny new old favourite weekly daily'.split(
    ' ',
  );
const salad = (seed: number, count: number) =>
  Array.from({ length: count }, (_, i) => WORDS[(seed * 7919 + i * 104_729 + ((seed * i) % 97)) % WORDS.length]).join(' ');
/**
 * A probe's own words: `count` different words in an order of their own. Word salad with repeats
 * ("subscription helpful grinder subscription …") reads as spam wording to the enricher, rightly,
 * and about one probe in a thousand scored above the brand's spam threshold and raised nothing.
 */
const distinctWords = (seed: number, count: number) => {
  const pool = [...WORDS];
  let state = (seed * 2_654_435_761 + 1) >>> 0;
  return Array.from({ length: count }, (_, j) => {
    state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0;
    const k = j + (state % (pool.length - j));
    [pool[j], pool[k]] = [pool[k] as string, pool[j] as string];
    return pool[j];
  }).join(' ');
};
let n = 0;
const ordinary = () => {
  n += 1;
  return {
    source: 'bench',
    id: `${stamp}-${n}`,
    text: `Acme ${salad(n, 12)} ${n % 3 ? 'really nice' : 'quite bad'} #acme`,
    publishedAt: new Date().toISOString(),
    author: { handle: `user${n % 5000}`, followers: 50 + (n % 4000) },
    engagement: { likes: n % 9, shares: n % 2, replies: n % 3 },
  };
};
const probe = (i: number) => {
  n += 1;
  return {
    source: 'bench',
    id: `${stamp}-${n}`,
    // Its own words (visit number, distinct words) so no probe is taken for a near-copy of another.
    text: `Tried Acme this morning, visit ${i} of ${stamp}: ${distinctWords(i, 14)}, honestly impressed`,
    publishedAt: new Date().toISOString(),
    author: { handle: `probe-${i}`, followers: 2_000_000 },
    engagement: { likes: 30_000, shares: 2_000, replies: 900 },
  };
};

const question = (i: number, brandId: string) => {
  n += 1;
  return {
    source: 'bench',
    id: `${stamp}-${n}`,
    text: `@${brandId} is order ${stamp}-${i} going to ship this week? ${salad(n, 6)}`,
    publishedAt: new Date().toISOString(),
    author: { handle: `asker-${i}`, followers: 120 },
    engagement: { likes: 0, shares: 0, replies: 0 },
  };
};
let questionsSent = 0;
const postTimes: number[] = [];

say(
  `bench:alerts: ${RATE} mentions/s through gateway, enricher, sentiment and amplification for ${WARMUP_MS / 1000} s warm-up + ${LOAD_MS / 1000} s, then until the window alerts are in ...`,
);
const started = performance.now();
let probes = 0;
let nextProbe = started + WARMUP_MS;
let posted = 0;
let rejected = 0;
let nextProgress = started + 5_000;
let loadSeconds = 0;
const windowsDone = () => questionsRaised >= questionsSent && questionsSent === QUESTIONS;
/** The window the next round of questions goes into: each round in the next one-minute window. */
let questionWindow = 0;
for (
  let tick = 0;
  performance.now() - started < WARMUP_MS + LOAD_MS || (!windowsDone() && performance.now() - started < WARMUP_MS + LOAD_MS + 240_000);
  tick += 1
) {
  const due = started + tick * TICK_MS;
  const wait = due - performance.now();
  if (wait > 0) await sleep(wait);
  const batch: object[] = Array.from({ length: Math.round((RATE * TICK_MS) / 1000) }, ordinary);
  let probeHandle: string | undefined;
  if (performance.now() >= nextProbe) {
    const p = probe(probes);
    probes += 1;
    probeHandle = p.author.handle;
    batch[batch.length - 1] = p;
    nextProbe += 1000 / PROBES_PER_SECOND;
    // After the warm-up, one question per brand in each of QUESTION_WINDOWS consecutive windows.
    const minute = Math.floor(Date.now() / 60_000);
    if (questionsSent < QUESTIONS && minute > questionWindow) {
      questionWindow = minute;
      for (const [index, id] of BRANDS.entries()) batch[index] = question(questionsSent + index, id);
      questionsSent += BRANDS.length;
    }
  }
  const sent = performance.now();
  if (probeHandle) sentAt.set(probeHandle, sent);
  // Round-trip baseline on the same broker, sampled as often as the probes.
  if (probeHandle) {
    const id = `rt-${probes}`;
    roundTripSent.set(id, performance.now());
    void producer.send(roundTrip, [{ key: id, value: { ...sample, id } }]);
  }
  const response = await fetch(`${gatewayUrl}/v1/mentions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(batch),
  });
  if (response.status === 202) posted += batch.length;
  else rejected += batch.length;
  await response.arrayBuffer();
  // The gateway stamps ingestedAt after reading the body and answers once Kafka acknowledged the
  // records: the request's time bounds what SL_PRODUCE_GRACE_MS must cover.
  postTimes.push(performance.now() - sent);
  if (performance.now() >= nextProgress) {
    nextProgress += 5_000;
    say(
      `bench:alerts: ${Math.round((performance.now() - started) / 1000)} s, ${posted} posted, ${probes} probes, ${alertedAt.size} alerts seen`,
    );
  }
}
loadSeconds = (performance.now() - started) / 1000;
const deadline = Date.now() + 20_000;
while ((alertedAt.size < probes || scoredAt.size < probes) && Date.now() < deadline) await sleep(200);

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}
const live = (at: number) => at - started >= STARTUP_MS;
const delays = (arrived: Map<string, number>, when: (at: number) => boolean) =>
  [...sentAt].flatMap(([handle, at]) => (when(at) && arrived.has(handle) ? [(arrived.get(handle) ?? at) - at] : []));
const toScored = delays(scoredAt, live);
const toAlert = delays(alertedAt, live);
const startupToAlert = delays(alertedAt, (at) => !live(at));
// SL_BENCH_TRACE=file keeps every probe's times (ms since the start) for a closer look.
if (process.env.SL_BENCH_TRACE) {
  const lines = [...sentAt].map(([handle, at]) =>
    JSON.stringify({
      handle,
      sent: Math.round(at - started),
      scored: Math.round((scoredAt.get(handle) ?? Number.NaN) - at),
      alerted: Math.round((alertedAt.get(handle) ?? Number.NaN) - at),
    }),
  );
  fs.writeFileSync(process.env.SL_BENCH_TRACE, `${lines.join('\n')}\n`);
}
const row = (name: string, values: number[]) =>
  `| ${name} | ${values.length} | ${percentile(values, 50).toFixed(0)} | ${percentile(values, 99).toFixed(0)} | ${Math.max(...values).toFixed(0)} |`;
say('');
say(
  `bench:alerts: ${posted} mentions accepted in ${loadSeconds.toFixed(1)} s (${Math.round(posted / loadSeconds)}/s, offered ${RATE}/s), ${rejected} rejected`,
);
say('| delay, ms | samples | median | p99 | max |');
say('|---|---|---|---|---|');
say(row('baseline: produce -> consume, same broker', roundTrips));
say(row('POST to the gateway -> acknowledged (bounds stamp -> in the log)', postTimes));
say(row(`gateway -> mentions.scored (probes after the first ${STARTUP_MS / 1000} s)`, toScored));
say(row(`gateway -> per-mention alert (influential_voice, probes after the first ${STARTUP_MS / 1000} s)`, toAlert));
say(row(`start-up: gateway -> per-mention alert, probes of the first ${STARTUP_MS / 1000} s`, startupToAlert));
say(row('window end -> window alert (unanswered_question, 1-min windows, 5 brands)', windowDelays));
say(
  `bench:alerts: alert median ${(percentile(toAlert, 50) / percentile(roundTrips, 50)).toFixed(1)}x the broker round trip; ${probes - toAlert.length - startupToAlert.length} of ${probes} probes without an alert; ${questionsRaised} of ${questionsSent} questions raised as unanswered`,
);
for (const handle of sentAt.keys()) {
  if (!alertedAt.has(handle))
    say(`bench:alerts: ${handle} raised no alert: ${probeVerdicts.get(handle) ?? 'never reached mentions.scored'}`);
}

const metrics = await fetch(`http://127.0.0.1:${amplificationOpsPort}/metrics`)
  .then((r) => r.text())
  .catch(() => '');
const late = metrics
  .split('\n')
  .filter((line) => line.startsWith('sl_amplification_late_mentions_total{'))
  .reduce((sum, line) => sum + Number(line.slice(line.lastIndexOf(' ') + 1)), 0);
say(
  metrics === ''
    ? "bench:alerts: could not read the amplification worker's metrics"
    : `bench:alerts: ${late} mentions arrived behind their brand's watermark (late; 0 means the produce grace and the live delay covered this run)`,
);
// Snapshots are made inside a batch's transaction, so their time is added to that batch's alerts.
const metricSum = (prefix: string) =>
  metrics
    .split('\n')
    .filter((line) => line.startsWith(prefix))
    .reduce((sum, line) => sum + Number(line.slice(line.lastIndexOf(' ') + 1)), 0);
const snapshots = metricSum('sl_state_snapshot_seconds_count');
if (snapshots > 0)
  say(
    `bench:alerts: ${snapshots} state snapshots, ${(metricSum('sl_state_snapshot_bytes_total') / snapshots / 1e6).toFixed(1)} MB and ${((metricSum('sl_state_snapshot_seconds_sum') / snapshots) * 1000).toFixed(0)} ms each on average`,
  );

for (const consumer of consumers) await consumer.disconnect();
await producer.disconnect();
await Promise.all(services.map((s) => s.stop()));
// The services' logs say what held the watermark when alerts were slow (the amplification worker
// names the stage and partitions): kept when asked for.
const logDir = process.env.SL_BENCH_LOG_DIR;
if (logDir) {
  fs.mkdirSync(logDir, { recursive: true });
  for (const [i, name] of ['ingest-gateway', 'enricher', 'sentiment-worker', 'amplification-worker'].entries())
    fs.writeFileSync(path.join(logDir, `${name}.log`), services[i]?.output() ?? '');
  say(`bench:alerts: service logs in ${logDir}`);
}
await broker?.stop();
fs.rmSync(workDir, { recursive: true, force: true });
