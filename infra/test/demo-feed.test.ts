// The demo feed against a real HTTP server on 127.0.0.1 standing in for the gateway (every request
// recorded) and a scripted enricher backlog: the backfill goes out a wave at a time, each sent
// only once the enricher has read the one before, in event-time order; then the live stream; a
// refused request is sent again, so nothing is lost; stop() ends a wait at once; a restart
// backfills only the gap since the last run.
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { MentionJson } from '@sl/generator';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { type DemoFeed, startDemoFeed } from '../demo-feed.ts';

const MINUTE = 60_000;

interface Request {
  status: number;
  /** The feed's phase when the request came in. */
  phase: string;
  mentions: MentionJson[];
}

let dir: string;
let server: http.Server;
let url: string;
let requests: Request[];
/** Answers for the next requests, in turn; 202 after them. */
let script: number[];
/** Requests and backlog looks, in the order they happened. */
let log: string[];
let feed: DemoFeed | undefined;

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sl-demo-feed-'));
  requests = [];
  script = [];
  log = [];
  server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const status = script.shift() ?? 202;
      requests.push({ status, phase: feed?.phase ?? '?', mentions: JSON.parse(Buffer.concat(chunks).toString('utf8')) as MentionJson[] });
      log.push(`post ${status}`);
      res.writeHead(status, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/mentions`;
});

afterEach(async () => {
  await feed?.stop();
  feed = undefined;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  fs.rmSync(dir, { recursive: true, force: true });
});

async function until(what: string, condition: () => boolean): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}


it('backfills its history in event-time order without waiting for the pipeline (alerts run on event time), then goes live', async () => {
  script = [503];
  const progress: string[] = [];
  const stateFile = path.join(dir, 'demo-feed.json');
  const windowBefore = Math.floor((Date.now() - 40 * MINUTE) / (15 * MINUTE)) * 15 * MINUTE;
  feed = startDemoFeed({ url, perSecond: 2, historyMs: 40 * MINUTE, seed: 7, stateFile, onProgress: (m) => progress.push(m), onError: (m) => progress.push(m) });
  await until('two live requests', () => requests.filter((r) => r.phase === 'live').length >= 2);
  await feed.stop();
  expect(feed.phase).toBe('stopped');

  // The refused request went again, unchanged: everything sent was accepted in the end.
  expect(requests[0]?.status).toBe(503);
  expect(requests[1]?.mentions).toEqual(requests[0]?.mentions);
  expect(progress).toContain('demo feed: gateway answered 503: {}; retrying');
  const accepted = requests.filter((r) => r.status === 202);
  expect(feed.posted).toBe(accepted.reduce((n, r) => n + r.mentions.length, 0));
  expect(feed.failed).toBe(0);

  const backfill = accepted.filter((r) => r.phase === 'backfill');
  expect(backfill.length).toBeGreaterThan(5);
  // Each wave inside one 7.5-minute slice, slices in order, the first starting on a window boundary.
  const spans = backfill.map((r) => {
    const times = r.mentions.map((m) => Date.parse(m.publishedAt));
    return { first: Math.min(...times), last: Math.max(...times) };
  });
  for (const [i, span] of spans.entries()) {
    // Re-sent ids keep their publishedAt; copies and answers are published when sent.
    expect(Math.floor(span.last / (7.5 * MINUTE)) - Math.floor(span.first / (7.5 * MINUTE))).toBeLessThanOrEqual(1);
    if (i > 0) expect(span.last).toBeGreaterThanOrEqual(spans[i - 1]?.first ?? 0);
  }
  expect(spans[0]?.first).toBeGreaterThanOrEqual(windowBefore);
  expect(spans[0]?.first).toBeLessThan(windowBefore + 7.5 * MINUTE);
  expect(progress.some((m) => m.startsWith('demo feed: history done:'))).toBe(true);
  expect(progress.some((m) => m.startsWith('demo feed: live at 2/s on average. Coming up'))).toBe(true);

  // A restart resumes where this run stopped instead of backfilling the 40 minutes again.
  const state = JSON.parse(fs.readFileSync(stateFile, 'utf8')) as { lastPublishedAt: number; perSecond: number };
  expect(state.perSecond).toBe(2);
  const before = requests.length;
  feed = startDemoFeed({ url, perSecond: 2, historyMs: 40 * MINUTE, seed: 8, stateFile, onProgress: () => {}, onError: () => {} });
  await until('the second live phase', () => feed?.phase === 'live');
  await feed.stop();
  const resumed = requests.slice(before).flatMap((r) => r.mentions.map((m) => Date.parse(m.publishedAt)));
  expect(Math.min(...resumed)).toBeGreaterThanOrEqual(state.lastPublishedAt);
});

