// The runner as a real process against the real broker: a local blog (posts + Atom comments) goes
// through the rss connector into a namespaced mentions.raw; the malformed post lands in
// mentions.raw.dlq with its reason; connectors.checkpoints holds the final position; SIGTERM exits 0.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { connectorCheckpointsTopic } from '@sl/connector-sdk';
import { type FixtureServer, startFixtureServer } from '@sl/connector-sdk/conformance';
import { deadLetterContract, type RawMention, rawMentionContract } from '@sl/contracts';
import { createKafkaClient, type KafkaClient, readLatestByKey, renamed } from '@sl/kafka';
import { testLogger, uniqueName } from '@sl/testkit';
import '@sl/testkit/provided';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

const posts = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:slash="http://purl.org/rss/1.0/modules/slash/">
<channel><title>Acme Watch</title><link>https://watch.example</link><language>en</language>
  <item><title>Acme anvils, one year on</title><link>https://watch.example/anvils/</link><guid isPermaLink="false">https://watch.example/?p=1</guid>
    <dc:creator>Wile E.</dc:creator><pubDate>Mon, 24 Nov 2025 09:30:00 +0000</pubDate><description>&lt;p&gt;Still heavy.&lt;/p&gt;</description><slash:comments>1</slash:comments></item>
  <item><title>Broken</title><link>https://watch.example/broken/</link><guid isPermaLink="false">https://watch.example/?p=2</guid>
    <dc:creator>Wile E.</dc:creator><pubDate>not a date</pubDate><description>x</description></item>
  <item><title>Acme skates recall</title><link>https://watch.example/recall/</link><guid isPermaLink="false">https://watch.example/?p=3</guid>
    <dc:creator>Road Runner</dc:creator><pubDate>Tue, 25 Nov 2025 10:00:00 +0000</pubDate><description>Beep.</description></item>
</channel></rss>`;

const comments = `<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xmlns:thr="http://purl.org/syndication/thread/1.0">
  <title>Comments on Acme Watch</title><id>https://watch.example/comments/atom/</id><updated>2025-11-25T00:00:00Z</updated>
  <entry><id>https://watch.example/?p=1#comment-1</id><title>By: Daffy</title>
    <link rel="alternate" href="https://watch.example/anvils/#comment-1"/><author><name>Daffy</name></author>
    <published>2025-11-24T10:00:00Z</published><thr:in-reply-to ref="https://watch.example/?p=1"/>
    <content type="html">&lt;p&gt;Mine cracked.&lt;/p&gt;</content></entry>
</feed>`;

const runnerMain = fileURLToPath(new URL('../src/main.ts', import.meta.url));
const logger = testLogger();
let kafka: KafkaClient;
let server: FixtureServer;

async function readTopic(topic: string, expected: number, timeoutMs = 30_000) {
  const consumer = kafka.consumer({ groupId: uniqueName('reader') });
  const seen: Array<{ key: string | null; value: Buffer; headers: Record<string, string> }> = [];
  await consumer.connect();
  await consumer.subscribe(topic, { fromBeginning: true });
  const done = new Promise<void>((resolve) => {
    void consumer.run(async ({ records }) => {
      for (const message of records) {
        const headers = Object.fromEntries(Object.entries(message.headers ?? {}).map(([k, v]) => [k, String(v)]));
        seen.push({ key: message.key?.toString() ?? null, value: message.value ?? Buffer.alloc(0), headers });
        if (seen.length >= expected) resolve();
      }
    });
  });
  await Promise.race([done, new Promise((resolve) => setTimeout(resolve, timeoutMs))]);
  // A short extra wait would show a duplicate; the count below must stay exact.
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  await consumer.disconnect();
  return seen;
}

async function waitForLog(child: ChildProcess, output: () => string, pattern: RegExp, timeoutMs = 60_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const line = output().split('\n').find((l) => pattern.test(l));
    if (line) return line;
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`no log line matching ${pattern}:\n${output().slice(-4_000)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

beforeAll(async () => {
  kafka = createKafkaClient({ brokers: inject('kafkaBrokers'), clientId: 'connector-runner-int-test', logger });
  server = await startFixtureServer(({ url }) =>
    url.pathname === '/feed/'
      ? { headers: { 'content-type': 'application/rss+xml' }, body: posts }
      : url.pathname === '/comments/atom/'
        ? { headers: { 'content-type': 'application/atom+xml' }, body: comments }
        : { status: 404, body: 'not found' },
  );
});

afterAll(async () => {
  await server?.close();
});

describe('connector-runner', () => {
  it('runs a feed into mentions.raw, dead-letters the malformed item and checkpoints the final position', async () => {
    const namespace = `${uniqueName('cr')}.`;
    const folder = mkdtempSync(path.join(tmpdir(), 'connector-runner-'));
    const file = path.join(folder, 'connectors.yaml');
    writeFileSync(
      file,
      [
        'connectors:',
        '  - name: acme-watch',
        '    kind: rss',
        '    pollIntervalSeconds: 3600',
        '    config:',
        `      feeds: ["${server.url}/feed/", "${server.url}/comments/atom/"]`,
        '      batchSize: 2',
      ].join('\n'),
    );
    let output = '';
    const child = spawn(process.execPath, [runnerMain], {
      env: { ...process.env, KAFKA_BROKERS: inject('kafkaBrokers').join(','), SL_TOPIC_NAMESPACE: namespace, SL_CONNECTORS_FILE: file, SL_OPS_PORT: '0', LOG_LEVEL: 'info' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    const exited = new Promise<number | string>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')));
    try {
      const started = JSON.parse(await waitForLog(child, () => output, /connector runner started/)) as { opsPort: number };
      const finished = JSON.parse(await waitForLog(child, () => output, /connector run finished/)) as Record<string, unknown>;
      expect(finished).toMatchObject({ connector: 'acme-watch', outcome: 'completed', batches: 3, accepted: 3, rejected: 1 });

      const metrics = await (await fetch(`http://127.0.0.1:${started.opsPort}/metrics`)).text();
      expect(metrics).toMatch(/sl_connector_mentions_total\{[^}]*connector="acme-watch"[^}]*outcome="accepted"[^}]*\} 3/);
      const health = (await (await fetch(`http://127.0.0.1:${started.opsPort}/healthz`)).json()) as { status: string };
      expect(health.status).toBe('ok');
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);

    const raw = await readTopic(`${namespace}mentions.raw`, 3);
    const mentions = raw.map((m) => rawMentionContract.decode(m.value));
    expect(raw.map((m) => m.key).sort()).toEqual(mentions.map((m) => m.id).sort());
    const expected: Array<Omit<RawMention, 'ingestedAt'>> = [
      {
        id: 'rss:https://watch.example/?p=1',
        source: 'rss',
        sourceId: 'https://watch.example/?p=1',
        text: 'Still heavy.',
        title: 'Acme anvils, one year on',
        url: 'https://watch.example/anvils/',
        lang: 'en',
        publishedAt: Date.parse('2025-11-24T09:30:00Z'),
        author: { handle: 'Wile E.', name: null, followers: null },
        engagement: { likes: 0, shares: 0, replies: 1 },
        parentId: null,
      },
      {
        id: 'rss:https://watch.example/?p=3',
        source: 'rss',
        sourceId: 'https://watch.example/?p=3',
        text: 'Beep.',
        title: 'Acme skates recall',
        url: 'https://watch.example/recall/',
        lang: 'en',
        publishedAt: Date.parse('2025-11-25T10:00:00Z'),
        author: { handle: 'Road Runner', name: null, followers: null },
        engagement: { likes: 0, shares: 0, replies: 0 },
        parentId: null,
      },
      {
        id: 'rss:https://watch.example/?p=1#comment-1',
        source: 'rss',
        sourceId: 'https://watch.example/?p=1#comment-1',
        text: 'Mine cracked.',
        // A comment's feed title ("By: Daffy") is the blog's, not what was said.
        title: null,
        url: 'https://watch.example/anvils/#comment-1',
        lang: null,
        publishedAt: Date.parse('2025-11-24T10:00:00Z'),
        author: { handle: 'Daffy', name: null, followers: null },
        engagement: { likes: 0, shares: 0, replies: 0 },
        parentId: 'https://watch.example/?p=1',
      },
    ];
    const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : 1);
    expect(mentions.map(({ ingestedAt: _, ...rest }) => rest).sort(byId)).toEqual(expected.sort(byId));

    const dead = await readTopic(`${namespace}mentions.raw.dlq`, 1);
    expect(dead).toHaveLength(1);
    const letter = deadLetterContract.decode(dead[0]?.value ?? Buffer.alloc(0));
    expect(letter).toMatchObject({ errorCode: 'INVALID_MENTION', stage: 'connector:acme-watch', partition: -1 });
    expect(letter.error).toMatch(/^publishedAt: expected an ISO 8601 date-time/);
    expect(dead[0]?.key).toBe('rss:https://watch.example/?p=2');

    const checkpoints = await readLatestByKey(kafka, renamed(connectorCheckpointsTopic, `${namespace}connectors.checkpoints`));
    expect(checkpoints.values.get('acme-watch')).toMatchObject({
      connector: 'acme-watch',
      kind: 'rss',
      position: {
        feeds: {
          [`${server.url}/feed/`]: { publishedMs: Date.parse('2025-11-25T10:00:00Z'), id: 'https://watch.example/?p=3' },
          [`${server.url}/comments/atom/`]: { publishedMs: Date.parse('2025-11-24T10:00:00Z'), id: 'https://watch.example/?p=1#comment-1' },
        },
      },
    });
  });
});
