// The correction form's endpoint over the seeded store: POST …/corrections makes the team's
// correction as `sl correct` does and hands exactly that record to the sender; every refusal is a
// status and a message a person can act on. Once the correction is archived (written here as the
// aggregation worker writes it) the mention's next correction starts from it.
import fs from 'node:fs';
import type http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import type { VerdictCorrection } from '@sl/contracts';
import { createMetricsRegistry, createRootLogger } from '@sl/observability';
import { correctionsLayout } from '@sl/rollups';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CorrectionSender } from '../src/correction-route.ts';
import { createDashboardServer } from '../src/dashboard-server.ts';
import { type DashboardStore, openDashboardStore } from '../src/dashboard-store.ts';
import { parseDashboardTokens } from '../src/dashboard-tokens.ts';
import { SEED_BRANDS, seedMentions, seedStore, T0 } from './seed-store.ts';

const ACME_TOKEN = 'acme-team-token-0123456789';
const OPS_TOKEN = 'ops-token-abcdefghijklmnop';
const tokens = parseDashboardTokens(`acme-team:acme:${ACME_TOKEN},ops:*:${OPS_TOKEN}`);
const NOW = Date.UTC(2024, 5, 3, 9, 30);

// mastodon:acme-0: counted, positive (0.6), in French, by user0 with no followers.
const target = seedMentions().find((m) => m.id === 'mastodon:acme-0');
if (target === undefined) throw new Error('the seed has no mastodon:acme-0');

let root: string;
let store: DashboardStore;
let server: http.Server;
let noKafka: http.Server;
let base: string;
let noKafkaBase: string;
const sent: VerdictCorrection[] = [];
let failNext: Error | undefined;
const logLines: Array<Record<string, unknown>> = [];

const sender: CorrectionSender = {
  topic: 'test.mentions.corrections',
  async send(correction) {
    if (failNext !== undefined) {
      const error = failNext;
      failNext = undefined;
      throw error;
    }
    sent.push(correction);
  },
};

function serverWith(corrections: CorrectionSender | undefined): http.Server {
  const logs = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n')) if (line.trim() !== '') logLines.push(JSON.parse(line));
      done();
    },
  });
  return createDashboardServer({
    logger: createRootLogger({ service: 'dashboard-test', level: 'info', destination: logs }),
    registry: createMetricsRegistry('dashboard-test'),
    health: () => ({ status: 'ok', checks: {} }),
    store,
    brands: () => SEED_BRANDS,
    pageDir: root,
    tokens,
    now: () => NOW,
    ...(corrections === undefined ? {} : { corrections }),
  });
}

async function listen(s: http.Server): Promise<string> {
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(s.address() as AddressInfo).port}`;
}

beforeAll(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'sl-dashboard-correct-'));
  await seedStore(path.join(root, 'objects'));
  store = await openDashboardStore({ root: path.join(root, 'objects') });
  server = serverWith(sender);
  noKafka = serverWith(undefined);
  base = await listen(server);
  noKafkaBase = await listen(noKafka);
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await new Promise((resolve) => noKafka.close(resolve));
  store.close();
  fs.rmSync(root, { recursive: true, force: true });
});

async function post(brand: string, body: unknown, options: { token?: string; at?: string; contentType?: string; raw?: string } = {}) {
  const response = await fetch(`${options.at ?? base}/api/v1/brands/${brand}/corrections`, {
    method: 'POST',
    headers: { authorization: `Bearer ${options.token ?? ACME_TOKEN}`, 'content-type': options.contentType ?? 'application/json' },
    body: options.raw ?? JSON.stringify(body),
  });
  return { status: response.status, body: await response.json() };
}

async function get(url: string): Promise<{ status: number; body: Record<string, unknown> & { items?: Array<{ id: string; corrected: unknown; sent: unknown }> } }> {
  const response = await fetch(`${base}${url}`, { headers: { authorization: `Bearer ${ACME_TOKEN}` } });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** Writes a sent correction into the store as the aggregation worker's corrections sink does. */
async function archive(correction: VerdictCorrection, offset: number): Promise<void> {
  const records = [{ topic: 'mentions.corrections', partition: 0, offset: String(offset), key: Buffer.from(correction.brandId), value: correction, headers: {}, timestamp: 0 }];
  for (const file of correctionsLayout().files(records, { partition: 0, firstOffset: String(offset), lastOffset: String(offset) })) {
    const target = path.join(root, 'objects', file.key);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, file.body);
  }
}

const expected: VerdictCorrection = {
  id: `team:acme:mastodon:acme-0:${NOW}`,
  by: 'team',
  mentionId: 'mastodon:acme-0',
  brandId: 'acme',
  source: 'mastodon',
  lang: 'fr',
  publishedAt: T0,
  ingestedAt: T0 + 5_000,
  authorHandle: 'user0',
  followers: 0,
  likes: 0,
  shares: 0,
  replies: 0,
  compound: 0.6,
  fromKind: 'counted',
  toKind: 'counted',
  fromSentiment: 'positive',
  toSentiment: 'negative',
  reason: 'sarcasm',
  correctedAt: NOW,
};

describe('POST /api/v1/brands/{id}/corrections', () => {
  it('refuses bad input with 400, 413 or 415 and a message naming what is wrong, sending nothing', async () => {
    expect(await post('acme', {}, { raw: '{"mentionId": ' })).toEqual({
      status: 400,
      body: { error: expect.stringMatching(/^the body is not JSON: /), code: 'BAD_REQUEST' },
    });
    expect(await post('acme', { mentionId: target.id, sentiment: 'angry', reason: '' })).toEqual({
      status: 400,
      body: { error: 'not a correction: sentiment must be positive, neutral, negative; reason is empty: the archive keeps why a verdict was changed', code: 'BAD_REQUEST' },
    });
    expect(await post('acme', { mentionId: target.id, reason: 'x' })).toEqual({
      status: 400,
      body: { error: 'not a correction: give sentiment or kind (or both): what the mention should count as', code: 'BAD_REQUEST' },
    });
    expect(await post('acme', { mentionId: target.id, kind: 'thread_reply', reason: 'x' })).toEqual({
      status: 400,
      body: { error: 'not a correction: kind must be counted, spam, duplicate', code: 'BAD_REQUEST' },
    });
    expect(await post('acme', { kind: 'spam', reason: 'x', by: 'me' })).toEqual({
      status: 400,
      body: { error: 'not a correction: mentionId is required: the mention id as the feed gives it (source:sourceId); unknown field by', code: 'BAD_REQUEST' },
    });
    expect(await post('acme', ['spam'])).toEqual({ status: 400, body: { error: 'not a correction: the body must be a JSON object: {"mentionId", "sentiment" and/or "kind", "reason"}', code: 'BAD_REQUEST' } });
    expect(await post('acme', { mentionId: target.id, kind: 'spam', reason: 'x'.repeat(501) })).toEqual({
      status: 400,
      body: { error: 'not a correction: reason is longer than 500 characters', code: 'BAD_REQUEST' },
    });
    expect(await post('acme', {}, { raw: JSON.stringify({ mentionId: target.id, kind: 'spam', reason: 'x'.repeat(9000) }) })).toEqual({
      status: 413,
      body: { error: 'the body is larger than 8192 bytes', code: 'PAYLOAD_TOO_LARGE' },
    });
    expect(await post('acme', {}, { contentType: 'application/x-www-form-urlencoded', raw: 'mentionId=x&kind=spam&reason=x' })).toEqual({
      status: 415,
      body: { error: 'send the body as JSON with content-type: application/json, got "application/x-www-form-urlencoded"', code: 'UNSUPPORTED_MEDIA_TYPE' },
    });
    const put = await fetch(`${base}/api/v1/brands/acme/corrections`, { method: 'PUT', headers: { authorization: `Bearer ${ACME_TOKEN}` } });
    expect([put.status, await put.json()]).toEqual([405, { error: 'corrections answer GET and POST, got PUT', code: 'METHOD_NOT_ALLOWED' }]);
    const elsewhere = await fetch(`${base}/api/v1/brands/acme/summary`, { method: 'POST', headers: { authorization: `Bearer ${ACME_TOKEN}` } });
    expect([elsewhere.status, await elsewhere.json()]).toEqual([405, { error: 'the API answers GET only, got POST', code: 'METHOD_NOT_ALLOWED' }]);
    expect(sent).toEqual([]);
  });

  it('refuses another brand with 403 before reading the body, an unknown brand or mention with 404', async () => {
    expect(await post('globex', { mentionId: 'rss:globex-1', kind: 'spam', reason: 'x' })).toEqual({ status: 403, body: { error: 'this token may not see brand "globex"', code: 'FORBIDDEN' } });
    expect(await post('globex', {}, { raw: 'not json at all' })).toEqual({ status: 403, body: { error: 'this token may not see brand "globex"', code: 'FORBIDDEN' } });
    expect(await post('nope', { mentionId: 'x:1', kind: 'spam', reason: 'x' }, { token: OPS_TOKEN })).toEqual({
      status: 404,
      body: { error: 'no brand "nope"; GET /api/v1/brands lists the brands you may see', code: 'NOT_FOUND' },
    });
    // globex's mention, asked for as acme's: acme's archive does not hold it.
    expect(await post('acme', { mentionId: 'rss:globex-1', kind: 'spam', reason: 'x' }, { token: OPS_TOKEN })).toEqual({
      status: 404,
      body: { error: `no mention rss:globex-1 of brand acme in the archive under ${path.join(root, 'objects', 'conversations', 'v1')}`, code: 'NOT_FOUND' },
    });
    expect(sent).toEqual([]);
  });

  it('answers 503 when the dashboard has no Kafka, or the send fails', async () => {
    expect(await post('acme', { mentionId: target.id, sentiment: 'negative', reason: 'sarcasm' }, { at: noKafkaBase })).toEqual({
      status: 503,
      body: {
        error: 'this dashboard has no Kafka configured (no KAFKA_BROKERS): a correction is a record on mentions.corrections; start it with KAFKA_BROKERS, or use sl correct',
        code: 'UNAVAILABLE',
      },
    });
    failNext = new Error('broker down');
    expect(await post('acme', { mentionId: target.id, sentiment: 'negative', reason: 'sarcasm' })).toEqual({
      status: 503,
      body: { error: 'could not send the correction to test.mentions.corrections: broker down; try again', code: 'UNAVAILABLE' },
    });
    expect(sent).toEqual([]);
  });

  it('refuses a correction that changes nothing with 409', async () => {
    expect(await post('acme', { mentionId: target.id, sentiment: 'positive', kind: 'counted', reason: 'x' })).toEqual({
      status: 409,
      body: { error: 'nothing to correct: mastodon:acme-0 already counts as counted, positive', code: 'CONFLICT' },
    });
    expect(sent).toEqual([]);
  });

  it('sends the correction sl correct would make, shows it as sent, and takes the next one once it is archived', async () => {
    const answer = await post('acme', { mentionId: ` ${target.id} `, sentiment: 'negative', reason: ' sarcasm ' });
    expect(answer).toEqual({ status: 202, body: { brand: 'acme', state: 'sent', correction: expected } });
    expect(sent).toEqual([expected]);
    // Who corrected is in the log (the contract has no field for it).
    expect(logLines.filter((l) => l.msg === 'sent a team correction').map((l) => [l.component, l.caller, l.brand, l.correction, l.mention])).toEqual([
      ['dashboard-http', 'acme-team', 'acme', expected.id, 'mastodon:acme-0'],
    ]);

    const asCard = { id: expected.id, by: 'team', kind: 'counted', fromKind: 'counted', sentiment: 'negative', fromSentiment: 'positive', reason: 'sarcasm', at: new Date(NOW).toISOString() };
    expect(await get('/api/v1/brands/acme/corrections?mention=mastodon:acme-0')).toEqual({
      status: 200,
      body: { brand: 'acme', mention: 'mastodon:acme-0', latest: null, sent: asCard },
    });
    const feed = await get('/api/v1/brands/acme/mentions?thread=mastodon:acme-0');
    expect(feed.body.items?.map((i) => [i.id, i.corrected, i.sent])).toEqual([['mastodon:acme-0', null, asCard]]);

    // A second one before the first is archived would start from the same old verdict: refused.
    expect(await post('acme', { mentionId: target.id, kind: 'spam', reason: 'a bot' })).toEqual({
      status: 409,
      body: {
        error: `mastodon:acme-0 has a correction in flight (${expected.id}, sent ${new Date(NOW).toISOString()}): the aggregation worker has not archived it yet; correct again once the card shows it, or the rollups would move the mention twice`,
        code: 'CONFLICT',
      },
    });

    await archive(expected, 0);
    expect(await get('/api/v1/brands/acme/corrections?mention=mastodon:acme-0')).toEqual({
      status: 200,
      body: { brand: 'acme', mention: 'mastodon:acme-0', latest: asCard, sent: null },
    });
    const after = await get('/api/v1/brands/acme/mentions?thread=mastodon:acme-0');
    expect(after.body.items?.map((i) => [i.id, i.corrected, i.sent])).toEqual([['mastodon:acme-0', asCard, null]]);
    // The next correction starts from the team's: negative, counted.
    const next = await post('acme', { mentionId: target.id, kind: 'spam', reason: 'a bot' }, { token: OPS_TOKEN });
    expect(next).toEqual({
      status: 202,
      body: { brand: 'acme', state: 'sent', correction: { ...expected, fromSentiment: 'negative', toKind: 'spam', reason: 'a bot' } },
    });
    expect(sent).toHaveLength(2);
    expect(logLines.filter((l) => l.msg === 'sent a team correction').map((l) => l.caller)).toEqual(['acme-team', 'ops']);
  });

  it('answers GET …/corrections for a mention never corrected, and asks for the mention', async () => {
    expect(await get('/api/v1/brands/acme/corrections?mention=rss:acme-1')).toEqual({ status: 200, body: { brand: 'acme', mention: 'rss:acme-1', latest: null, sent: null } });
    expect(await get('/api/v1/brands/acme/corrections')).toEqual({ status: 400, body: { error: 'mention is required: …/corrections?mention=<source:sourceId>', code: 'BAD_REQUEST' } });
  });
});
