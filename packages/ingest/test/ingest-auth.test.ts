// POST /v1/mentions with tokens configured: who may send, which sources, how much, how fast.
import type { AddressInfo } from 'node:net';
import { rawMentionContract } from '@sl/contracts';
import { createMetricsRegistry, createRootLogger } from '@sl/observability';
import { afterEach, describe, expect, it } from 'vitest';
import type { IngestLimits } from '../src/ingest-limits.ts';
import { createIngestServer } from '../src/ingest-server.ts';
import { parseIngestTokens } from '../src/ingest-tokens.ts';
import { signWebhook } from '../src/webhook-signature.ts';
import { recordingSender } from './recording-sender.ts';

const NOW = Date.UTC(2026, 10, 24, 9, 0, 0);
const FEEDS = 'feeds-token-0123456789';
const CI = 'ci-token-0123456789abcdef';
const WEBHOOK_SECRET = 'blog-secret-0123456789';

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

async function start(limits: Partial<IngestLimits> = {}) {
  const { sender, sent } = recordingSender();
  const clock = { now: NOW };
  const server = createIngestServer({
    sender,
    logger: createRootLogger({ service: 't', level: 'silent' }),
    registry: createMetricsRegistry('t'),
    health: () => ({ status: 'ok', checks: {} }),
    now: () => clock.now,
    limits,
    tokens: parseIngestTokens(`feeds:rss|mastodon:${FEEDS},ci:*:${CI}`),
    webhookSecrets: new Map([['blog', [WEBHOOK_SECRET]]]),
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closers.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const post = async (body: string, headers: Record<string, string> = {}, path = '/v1/mentions') => {
    const response = await fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
    return { status: response.status, headers: response.headers, body: (await response.json()) as unknown };
  };
  const metrics = async () => (await fetch(`${base}/metrics`)).text();
  return { sent, clock, post, metrics, ids: () => sent.map((m) => rawMentionContract.decode(m.value).id) };
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const mention = (source: string, id: string) => ({
  source,
  id,
  text: `text ${id}`,
  publishedAt: '2026-11-24T08:00:00Z',
  author: { handle: 'h' },
});

describe('bearer tokens on POST /v1/mentions', () => {
  it('answers 401 with WWW-Authenticate: Bearer for a missing token, before reading the body', async () => {
    const { post, sent } = await start();
    const reply = await post(JSON.stringify(mention('rss', 'a')));
    expect(reply.status).toBe(401);
    expect(reply.headers.get('www-authenticate')).toBe('Bearer realm="sl-ingest"');
    expect(reply.body).toEqual({ error: 'missing Authorization header; send "Authorization: Bearer <token>"' });
    expect(sent).toEqual([]);
  });

  it('answers 401 with error="invalid_token" for a wrong token or another scheme', async () => {
    const { post, sent } = await start();
    const wrong = await post(JSON.stringify(mention('rss', 'a')), bearer('not-a-token-0123456789'));
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get('www-authenticate')).toBe('Bearer realm="sl-ingest", error="invalid_token"');
    expect(wrong.body).toEqual({ error: 'the bearer token is not valid' });
    const basic = await post(JSON.stringify(mention('rss', 'a')), { authorization: 'Basic ZmVlZHM6eA==' });
    expect(basic.status).toBe(401);
    expect(basic.body).toEqual({ error: 'the Authorization header must be "Bearer <token>"' });
    expect(sent).toEqual([]);
  });

  it('accepts a token for its own sources', async () => {
    const { post, ids } = await start();
    const reply = await post(JSON.stringify([mention('rss', 'a'), mention('mastodon', 'b')]), bearer(FEEDS));
    expect(reply).toMatchObject({ status: 202, body: { accepted: 2, ids: ['rss:a', 'mastodon:b'] } });
    expect(ids()).toEqual(['rss:a', 'mastodon:b']);
  });

  it('refuses items of other sources by index with status 403, keeping the rest (207)', async () => {
    const { post, ids } = await start();
    const reply = await post(
      JSON.stringify([mention('rss', 'a'), mention('forum', 'b'), { ...mention('rss', 'c'), text: 5 }]),
      bearer(FEEDS),
    );
    expect(reply.status).toBe(207);
    expect(reply.body).toEqual({
      accepted: 1,
      ids: ['rss:a'],
      rejected: [
        {
          index: 1,
          id: 'b',
          status: 403,
          errors: [{ path: 'source', message: 'token "feeds" may not send source "forum" (its sources: rss, mastodon)' }],
        },
        { index: 2, id: 'c', errors: [{ path: 'text', message: 'expected a string, got 5' }] },
      ],
    });
    expect(ids()).toEqual(['rss:a']);
  });

  it('answers 403 when every item is outside the token, and * allows any source', async () => {
    const { post, ids } = await start();
    const reply = await post(JSON.stringify([mention('forum', 'x')]), bearer(FEEDS));
    expect(reply).toEqual({
      status: 403,
      headers: expect.anything(),
      body: {
        error: 'no mention in the request is of a source this token may send',
        accepted: 0,
        ids: [],
        rejected: [
          {
            index: 0,
            id: 'x',
            status: 403,
            errors: [{ path: 'source', message: 'token "feeds" may not send source "forum" (its sources: rss, mastodon)' }],
          },
        ],
      },
    });
    expect((await post(JSON.stringify([mention('forum', 'x')]), bearer(CI))).status).toBe(202);
    expect(ids()).toEqual(['forum:x']);
  });

  it('answers 413 for a body or a batch over the limit, once the token is known', async () => {
    const { post, sent } = await start({ maxBodyBytes: 2_000, maxItems: 3 });
    const big = await post(JSON.stringify([{ ...mention('rss', 'a'), text: 'x'.repeat(2_000) }]), bearer(FEEDS));
    expect(big).toMatchObject({
      status: 413,
      body: { error: 'request body is larger than the limit of 2000 bytes; split it into smaller requests' },
    });
    const many = await post(JSON.stringify([1, 2, 3, 4].map((n) => mention('rss', `m${n}`))), bearer(FEEDS));
    expect(many).toMatchObject({ status: 413, body: { error: 'the request holds 4 mentions; the limit is 3 per request' } });
    expect(sent).toEqual([]);
  });

  it('answers 429 with Retry-After once a token spent its burst, per token, and lets it in after waiting', async () => {
    const { post, clock, ids } = await start({ ratePerSecond: 2, burst: 5, maxItems: 5 });
    const five = [1, 2, 3, 4, 5].map((n) => mention('rss', `r${n}`));
    expect((await post(JSON.stringify(five), bearer(FEEDS))).status).toBe(202);
    const limited = await post(JSON.stringify([mention('rss', 'r6'), mention('rss', 'r7'), mention('rss', 'r8')]), bearer(FEEDS));
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('2');
    expect(limited.body).toEqual({
      error:
        'rate limit for token "feeds" is 2 mentions/s with a burst of 5: this request holds 3 mentions and 0 are available now; retry after 2 s',
    });
    // Another token has its own bucket.
    expect((await post(JSON.stringify([mention('rss', 'c1')]), bearer(CI))).status).toBe(202);
    clock.now += 1_500;
    expect((await post(JSON.stringify([mention('rss', 'r6'), mention('rss', 'r7'), mention('rss', 'r8')]), bearer(FEEDS))).status).toBe(
      202,
    );
    expect(ids()).toEqual(['rss:r1', 'rss:r2', 'rss:r3', 'rss:r4', 'rss:r5', 'rss:c1', 'rss:r6', 'rss:r7', 'rss:r8']);
  });

  it('refuses to be built with a burst smaller than a full request', () => {
    expect(() =>
      createIngestServer({
        sender: { queued: 0, send: async () => {}, flush: async () => {} },
        logger: createRootLogger({ service: 't', level: 'silent' }),
        registry: createMetricsRegistry('t'),
        health: () => ({ status: 'ok', checks: {} }),
        limits: { maxItems: 10, burst: 5 },
      }),
    ).toThrow('the rate burst (5) must be at least maxItems (10)');
  });

  it('keeps signed webhooks working without a bearer token', async () => {
    const { post, ids } = await start();
    const body = JSON.stringify({ id: 'c1', text: 'hi', publishedAt: '2026-11-24T08:00:00Z', author: { handle: 'r' } });
    const at = NOW / 1000;
    const reply = await post(
      body,
      { 'x-sl-timestamp': String(at), 'x-sl-signature': signWebhook(WEBHOOK_SECRET, at, body) },
      '/v1/webhooks/blog',
    );
    expect(reply).toMatchObject({ status: 202, body: { accepted: 1, ids: ['blog:c1'] } });
    expect(ids()).toEqual(['blog:c1']);
  });

  it('counts refusals by reason and mentions by outcome', async () => {
    const { post, metrics } = await start({ ratePerSecond: 1, burst: 3, maxItems: 3, maxBodyBytes: 2_000 });
    await post('{}');
    await post('{}', bearer('wrong-token-0123456789'));
    await post(JSON.stringify([mention('rss', 'a'), mention('forum', 'b')]), bearer(FEEDS));
    await post(JSON.stringify([mention('rss', 'c'), mention('rss', 'd')]), bearer(FEEDS));
    await post('x'.repeat(3_000), bearer(CI));
    await post('[1,2,3,4]', bearer(CI));
    await post('{', bearer(CI));
    const text = await metrics();
    expect(text).toContain('sl_ingest_rejections_total{reason="unauthorized",service="t"} 2');
    expect(text).toContain('sl_ingest_rejections_total{reason="rate_limited",service="t"} 1');
    expect(text).toContain('sl_ingest_rejections_total{reason="body_too_large",service="t"} 1');
    expect(text).toContain('sl_ingest_rejections_total{reason="too_many_items",service="t"} 1');
    expect(text).toContain('sl_ingest_rejections_total{reason="invalid_body",service="t"} 1');
    expect(text).toContain('sl_ingest_mentions_total{outcome="accepted",service="t"} 1');
    expect(text).toContain('sl_ingest_mentions_total{outcome="forbidden",service="t"} 1');
    expect(text).toContain('sl_ingest_requests_total{status="401",service="t"} 2');
  });
});
