import type { AddressInfo } from 'node:net';
import { rawMentionContract } from '@sl/contracts';
import { createMetricsRegistry, createRootLogger } from '@sl/observability';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIngestServer } from '../src/ingest-server.ts';
import { signWebhook } from '../src/webhook-signature.ts';
import { recordingSender } from './recording-sender.ts';

const NOW = Date.UTC(2026, 10, 24, 9, 0, 0);
const secret = 'blog-secret-0123456789';
const { sender, sent } = recordingSender();
const server = createIngestServer({
  sender,
  logger: createRootLogger({ service: 't', level: 'silent' }),
  registry: createMetricsRegistry('t'),
  health: () => ({ status: 'ok', checks: {} }),
  now: () => NOW,
  webhookSecrets: new Map([['blog', [secret]]]),
});
let base = '';
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const item = (id: string, extra: Record<string, unknown> = {}) => ({ id, text: `comment ${id}`, publishedAt: '2026-11-24T08:00:00Z', author: { handle: 'reader' }, ...extra });

async function push(path: string, body: string, headers: Record<string, string>) {
  const response = await fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  return { status: response.status, body: await response.json() };
}

function signed(body: string, at = NOW / 1000) {
  return { 'x-sl-timestamp': String(at), 'x-sl-signature': signWebhook(secret, at, body) };
}

describe('POST /v1/webhooks/<source>', () => {
  it('accepts a signed delivery, fills in the source, and refuses the same delivery again', async () => {
    const body = JSON.stringify([item('c1'), item('c2', { source: 'blog' })]);
    expect(await push('/v1/webhooks/blog', body, signed(body))).toEqual({ status: 202, body: { accepted: 2, ids: ['blog:c1', 'blog:c2'] } });
    expect(sent.map((m) => rawMentionContract.decode(m.value).source)).toEqual(['blog', 'blog']);
    expect(await push('/v1/webhooks/blog', body, signed(body))).toEqual({
      status: 409,
      body: { error: 'this signed request was already accepted (replay); sign each delivery with a fresh timestamp' },
    });
  });

  it('refuses unsigned, wrongly signed and stale deliveries with 401 and the reason', async () => {
    const body = JSON.stringify(item('c3'));
    expect((await push('/v1/webhooks/blog', body, {})).status).toBe(401);
    const wrong = { 'x-sl-timestamp': String(NOW / 1000), 'x-sl-signature': signWebhook('not-the-secret-000000', NOW / 1000, body) };
    expect(await push('/v1/webhooks/blog', body, wrong)).toEqual({ status: 401, body: { error: 'signature does not match any active secret for this source' } });
    const stale = signed(body, NOW / 1000 - 3600);
    expect((await push('/v1/webhooks/blog', body, stale)).body).toEqual({ error: "x-sl-timestamp is 3600 s from the server's clock; the window is ±300 s" });
  });

  it('rejects items that claim another source, keeps the rest', async () => {
    const body = JSON.stringify([item('c4'), item('c5', { source: 'forum' })]);
    const reply = await push('/v1/webhooks/blog', body, signed(body));
    expect(reply).toEqual({
      status: 207,
      body: { accepted: 1, ids: ['blog:c4'], rejected: [{ index: 1, errors: [{ path: '(item)', message: 'source is "forum" but this webhook accepts only "blog"' }] }] },
    });
  });

  it('answers 404 for a source with no webhook secret', async () => {
    const body = JSON.stringify(item('c6'));
    expect(await push('/v1/webhooks/forum', body, signed(body))).toEqual({ status: 404, body: { error: 'no webhook is configured for source "forum"' } });
  });
});
