// `npm run bench`: ingest throughput into mentions.raw, against baselines measured in the same
// run on the same broker. Bounded: each case stops after its count or its time limit.
//   1. baseline: one awaited kafkajs send per mention (what a naive gateway does)
//   2. the batching sender, 64 concurrent callers, no HTTP
//   3. the gateway process over HTTP: 500-mention JSON arrays, 4 requests in flight
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type RawMention, rawMentionContract } from '@sl/contracts';
import { freePort } from '@sl/infra/process';
import { KAFKA_VERSION, startKafkaBroker } from '@sl/infra/kafka';
import { createBatchingSender, createIdempotentProducer, createKafkaClient, ensureTopics, mentionsRawTopic, renamed } from '@sl/kafka';
import { createRootLogger } from '@sl/observability';
import { spawnService, waitFor } from '../support/service-process.ts';

const say = (line: string) => process.stdout.write(`${line}\n`);
const logger = createRootLogger({ service: 'bench', level: 'warn' });
const stamp = Date.now().toString(36);

function mention(n: number): RawMention {
  return {
    id: `bench:${stamp}-${n}`,
    source: 'bench',
    sourceId: `${stamp}-${n}`,
    text: `Acme's new widget is ${n % 2 ? 'great' : 'terrible'} — a typical social post of about two hundred bytes, with a link https://example.org/p/${n} and #acme`,
    title: null,
    url: `https://example.org/p/${n}`,
    lang: 'en',
    publishedAt: Date.now(),
    ingestedAt: Date.now(),
    author: { handle: `@user${n % 1000}`, name: null, followers: n % 5000 },
    engagement: { likes: n % 50, shares: n % 7, replies: n % 3 },
    parentId: null,
  };
}

function mentionJson(n: number) {
  return { source: 'bench', id: `${stamp}-http-${n}`, text: mention(n).text, publishedAt: new Date().toISOString(), author: { handle: `@user${n % 1000}` } };
}

let broker: Awaited<ReturnType<typeof startKafkaBroker>> | undefined;
let brokers = process.env.KAFKA_BROKERS?.split(',');
const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sl-bench-'));
if (!brokers) {
  say('bench: starting a local broker ...');
  broker = await startKafkaBroker({ dataDir: path.join(workDir, 'kafka') });
  brokers = broker.brokers;
}
const kafka = createKafkaClient({ brokers, clientId: 'bench', logger });
const namespace = `bench-${stamp}.`;
const topic = renamed(mentionsRawTopic, `${namespace}${mentionsRawTopic.name}`);
await ensureTopics(kafka, [topic]);
const producer = await createIdempotentProducer(kafka);

interface Result {
  name: string;
  count: number;
  seconds: number;
}
const results: Result[] = [];
async function measure(name: string, run: (deadline: number) => Promise<number>, limitMs: number): Promise<void> {
  const started = performance.now();
  const count = await run(Date.now() + limitMs);
  const seconds = (performance.now() - started) / 1000;
  results.push({ name, count, seconds });
  say(`bench: ${name}: ${count} mentions in ${seconds.toFixed(2)} s = ${Math.round(count / seconds)}/s`);
}

await measure(
  'baseline: one awaited send per mention',
  async (deadline) => {
    let n = 0;
    while (n < 3_000 && Date.now() < deadline) {
      const m = mention(n++);
      await producer.send(topic, [{ key: m.id, value: m }]);
    }
    return n;
  },
  15_000,
);

const sender = createBatchingSender({ sendBatch: (topicMessages) => producer.sendBatch(topicMessages) });
await measure(
  'batching sender, 64 concurrent callers',
  async (deadline) => {
    let n = 0;
    const total = 200_000;
    await Promise.all(
      Array.from({ length: 64 }, async () => {
        while (n < total && Date.now() < deadline) {
          const m = mention(n++);
          await sender.send(topic.name, [{ key: m.id, value: rawMentionContract.encode(m) }]);
        }
      }),
    );
    return n;
  },
  20_000,
);

const port = await freePort();
const gateway = spawnService('ingest-gateway', { KAFKA_BROKERS: brokers.join(','), SL_TOPIC_NAMESPACE: namespace, SL_HTTP_PORT: String(port), LOG_LEVEL: 'warn' });
const url = `http://127.0.0.1:${port}/v1/mentions`;
await waitFor('gateway', async () => ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok ? true : undefined), 60_000, gateway.output);
await measure(
  'gateway over HTTP, 500 per request, 4 in flight',
  async (deadline) => {
    let n = 0;
    const total = 200_000;
    await Promise.all(
      Array.from({ length: 4 }, async () => {
        while (n < total && Date.now() < deadline) {
          const start = n;
          n += 500;
          const body = JSON.stringify(Array.from({ length: 500 }, (_, i) => mentionJson(start + i)));
          const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
          if (response.status !== 202) throw new Error(`gateway answered ${response.status}: ${await response.text()}`);
        }
      }),
    );
    return n;
  },
  20_000,
);
await gateway.stop();
await producer.disconnect();
await broker?.stop();
fs.rmSync(workDir, { recursive: true, force: true });

const baseline = results[0] ? results[0].count / results[0].seconds : 1;
say('');
say('| case | mentions | seconds | mentions/s | vs baseline |');
say('| --- | ---: | ---: | ---: | ---: |');
for (const r of results) {
  const rate = r.count / r.seconds;
  say(`| ${r.name} | ${r.count} | ${r.seconds.toFixed(2)} | ${Math.round(rate)} | ${(rate / baseline).toFixed(1)}x |`);
}
say(`\n(${os.cpus().length} cores, ${os.cpus()[0]?.model ?? 'cpu'}, Node ${process.version}, broker ${process.env.KAFKA_BROKERS ? 'from KAFKA_BROKERS' : `local Kafka ${KAFKA_VERSION} on the same machine`})`);
process.exit(0);
