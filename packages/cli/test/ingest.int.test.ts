// sl ingest against the real ingest gateway (its own process, as `sl up` runs it) and the real
// broker: good lines reach mentions.raw exactly once each, bad ones are reported by line with
// the gateway's own reasons, and the summary and exit codes are exact.
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createKafkaClient, mentionsRawTopic, readLatestByKey, renamed } from '@sl/kafka';
import { testLogger, uniqueName } from '@sl/testkit';
import '@sl/testkit/provided';
import { afterAll, beforeAll, beforeEach, expect, inject, it, vi } from 'vitest';
import { commands, runCli } from '../src/index.ts';
import { repoRoot } from '../src/repo-root.ts';

const token = `sl-cli-test-${uniqueName('token')}`;
const namespace = `${uniqueName('cli-ingest')}.`;
let gateway: ChildProcess | undefined;
let gatewayUrl = '';
let gatewayLog = '';
let dir = '';

/** The gateway as its own process, on a free port, with one token for every source. */
beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sl-ingest-int-'));
  const child = spawn(process.execPath, [path.join(repoRoot, 'services', 'ingest-gateway', 'src', 'main.ts')], {
    cwd: repoRoot,
    env: {
      ...process.env,
      KAFKA_BROKERS: inject('kafkaBrokers').join(','),
      SL_TOPIC_NAMESPACE: namespace,
      SL_HTTP_HOST: '127.0.0.1',
      SL_HTTP_PORT: '0',
      SL_INGEST_TOKENS: `cli-test:*:${token}`,
      LOG_LEVEL: 'info',
      SL_EXIT_WITH_PARENT: '1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  gateway = child;
  child.stderr?.on('data', (chunk: Buffer) => {
    gatewayLog += chunk.toString();
  });
  gatewayUrl = await new Promise<string>((resolve, reject) => {
    let pending = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      gatewayLog += chunk.toString();
      pending += chunk.toString();
      for (let end = pending.indexOf('\n'); end !== -1; end = pending.indexOf('\n')) {
        const line = pending.slice(0, end);
        pending = pending.slice(end + 1);
        const entry = JSON.parse(line) as { msg?: string; url?: string };
        if (entry.msg === 'ingest gateway listening' && entry.url) resolve(entry.url.replace(/\/v1\/mentions$/, ''));
      }
    });
    child.once('exit', (code) => reject(new Error(`the gateway exited with ${code}:\n${gatewayLog.slice(-4_000)}`)));
  });
});

afterAll(async () => {
  if (gateway && gateway.exitCode === null) {
    const exited = new Promise((resolve) => gateway?.once('exit', resolve));
    gateway.kill('SIGTERM');
    await exited;
  }
  fs.rmSync(dir, { recursive: true, force: true });
});

let out: string[] = [];
let err: string[] = [];
beforeEach(() => {
  out = [];
  err = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => out.push(String(chunk)) > 0);
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => err.push(String(chunk)) > 0);
  return () => vi.restoreAllMocks();
});

const mention = (id: string, overrides: Record<string, unknown> = {}) => ({
  source: 'rss',
  id,
  text: `Acme backfill ${id}`,
  publishedAt: '2026-11-20T08:00:00Z',
  author: { handle: `@${id}` },
  ...overrides,
});

async function rawIds(): Promise<string[]> {
  const kafka = createKafkaClient({ brokers: inject('kafkaBrokers'), clientId: 'cli-ingest-test', logger: testLogger() });
  const { values, read } = await readLatestByKey(kafka, renamed(mentionsRawTopic, `${namespace}mentions.raw`));
  expect(read).toBe(values.size);
  for (const [key, value] of values) expect(value.id).toBe(key);
  return [...values.keys()].sort();
}

it('backfills the good lines into mentions.raw and reports each bad line with the gateway reason', async () => {
  const file = path.join(dir, 'backfill.jsonl');
  const lines = [
    JSON.stringify(mention('g-1')),
    JSON.stringify(mention('b-1', { publishedAt: 'yesterday' })),
    JSON.stringify(mention('g-2')),
    '',
    '{"source": "rss", "id": ',
    JSON.stringify(mention('b-2', { author: undefined })),
    JSON.stringify(mention('b-3', { source: 'Not A Slug' })),
    JSON.stringify(mention('g-3', { source: undefined })),
    JSON.stringify(mention('g-4')),
  ];
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
  // Batches of two: a 207 (g-1, b-1), a 202 (g-2; line 5 is not sent), a 400 (b-2, b-3), a 202 (g-3, g-4).
  const argv = ['ingest', file, '--url', gatewayUrl, '--token', token, '--batch', '2', '--source', 'blog', '--quiet', '--json'];
  expect(await runCli(commands, argv, {}), gatewayLog.slice(-2_000)).toBe(1);
  expect(out.map((line) => JSON.parse(line))).toEqual([{ accepted: 4, rejected: 4, seconds: expect.any(Number), rate: expect.any(Number) }]);
  expect(err).toEqual([
    'sl ingest: line 2 (id "b-1"): publishedAt: expected an ISO 8601 date-time with a timezone, like "2024-05-01T12:30:00Z" or "2024-05-01T14:30:00+02:00", got "yesterday"\n',
    'sl ingest: line 5: not valid JSON\n',
    'sl ingest: line 6 (id "b-2"): author: is required\n',
    'sl ingest: line 7 (id "b-3"): source: expected a source slug (lower-case letters, digits, "_" or "-", at most 64, e.g. "rss"), got "Not A Slug"\n',
    'sl: 4 of 8 mentions were rejected (the lines are listed above)\n',
  ]);
  // --source filled in g-3's; the others kept their own.
  expect(await rawIds()).toEqual(['blog:g-3', 'rss:g-1', 'rss:g-2', 'rss:g-4']);

  // A JSON array, with the gateway and the token from the environment.
  out.length = 0;
  err.length = 0;
  const array = path.join(dir, 'more.json');
  fs.writeFileSync(array, JSON.stringify([mention('g-5'), mention('g-6', { source: 'mastodon' })], null, 2));
  expect(await runCli(commands, ['ingest', array, '--quiet'], { SL_GATEWAY_URL: gatewayUrl, SL_INGEST_TOKEN: token })).toBe(0);
  expect(out).toEqual([expect.stringMatching(/^accepted 2, rejected 0 in \d+\.\d s \([\d.]+\/s\)\n$/)]);
  expect(err).toEqual([]);
  expect(await rawIds()).toEqual(['blog:g-3', 'mastodon:g-6', 'rss:g-1', 'rss:g-2', 'rss:g-4', 'rss:g-5']);
});

it('exits 1 with the gateway reason when the token is wrong, sending nothing', async () => {
  const file = path.join(dir, 'one.jsonl');
  fs.writeFileSync(file, JSON.stringify(mention('t-1')));
  expect(await runCli(commands, ['ingest', file, '--url', gatewayUrl, '--token', 'not-the-right-token-at-all'], {})).toBe(1);
  expect(out).toEqual([]);
  expect(err).toEqual([`sl: the gateway at ${gatewayUrl}/v1/mentions answered 401 (the bearer token is not valid)\n`]);
  expect(await rawIds()).not.toContain('rss:t-1');
});
