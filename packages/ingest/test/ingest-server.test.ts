import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { type RawMention, rawMentionContract } from '@sl/contracts';
import type { BatchingSender, EncodedMessage } from '@sl/kafka';
import { createMetricsRegistry, createRootLogger, type HealthReport } from '@sl/observability';
import { afterEach, describe, expect, it } from 'vitest';
import { createIngestServer } from '../src/ingest-server.ts';

const NOW = Date.UTC(2024, 4, 2, 8, 0, 0);

class FakeSender implements BatchingSender {
  readonly sent: Array<{ topic: string; messages: EncodedMessage[] }> = [];
  failWith: Error | undefined;
  flushes = 0;
  get queued(): number {
    return 0;
  }
  async send(topic: string, messages: ReadonlyArray<EncodedMessage>): Promise<void> {
    if (this.failWith) throw this.failWith;
    this.sent.push({ topic, messages: [...messages] });
  }
  async flush(): Promise<void> {
    this.flushes += 1;
  }
}

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
}

const servers: http.Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

async function start(options: { limits?: { maxBodyBytes?: number; maxItems?: number }; health?: HealthReport } = {}) {
  const sender = new FakeSender();
  const server = createIngestServer({
    sender,
    logger: createRootLogger({ service: 't', level: 'silent' }),
    registry: createMetricsRegistry('t'),
    health: () => options.health ?? { status: 'ok', checks: { kafka: { ok: true } } },
    now: () => NOW,
    ...(options.limits ? { limits: options.limits } : {}),
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  /** body: a string is sent with content-length; an array of strings is sent chunked, one write each. */
  const request = (method: string, path: string, body?: string | string[], headers: Record<string, string> = {}): Promise<Reply> =>
    new Promise((resolve, reject) => {
      const req = http.request({ host: '127.0.0.1', port, method, path, headers, agent: false }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      });
      req.on('error', reject);
      if (typeof body === 'string') {
        req.setHeader('content-length', Buffer.byteLength(body));
        req.end(body);
      } else if (Array.isArray(body)) {
        for (const part of body) req.write(part);
        req.end();
      } else req.end();
    });
  const post = (body: string | string[], contentType = 'application/json') => request('POST', '/v1/mentions', body, { 'content-type': contentType });
  return { sender, request, post };
}

const input = (id: string, extra: Record<string, unknown> = {}) => ({
  source: 'rss',
  id,
  text: `text of ${id}`,
  publishedAt: '2024-05-01T12:30:00Z',
  author: { handle: `h-${id}`, followers: 5 },
  engagement: { likes: 2 },
  ...extra,
});

const raw = (id: string): RawMention => ({
  id: `rss:${id}`,
  source: 'rss',
  sourceId: id,
  text: `text of ${id}`,
  title: null,
  url: null,
  lang: null,
  publishedAt: Date.UTC(2024, 4, 1, 12, 30, 0),
  ingestedAt: NOW,
  author: { handle: `h-${id}`, name: null, followers: 5 },
  engagement: { likes: 2, shares: 0, replies: 0 },
  parentId: null,
});

const json = (reply: Reply): unknown => JSON.parse(reply.text);

describe('POST /v1/mentions', () => {
  it('answers 202 with the accepted ids and hands the sender one message per mention, keyed by id', async () => {
    const { sender, post } = await start();
    const reply = await post(JSON.stringify([input('a'), input('b')]));
    expect(reply.status).toBe(202);
    expect(reply.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(json(reply)).toEqual({ accepted: 2, ids: ['rss:a', 'rss:b'] });
    expect(sender.sent).toHaveLength(1);
    expect(sender.sent[0]?.topic).toBe('mentions.raw');
    const messages = sender.sent[0]?.messages ?? [];
    expect(messages.map((m) => m.key)).toEqual(['rss:a', 'rss:b']);
    expect(messages.map((m) => rawMentionContract.decode(m.value))).toEqual([raw('a'), raw('b')]);
  });

  it('accepts a single JSON object', async () => {
    const { sender, post } = await start();
    const reply = await post(JSON.stringify(input('one')));
    expect(reply.status).toBe(202);
    expect(json(reply)).toEqual({ accepted: 1, ids: ['rss:one'] });
    expect(sender.sent.flatMap((s) => s.messages.map((m) => rawMentionContract.decode(m.value)))).toEqual([raw('one')]);
  });

  it('answers 207 for a mixed NDJSON batch, sending only the valid items', async () => {
    const { sender, post } = await start();
    const body = `${JSON.stringify(input('a'))}\n{oops\n${JSON.stringify(input('c', { author: { handle: '' } }))}\n${JSON.stringify(input('d'))}\n`;
    const reply = await post(body, 'application/x-ndjson');
    expect(reply.status).toBe(207);
    expect(json(reply)).toEqual({
      accepted: 2,
      ids: ['rss:a', 'rss:d'],
      rejected: [
        { index: 1, errors: [{ path: '(item)', message: `line 2 is not valid JSON: Expected property name or '}' in JSON at position 1 (line 1 column 2)` }] },
        { index: 2, id: 'c', errors: [{ path: 'author.handle', message: 'must not be empty' }] },
      ],
    });
    const messages = sender.sent.flatMap((s) => s.messages);
    expect(messages.map((m) => m.key)).toEqual(['rss:a', 'rss:d']);
    expect(messages.map((m) => rawMentionContract.decode(m.value))).toEqual([raw('a'), raw('d')]);
  });

  it('answers 400 when no item is valid, and sends nothing', async () => {
    const { sender, post } = await start();
    const reply = await post(JSON.stringify([input('a', { publishedAt: 'soon' })]));
    expect(reply.status).toBe(400);
    expect(json(reply)).toEqual({
      error: 'no valid mentions in the request',
      accepted: 0,
      ids: [],
      rejected: [
        {
          index: 0,
          id: 'a',
          errors: [
            {
              path: 'publishedAt',
              message: 'expected an ISO 8601 date-time with a timezone, like "2024-05-01T12:30:00Z" or "2024-05-01T14:30:00+02:00", got "soon"',
            },
          ],
        },
      ],
    });
    expect(sender.sent).toEqual([]);
  });

  it('answers 400 for an empty array', async () => {
    const { sender, post } = await start();
    const reply = await post('[]');
    expect(reply.status).toBe(400);
    expect(json(reply)).toEqual({ error: 'the request holds no mentions' });
    expect(sender.sent).toEqual([]);
  });

  it('answers 400 for a JSON scalar and for invalid JSON', async () => {
    const { post } = await start();
    const scalar = await post('42');
    expect(scalar.status).toBe(400);
    expect(json(scalar)).toEqual({ error: 'body must be a JSON object (one mention) or an array of mentions' });
    const broken = await post('[{');
    expect(broken.status).toBe(400);
    expect(json(broken)).toEqual({ error: `body is not valid JSON: Expected property name or '}' in JSON at position 2 (line 1 column 3)` });
  });

  it('answers 413 for a body over maxBodyBytes sent with content-length, before reading it', async () => {
    const { sender, post } = await start({ limits: { maxBodyBytes: 1000 } });
    const body = JSON.stringify([input('a', { text: 'x'.repeat(1000) })]);
    const reply = await post(body);
    expect(reply.status).toBe(413);
    expect(reply.headers.connection).toBe('close');
    expect(json(reply)).toEqual({ error: 'request body is larger than the limit of 1000 bytes; split it into smaller requests' });
    expect(sender.sent).toEqual([]);
  });

  it('answers 413 for a chunked body that grows over maxBodyBytes', async () => {
    const { sender, post } = await start({ limits: { maxBodyBytes: 1000 } });
    const reply = await post(['[', JSON.stringify(input('a', { text: 'x'.repeat(600) })), ',', JSON.stringify(input('b', { text: 'y'.repeat(600) })), ']']);
    expect(reply.status).toBe(413);
    expect(json(reply)).toEqual({ error: 'request body is larger than the limit of 1000 bytes; split it into smaller requests' });
    expect(sender.sent).toEqual([]);
  });

  it('accepts a chunked body exactly at maxBodyBytes', async () => {
    const one = JSON.stringify([input('a')]);
    const { post } = await start({ limits: { maxBodyBytes: Buffer.byteLength(one) } });
    const reply = await post([one.slice(0, 10), one.slice(10)]);
    expect(reply.status).toBe(202);
    expect(json(reply)).toEqual({ accepted: 1, ids: ['rss:a'] });
  });

  it('answers 413 for more items than maxItems, counting invalid ones too', async () => {
    const { sender, post } = await start({ limits: { maxItems: 2 } });
    const reply = await post(JSON.stringify([input('a'), input('b'), 5]));
    expect(reply.status).toBe(413);
    expect(json(reply)).toEqual({ error: 'the request holds 3 mentions; the limit is 2 per request' });
    expect(sender.sent).toEqual([]);
    expect((await post(JSON.stringify([input('a'), input('b')]))).status).toBe(202);
  });

  it('answers 415 for an unsupported or missing content-type', async () => {
    const { request, post } = await start();
    const text = await post(JSON.stringify(input('a')), 'text/plain');
    expect(text.status).toBe(415);
    expect(json(text)).toEqual({
      error: 'unsupported content-type "text/plain": send application/json (one mention or an array) or application/x-ndjson (one mention per line)',
    });
    const none = await request('POST', '/v1/mentions', JSON.stringify(input('a')));
    expect(none.status).toBe(415);
    expect(json(none)).toEqual({
      error: 'unsupported content-type "(none)": send application/json (one mention or an array) or application/x-ndjson (one mention per line)',
    });
  });

  it('answers 503 with retry-after when the sender rejects, still reporting rejected items', async () => {
    const { sender, post } = await start();
    sender.failWith = Object.assign(new Error('broker down'), { retriable: true });
    const reply = await post(JSON.stringify([input('a'), input('b', { source: 'RSS' })]));
    expect(reply.status).toBe(503);
    expect(reply.headers['retry-after']).toBe('1');
    expect(json(reply)).toEqual({
      error: 'Kafka did not acknowledge the mentions; retry the request (ids are stable, so a retry is safe)',
      rejected: [
        {
          index: 1,
          id: 'b',
          errors: [{ path: 'source', message: 'expected a source slug (lower-case letters, digits, "_" or "-", at most 64, e.g. "rss"), got "RSS"' }],
        },
      ],
    });
    expect(sender.sent).toEqual([]);
    sender.failWith = undefined;
    const retried = await post(JSON.stringify([input('a')]));
    expect(retried.status).toBe(202);
    expect(json(retried)).toEqual({ accepted: 1, ids: ['rss:a'] });
  });
});

describe('other routes', () => {
  it('answers 405 with allow: POST for GET /v1/mentions', async () => {
    const { request } = await start();
    const reply = await request('GET', '/v1/mentions');
    expect(reply.status).toBe(405);
    expect(reply.headers.allow).toBe('POST');
    expect(json(reply)).toEqual({ error: 'GET is not allowed on /v1/mentions; use POST' });
  });

  it('answers 404 for an unknown path', async () => {
    const { request } = await start();
    const reply = await request('GET', '/v2/nothing?x=1');
    expect(reply.status).toBe(404);
    expect(json(reply)).toEqual({ error: 'no route for GET /v2/nothing; mentions go to POST /v1/mentions' });
  });

  it('serves /healthz as JSON, 503 when down', async () => {
    const up = await start();
    const ok = await up.request('GET', '/healthz');
    expect(ok.status).toBe(200);
    expect(json(ok)).toEqual({ status: 'ok', checks: { kafka: { ok: true } } });
    const down = await start({ health: { status: 'down', checks: { kafka: { ok: false, detail: 'no broker' } } } });
    const bad = await down.request('GET', '/healthz');
    expect(bad.status).toBe(503);
    expect(json(bad)).toEqual({ status: 'down', checks: { kafka: { ok: false, detail: 'no broker' } } });
  });

  it('serves /metrics with the mention outcomes and request statuses', async () => {
    const { post, request } = await start();
    await post(JSON.stringify([input('a'), input('b'), { bad: 1 }]));
    await post('[]');
    const reply = await request('GET', '/metrics');
    expect(reply.status).toBe(200);
    expect(reply.text).toContain('sl_ingest_mentions_total{outcome="accepted",service="t"} 2');
    expect(reply.text).toContain('sl_ingest_mentions_total{outcome="rejected",service="t"} 1');
    expect(reply.text).toContain('sl_ingest_requests_total{status="207",service="t"} 1');
    expect(reply.text).toContain('sl_ingest_requests_total{status="400",service="t"} 1');
  });
});
