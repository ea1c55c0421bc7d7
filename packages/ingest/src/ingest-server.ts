// The gateway's HTTP surface: POST /v1/mentions, GET /healthz, GET /metrics.
// A mention is acknowledged (202) only once Kafka has it; a batch's valid items are accepted
// even when others in it are not (207), and each invalid item is reported by its index.
import http from 'node:http';
import { mentionsRawTopic, type BatchingSender, type TopicDefinition, encodeRecord } from '@sl/kafka';
import type { RawMention } from '@sl/contracts';
import { Counter, Histogram, handleOpsRequest, type HealthCheck, type Logger, type Registry } from '@sl/observability';
import { defaultIngestLimits, type IngestLimits } from './ingest-limits.ts';
import { parseRequestBody } from './request-body.ts';
import { validateMentions } from './validate-mentions.ts';
import { createReplayGuard, SIGNATURE_HEADER, TIMESTAMP_HEADER, verifyWebhook } from './webhook-signature.ts';
import type { BodyItem } from './request-body.ts';

function header(req: http.IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}

// A webhook is bound to one source: items may omit it, and may not claim another.
function withSource(item: BodyItem, source: string): BodyItem {
  if (!item.ok || item.value === null || typeof item.value !== 'object' || Array.isArray(item.value)) return item;
  const claimed = (item.value as { source?: unknown }).source;
  if (claimed === undefined) return { ok: true, value: { ...item.value, source } };
  if (claimed !== source) return { ok: false, message: `source is "${String(claimed)}" but this webhook accepts only "${source}"` };
  return item;
}

export interface IngestServerOptions {
  sender: BatchingSender;
  logger: Logger;
  registry: Registry;
  health: HealthCheck;
  /** @default mentionsRawTopic */
  topic?: TopicDefinition<RawMention>;
  limits?: Partial<IngestLimits>;
  /** Clock, for tests. */
  now?: () => number;
  /** Secrets per source for POST /v1/webhooks/<source>; absent means webhooks are off. */
  webhookSecrets?: ReadonlyMap<string, readonly string[]>;
  /** Accepted clock difference for signed webhooks. @default 300 s */
  webhookToleranceSeconds?: number;
}

class BodyTooLarge extends Error {}

function readBody(req: http.IncomingMessage, maxBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > maxBytes) {
      reject(new BodyTooLarge());
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        req.removeAllListeners('data');
        req.resume();
        reject(new BodyTooLarge());
        return;
      }
      chunks.push(chunk);
    });
    req.once('end', () => resolve(Buffer.concat(chunks)));
    req.once('error', reject);
  });
}

function reply(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

export function createIngestServer(options: IngestServerOptions): http.Server {
  const topic = options.topic ?? mentionsRawTopic;
  const limits: IngestLimits = { ...defaultIngestLimits, ...options.limits };
  const now = options.now ?? Date.now;
  const log = options.logger.child({ component: 'ingest-http', topic: topic.name });
  const requests = new Counter({
    name: 'sl_ingest_requests_total',
    help: 'Ingest HTTP requests by status code.',
    labelNames: ['status'],
    registers: [options.registry],
  });
  const mentions = new Counter({
    name: 'sl_ingest_mentions_total',
    help: 'Mentions received, by outcome (accepted, rejected, failed).',
    labelNames: ['outcome'],
    registers: [options.registry],
  });
  const ackSeconds = new Histogram({
    name: 'sl_ingest_ack_seconds',
    help: 'Time from a request being read to Kafka acknowledging its mentions.',
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [options.registry],
  });

  const send = (res: http.ServerResponse, status: number, body: unknown, headers?: Record<string, string>) => {
    requests.inc({ status: String(status) });
    reply(res, status, body, headers);
  };

  const replays = createReplayGuard((options.webhookToleranceSeconds ?? 300) * 2);

  const ingest = async (req: http.IncomingMessage, res: http.ServerResponse, webhookSource?: string): Promise<void> => {
    let raw: Buffer;
    try {
      raw = await readBody(req, limits.maxBodyBytes);
    } catch (error) {
      if (error instanceof BodyTooLarge) {
        send(res, 413, { error: `request body is larger than the limit of ${limits.maxBodyBytes} bytes; split it into smaller requests` }, { connection: 'close' });
        return;
      }
      throw error;
    }
    if (webhookSource !== undefined) {
      const nowSeconds = Math.floor(now() / 1000);
      const verdict = verifyWebhook({
        secrets: options.webhookSecrets?.get(webhookSource) ?? [],
        timestampHeader: header(req, TIMESTAMP_HEADER),
        signatureHeader: header(req, SIGNATURE_HEADER),
        body: raw,
        nowSeconds,
        ...(options.webhookToleranceSeconds !== undefined ? { toleranceSeconds: options.webhookToleranceSeconds } : {}),
      });
      if (!verdict.ok) {
        send(res, 401, { error: verdict.reason });
        return;
      }
      if (!replays.firstTime(verdict.signature, nowSeconds)) {
        send(res, 409, { error: 'this signed request was already accepted (replay); sign each delivery with a fresh timestamp' });
        return;
      }
    }
    const parsed = parseRequestBody(req.headers['content-type'], raw.toString('utf8'));
    if (!parsed.ok) {
      send(res, parsed.status, { error: parsed.message });
      return;
    }
    if (parsed.items.length === 0) {
      send(res, 400, { error: 'the request holds no mentions' });
      return;
    }
    if (parsed.items.length > limits.maxItems) {
      send(res, 413, { error: `the request holds ${parsed.items.length} mentions; the limit is ${limits.maxItems} per request` });
      return;
    }
    const items = webhookSource === undefined ? parsed.items : parsed.items.map((item) => withSource(item, webhookSource));
    const { accepted, rejected } = validateMentions(items, now());
    mentions.inc({ outcome: 'rejected' }, rejected.length);
    if (accepted.length === 0) {
      send(res, 400, { error: 'no valid mentions in the request', accepted: 0, ids: [], rejected });
      return;
    }
    const started = performance.now();
    try {
      await options.sender.send(
        topic.name,
        accepted.map(({ mention }) => encodeRecord(topic, { key: mention.id, value: mention })),
      );
    } catch (error) {
      mentions.inc({ outcome: 'failed' }, accepted.length);
      log.error({ err: error, count: accepted.length }, 'Kafka did not take the mentions');
      send(
        res,
        503,
        { error: 'Kafka did not acknowledge the mentions; retry the request (ids are stable, so a retry is safe)', rejected },
        { 'retry-after': '1' },
      );
      return;
    }
    ackSeconds.observe((performance.now() - started) / 1000);
    mentions.inc({ outcome: 'accepted' }, accepted.length);
    const ids = accepted.map(({ mention }) => mention.id);
    if (rejected.length === 0) send(res, 202, { accepted: ids.length, ids });
    else send(res, 207, { accepted: ids.length, ids, rejected });
  };

  return http.createServer((req, res) => {
    const path = req.url?.split('?')[0];
    const handle = async (): Promise<void> => {
      if (path === '/v1/mentions') {
        if (req.method !== 'POST') {
          send(res, 405, { error: `${req.method} is not allowed on /v1/mentions; use POST` }, { allow: 'POST' });
          return;
        }
        await ingest(req, res);
        return;
      }
      const webhook = /^\/v1\/webhooks\/([^/]+)$/.exec(path ?? '');
      if (webhook) {
        const source = decodeURIComponent(webhook[1] ?? '');
        if (req.method !== 'POST') {
          send(res, 405, { error: `${req.method} is not allowed on webhooks; use POST` }, { allow: 'POST' });
          return;
        }
        if (!options.webhookSecrets?.has(source)) {
          send(res, 404, { error: `no webhook is configured for source "${source}"` });
          return;
        }
        await ingest(req, res, source);
        return;
      }
      if (await handleOpsRequest(req, res, options.registry, options.health)) return;
      send(res, 404, { error: `no route for ${req.method} ${path}; mentions go to POST /v1/mentions` });
    };
    handle().catch((error: unknown) => {
      log.error({ err: error }, 'request failed');
      if (!res.headersSent) send(res, 500, { error: 'internal error; the request was not accepted' });
      else res.destroy();
    });
  });
}
