// The gateway process against the real broker, locked: it will not listen beyond loopback
// without tokens; with them, a request needs a token (401), an item needs a source in the
// token's scope (403 for that item), a request stays within the body and batch limits (413) and
// the token's rate (429 with Retry-After). What is refused never reaches mentions.raw.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '@sl/infra/process';
import { signWebhook, tokenSha256 } from '@sl/ingest';
import { createKafkaClient, mentionsRawTopic, readLatestByKey, renamed } from '@sl/kafka';
import { testLogger, uniqueName } from '@sl/testkit';
import '@sl/testkit/provided';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type ServiceProcess, spawnService, waitFor } from '../../../test/support/service-process.ts';

const FEEDS = 'feeds-token-0123456789abcdef';
const RATEY = 'ratey-token-0123456789abcdef';
const PARTNER = 'partner-token-0123456789abcdef';
const WEBHOOK_SECRET = 'blog-webhook-secret-0123456789';

const mention = (source: string, id: string, extra: Record<string, unknown> = {}) => ({
  source,
  id,
  text: `Acme mention ${id}`,
  publishedAt: '2026-11-24T08:00:00Z',
  author: { handle: 'writer' },
  ...extra,
});

describe('gateway security', () => {
  const running: ServiceProcess[] = [];
  const dirs: string[] = [];
  afterAll(async () => {
    await Promise.all(running.map((p) => p.stop('SIGTERM')));
    for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('refuses to start on a non-loopback address without tokens, with one line on stderr and exit code 78', async () => {
    const gateway = spawnService('ingest-gateway', {
      KAFKA_BROKERS: inject('kafkaBrokers').join(','),
      SL_HTTP_HOST: '0.0.0.0',
      SL_HTTP_PORT: String(await freePort()),
      SL_INGEST_TOKENS: '',
    });
    running.push(gateway);
    expect(await gateway.exited).toBe(78);
    expect(gateway.output()).toBe(
      'ingest-gateway: invalid configuration: SL_INGEST_TOKENS: the gateway would listen on 0.0.0.0, which is not loopback, with no ingest tokens; set SL_INGEST_TOKENS or SL_INGEST_TOKENS_FILE (docs/ingest.md, "Tokens") or listen on 127.0.0.1\n',
    );
  });

  describe('with tokens, listening on 0.0.0.0', () => {
    let base = '';
    let gateway: ServiceProcess;
    const namespace = `${uniqueName('gwsec')}.`;

    beforeAll(async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sl-gw-sec-'));
      dirs.push(dir);
      const tokensFile = path.join(dir, 'tokens.yaml');
      fs.writeFileSync(tokensFile, `- id: partner\n  sources: [blog, forum]\n  tokenSha256: ${tokenSha256(PARTNER).toString('hex')}\n`);
      const port = await freePort();
      gateway = spawnService('ingest-gateway', {
        KAFKA_BROKERS: inject('kafkaBrokers').join(','),
        SL_TOPIC_NAMESPACE: namespace,
        SL_HTTP_HOST: '0.0.0.0',
        SL_HTTP_PORT: String(port),
        SL_INGEST_TOKENS: `feeds:rss|mastodon:${FEEDS},ratey:*:sha256:${tokenSha256(RATEY).toString('hex')}`,
        SL_INGEST_TOKENS_FILE: tokensFile,
        INGEST_MAX_BODY_BYTES: '4096',
        INGEST_MAX_ITEMS: '5',
        // One mention per 100 s after a burst of 5: the buckets only empty in this test.
        INGEST_RATE_PER_SECOND: '0.01',
        INGEST_RATE_BURST: '5',
        INGEST_WEBHOOK_SECRETS: `blog=${WEBHOOK_SECRET}`,
      });
      running.push(gateway);
      base = `http://127.0.0.1:${port}`;
      await waitFor('gateway /healthz', async () => ((await fetch(`${base}/healthz`)).ok ? true : undefined), 60_000, gateway.output);
    });

    const post = async (body: string, headers: Record<string, string> = {}, route = '/v1/mentions') => {
      const response = await fetch(`${base}${route}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body,
      });
      return { status: response.status, body: (await response.json()) as unknown, headers: response.headers };
    };
    const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

    it('answers 401 with WWW-Authenticate: Bearer for a missing or unknown token', async () => {
      const missing = await post(JSON.stringify(mention('rss', 'no-token')));
      expect(missing.status).toBe(401);
      expect(missing.headers.get('www-authenticate')).toBe('Bearer realm="sl-ingest"');
      expect(missing.body).toEqual({ error: 'missing Authorization header; send "Authorization: Bearer <token>"' });
      const unknown = await post(JSON.stringify(mention('rss', 'bad-token')), bearer('guessed-token-0123456789'));
      expect(unknown.status).toBe(401);
      expect(unknown.headers.get('www-authenticate')).toBe('Bearer realm="sl-ingest", error="invalid_token"');
      expect(unknown.body).toEqual({ error: 'the bearer token is not valid' });
    });

    it('accepts a scoped token for its sources and refuses other sources per item (207, then 403)', async () => {
      expect((await post(JSON.stringify(mention('rss', 'feeds-1')), bearer(FEEDS))).body).toEqual({ accepted: 1, ids: ['rss:feeds-1'] });
      const mixed = await post(JSON.stringify([mention('mastodon', 'feeds-2'), mention('forum', 'feeds-3')]), bearer(FEEDS));
      expect(mixed.status).toBe(207);
      expect(mixed.body).toEqual({
        accepted: 1,
        ids: ['mastodon:feeds-2'],
        rejected: [
          {
            index: 1,
            id: 'feeds-3',
            status: 403,
            errors: [{ path: 'source', message: 'token "feeds" may not send source "forum" (its sources: rss, mastodon)' }],
          },
        ],
      });
      const forbidden = await post(JSON.stringify([mention('blog', 'feeds-4')]), bearer(FEEDS));
      expect(forbidden).toMatchObject({
        status: 403,
        body: {
          error: 'no mention in the request is of a source this token may send',
          accepted: 0,
          ids: [],
          rejected: [
            {
              index: 0,
              id: 'feeds-4',
              status: 403,
              errors: [{ path: 'source', message: 'token "feeds" may not send source "blog" (its sources: rss, mastodon)' }],
            },
          ],
        },
      });
      // The file's token, scoped to blog and forum.
      expect((await post(JSON.stringify(mention('forum', 'partner-1')), bearer(PARTNER))).body).toEqual({
        accepted: 1,
        ids: ['forum:partner-1'],
      });
    });

    it('answers 413 for a body over INGEST_MAX_BODY_BYTES and a batch over INGEST_MAX_ITEMS', async () => {
      const big = await post(JSON.stringify(mention('rss', 'big', { text: 'x'.repeat(5_000) })), bearer(PARTNER));
      expect(big).toMatchObject({
        status: 413,
        body: { error: 'request body is larger than the limit of 4096 bytes; split it into smaller requests' },
      });
      const many = await post(JSON.stringify([1, 2, 3, 4, 5, 6].map((n) => mention('blog', `many-${n}`))), bearer(PARTNER));
      expect(many).toMatchObject({ status: 413, body: { error: 'the request holds 6 mentions; the limit is 5 per request' } });
    });

    it('answers 429 with Retry-After in seconds once a token spent its burst', async () => {
      const five = [1, 2, 3, 4, 5].map((n) => mention('rss', `ratey-${n}`));
      expect((await post(JSON.stringify(five), bearer(RATEY))).status).toBe(202);
      const limited = await post(JSON.stringify([mention('rss', 'ratey-6')]), bearer(RATEY));
      expect(limited.status).toBe(429);
      expect(limited.headers.get('retry-after')).toBe('100');
      expect(limited.body).toEqual({
        error:
          'rate limit for token "ratey" is 0.01 mentions/s with a burst of 5: this request holds 1 mentions and 0 are available now; retry after 100 s',
      });
    });

    it('keeps signed webhooks working without a bearer token', async () => {
      const body = JSON.stringify({ id: 'hook-1', text: 'Acme rocks', publishedAt: '2026-11-24T08:00:00Z', author: { handle: 'reader' } });
      const at = Math.floor(Date.now() / 1000);
      const reply = await post(
        body,
        { 'x-sl-timestamp': String(at), 'x-sl-signature': signWebhook(WEBHOOK_SECRET, at, body) },
        '/v1/webhooks/blog',
      );
      expect(reply).toMatchObject({ status: 202, body: { accepted: 1, ids: ['blog:hook-1'] } });
    });

    it('put exactly the accepted mentions in mentions.raw, counted refusals by reason, and stays healthy', async () => {
      const kafka = createKafkaClient({ brokers: inject('kafkaBrokers'), clientId: 'gw-sec-test', logger: testLogger() });
      const topic = renamed(mentionsRawTopic, `${namespace}${mentionsRawTopic.name}`);
      const { values, read } = await readLatestByKey(kafka, topic);
      const expected = [
        'rss:feeds-1',
        'mastodon:feeds-2',
        'forum:partner-1',
        'rss:ratey-1',
        'rss:ratey-2',
        'rss:ratey-3',
        'rss:ratey-4',
        'rss:ratey-5',
        'blog:hook-1',
      ];
      expect([...values.keys()].sort()).toEqual([...expected].sort());
      expect(read).toBe(expected.length);
      expect(values.get('rss:feeds-1')).toMatchObject({ source: 'rss', sourceId: 'feeds-1', text: 'Acme mention feeds-1' });

      const metrics = await (await fetch(`${base}/metrics`)).text();
      const line = (reason: string) => metrics.split('\n').find((l) => l.startsWith(`sl_ingest_rejections_total{reason="${reason}"`));
      expect(line('unauthorized')).toBe('sl_ingest_rejections_total{reason="unauthorized",service="ingest-gateway"} 2');
      expect(line('body_too_large')).toBe('sl_ingest_rejections_total{reason="body_too_large",service="ingest-gateway"} 1');
      expect(line('too_many_items')).toBe('sl_ingest_rejections_total{reason="too_many_items",service="ingest-gateway"} 1');
      expect(line('rate_limited')).toBe('sl_ingest_rejections_total{reason="rate_limited",service="ingest-gateway"} 1');
      expect(metrics).toContain('sl_ingest_mentions_total{outcome="forbidden",service="ingest-gateway"} 2');
      expect((await fetch(`${base}/healthz`)).status).toBe(200);
      // Nothing the gateway logged holds a token.
      for (const token of [FEEDS, RATEY, PARTNER]) expect(gateway.output()).not.toContain(token);
    });
  });
});
