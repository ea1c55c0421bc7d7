// Runs the gateway corpus (gateway-cases.ts) through a real gateway process over HTTP against the
// real broker: every case gets its exact status and message, the gateway stays up through all of
// them, and mentions.raw ends up holding exactly the items the answers listed as accepted.
import { decodeBody, parseRequestBody, validateMentions } from '@sl/ingest';
import { freePort } from '@sl/infra/process';
import { createKafkaClient, mentionsRawTopic, readLatestByKey, renamed } from '@sl/kafka';
import { testLogger, uniqueName } from '@sl/testkit';
import '@sl/testkit/provided';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type ServiceProcess, spawnService, waitFor } from '../support/service-process.ts';
import {
  CORPUS_MAX_BODY_BYTES,
  CORPUS_MAX_ITEMS,
  CORPUS_TOKEN,
  CORPUS_TOKENS,
  type Expected,
  type GatewayCase,
  gatewayCases,
  SCOPED_TOKEN,
} from './gateway-cases.ts';

const matches = (expected: Expected) => (typeof expected === 'string' ? expected : expect.stringMatching(expected));

function expectedBody(c: GatewayCase): unknown {
  const rejected = c.rejected?.map((r) => ({
    index: r.index,
    ...(r.id === undefined ? {} : { id: r.id }),
    ...(r.status === undefined ? {} : { status: r.status }),
    errors: r.errors.map((e) => ({ path: e.path, message: matches(e.message) })),
  }));
  const ids = c.accepted ?? [];
  if (c.status === 202) return { accepted: ids.length, ids };
  if (c.status === 207) return { accepted: ids.length, ids, rejected };
  if (rejected !== undefined) return { error: matches(c.error ?? ''), accepted: 0, ids: [], rejected };
  return { error: matches(c.error ?? '') };
}

function authorization(c: GatewayCase): Record<string, string> {
  const auth = c.request.auth ?? 'corpus';
  if (auth === 'none') return {};
  if (auth === 'corpus') return { authorization: `Bearer ${CORPUS_TOKEN}` };
  if (auth === 'scoped') return { authorization: `Bearer ${SCOPED_TOKEN}` };
  return { authorization: auth.header };
}

async function send(base: string, c: GatewayCase): Promise<{ status: number; headers: Headers; text: string }> {
  const { request } = c;
  const method = request.method ?? 'POST';
  const headers: Record<string, string> = { ...authorization(c), ...request.headers };
  const contentType = request.contentType === undefined ? 'application/json' : request.contentType;
  if (contentType !== null) headers['content-type'] = contentType;
  let body: RequestInit['body'];
  let duplex: { duplex: 'half' } | object = {};
  if (request.body !== undefined && method !== 'GET') {
    // A byte body makes fetch add no content-type of its own.
    const bytes = typeof request.body === 'string' ? Buffer.from(request.body, 'utf8') : request.body;
    if (request.chunked) {
      const pieces = Array.from({ length: Math.ceil(bytes.length / 65_536) }, (_, i) => bytes.subarray(i * 65_536, (i + 1) * 65_536));
      body = new ReadableStream({
        pull(controller) {
          const next = pieces.shift();
          if (next === undefined) controller.close();
          else controller.enqueue(next);
        },
      });
      duplex = { duplex: 'half' };
    } else {
      body = bytes;
    }
  }
  const response = await fetch(`${base}${request.path ?? '/v1/mentions'}`, { method, headers, body, ...duplex } as RequestInit);
  return { status: response.status, headers: response.headers, text: await response.text() };
}

describe('bad input at the gateway', () => {
  let gateway: ServiceProcess;
  let base = '';
  const namespace = `${uniqueName('bad-input')}.`;
  const accepted = new Set<string>();

  beforeAll(async () => {
    const port = await freePort();
    gateway = spawnService('ingest-gateway', {
      KAFKA_BROKERS: inject('kafkaBrokers').join(','),
      SL_TOPIC_NAMESPACE: namespace,
      SL_HTTP_PORT: String(port),
      SL_INGEST_TOKENS: CORPUS_TOKENS,
      INGEST_MAX_BODY_BYTES: String(CORPUS_MAX_BODY_BYTES),
      INGEST_MAX_ITEMS: String(CORPUS_MAX_ITEMS),
    });
    base = `http://127.0.0.1:${port}`;
    await waitFor('gateway /healthz', async () => ((await fetch(`${base}/healthz`)).ok ? true : undefined), 60_000, gateway.output);
  });
  afterAll(async () => {
    await gateway?.stop('SIGTERM');
  });

  it('holds distinct kinds, each with its expectation', () => {
    const kinds = gatewayCases.map((c) => c.kind);
    expect(new Set(kinds).size).toBe(kinds.length);
    expect(kinds.length).toBeGreaterThanOrEqual(50);
  });

  it.each(gatewayCases.map((c) => [`${c.kind}: ${c.about} -> ${c.status}`, c] as const))('%s', async (_, c) => {
    const reply = await send(base, c);
    expect(reply.status).toBe(c.status);
    for (const [name, value] of Object.entries(c.headers ?? {})) expect(reply.headers.get(name)).toBe(value);
    if (!c.rawResponse) {
      expect(reply.headers.get('content-type')).toBe('application/json; charset=utf-8');
      expect(JSON.parse(reply.text)).toEqual(expectedBody(c));
    }
    for (const id of c.accepted ?? []) accepted.add(id);
    // The gateway is still there and answering.
    expect(gateway.child.exitCode).toBeNull();
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
  });

  it('parses and validates every corpus body in-process without throwing, and pollutes no prototype', () => {
    for (const c of gatewayCases) {
      if (c.request.body === undefined) continue;
      const decoded = decodeBody(Buffer.from(c.request.body));
      if (!decoded.ok) continue;
      const parsed = parseRequestBody(
        c.request.contentType === undefined ? 'application/json' : (c.request.contentType ?? undefined),
        decoded.text,
      );
      if (parsed.ok) validateMentions(parsed.items, Date.now());
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.hasOwn(Object.prototype, 'polluted')).toBe(false);
    expect(({} as Record<string, unknown>).author).toBeUndefined();
  });

  it('put exactly the accepted items into mentions.raw, each once, and nothing of a refused one', async () => {
    expect(accepted.size).toBeGreaterThan(40);
    const kafka = createKafkaClient({ brokers: inject('kafkaBrokers'), clientId: 'bad-input-reader', logger: testLogger() });
    const { values, read } = await readLatestByKey(kafka, renamed(mentionsRawTopic, `${namespace}${mentionsRawTopic.name}`));
    expect([...values.keys()].sort()).toEqual([...accepted].sort());
    expect(read).toBe(accepted.size);
    // What arrived is what was sent, not something a refused neighbour or a prototype added.
    expect(values.get('rss:proto.top-level-1')).toMatchObject({ author: { handle: 'writer', name: null, followers: null } });
    expect(values.get('rss:utf8.bom-1')?.text).toBe('Acme mention for utf8.bom');
    const metrics = await (await fetch(`${base}/metrics`)).text();
    expect(metrics).toContain('sl_ingest_rejections_total{reason="unauthorized",service="ingest-gateway"} 3');
    expect(metrics).toContain('sl_ingest_rejections_total{reason="unsupported_media_type",service="ingest-gateway"} 3');
    expect(gateway.output()).not.toContain(CORPUS_TOKEN);
  });
});
