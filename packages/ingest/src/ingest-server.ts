// The gateway's HTTP surface: POST /v1/mentions, POST /v1/webhooks/<source>, GET /healthz, GET /metrics.
// A mention is acknowledged (202) only once Kafka has it; a batch's valid items are accepted
// even when others in it are not (207), and each refused item is reported by its index.
// Checks run cheapest first: the token (before the body is read), the body's size, its
// encoding and shape, the item count, the token's rate, then each item.
import type http from 'node:http';
import { createServer } from 'node:http';
import type { RawMention } from '@sl/contracts';
import { type BatchingSender, encodeRecord, mentionsRawTopic, type TopicDefinition } from '@sl/kafka';
import { handleOpsRequest, type HealthCheck, type Logger, type Registry } from '@sl/observability';
import { createBearerAuthenticator } from './bearer-auth.ts';
import { discardBody } from './discard-body.ts';
import { createIngestMetrics, type RejectionReason } from './ingest-metrics.ts';
import { defaultIngestLimits, type IngestLimits } from './ingest-limits.ts';
import type { IngestToken } from './ingest-tokens.ts';
import { type BodyTooLarge, isBodyTooLarge, readBody } from './read-body.ts';
import { type BodyItem, decodeBody, parseRequestBody } from './request-body.ts';
import { enforceSourceScope } from './source-scope.ts';
import { createRateLimiter } from './token-bucket.ts';
import { validateMentions } from './validate-mentions.ts';
import { createReplayGuard, SIGNATURE_HEADER, TIMESTAMP_HEADER, verifyWebhook } from './webhook-signature.ts';

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
  /**
   * Bearer tokens for POST /v1/mentions, each with its sources. Absent or empty: no token is asked
   * for and nothing is rate-limited (the gateway's config allows that on loopback only).
   */
  tokens?: readonly IngestToken[];
  /** Secrets per source for POST /v1/webhooks/<source>; absent means webhooks are off. */
  webhookSecrets?: ReadonlyMap<string, readonly string[]>;
  /** Accepted clock difference for signed webhooks. @default 300 s */
  webhookToleranceSeconds?: number;
}

/** Who sent a request: a token, a signed webhook's source, or nobody (no tokens configured). */
type Caller = { kind: 'token'; token: IngestToken } | { kind: 'webhook'; source: string } | { kind: 'anonymous' };

/** Writes a whole JSON answer without ending the response: the client can read it all at once. */
function writeReply(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), ...headers });
  res.write(text);
}

function reply(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  writeReply(res, status, body, headers);
  res.end();
}

export function createIngestServer(options: IngestServerOptions): http.Server {
  const topic = options.topic ?? mentionsRawTopic;
  const limits: IngestLimits = { ...defaultIngestLimits, ...options.limits };
  // A request within maxItems must always fit the bucket, or its client would wait forever.
  if (limits.burst < limits.maxItems)
    throw new RangeError(`the rate burst (${limits.burst}) must be at least maxItems (${limits.maxItems})`);
  const now = options.now ?? Date.now;
  const log = options.logger.child({ component: 'ingest-http', topic: topic.name });
  const metrics = createIngestMetrics(options.registry);
  const tokens = options.tokens ?? [];
  const authenticate = tokens.length > 0 ? createBearerAuthenticator(tokens) : undefined;
  const rate = createRateLimiter({ ratePerSecond: limits.ratePerSecond, burst: limits.burst, now });
  const replays = createReplayGuard((options.webhookToleranceSeconds ?? 300) * 2);

  const send = (res: http.ServerResponse, status: number, body: unknown, headers?: Record<string, string>) => {
    metrics.request(status);
    reply(res, status, body, headers);
  };
  const refuse = (res: http.ServerResponse, reason: RejectionReason, status: number, error: string, headers?: Record<string, string>) => {
    metrics.rejection(reason);
    send(res, status, { error }, headers);
  };

  // Answers at once, but ends the response (which makes Node close the connection) only after
  // reading the rest of the body, within bounds: closing while the client still writes breaks its
  // pipe before it reads the 413 (discard-body.ts says why).
  const refuseTooLarge = async (req: http.IncomingMessage, res: http.ServerResponse, error: BodyTooLarge): Promise<void> => {
    metrics.rejection('body_too_large');
    metrics.request(413);
    writeReply(res, 413, { error: error.message }, { connection: 'close' });
    const discarded = await discardBody(req, { maxBytes: limits.maxDiscardBytes, maxMs: limits.maxDiscardMs });
    const bytes = error.bytesRead + discarded.bytes;
    metrics.discardedBodyBytes(bytes);
    if (discarded.outcome === 'byte_bound' || discarded.outcome === 'time_bound')
      log.warn({ outcome: discarded.outcome, bytes }, 'closed the connection of a refused body before its end');
    res.end();
  };

  const ingest = async (req: http.IncomingMessage, res: http.ServerResponse, caller: Caller): Promise<void> => {
    let raw: Buffer;
    try {
      raw = await readBody(req, limits.maxBodyBytes);
    } catch (error) {
      if (isBodyTooLarge(error)) {
        await refuseTooLarge(req, res, error);
        return;
      }
      throw error;
    }
    if (caller.kind === 'webhook') {
      const nowSeconds = Math.floor(now() / 1000);
      const verdict = verifyWebhook({
        secrets: options.webhookSecrets?.get(caller.source) ?? [],
        timestampHeader: header(req, TIMESTAMP_HEADER),
        signatureHeader: header(req, SIGNATURE_HEADER),
        body: raw,
        nowSeconds,
        ...(options.webhookToleranceSeconds !== undefined ? { toleranceSeconds: options.webhookToleranceSeconds } : {}),
      });
      if (!verdict.ok) {
        refuse(res, 'bad_signature', 401, verdict.reason);
        return;
      }
      if (!replays.firstTime(verdict.signature, nowSeconds)) {
        refuse(res, 'replay', 409, 'this signed request was already accepted (replay); sign each delivery with a fresh timestamp');
        return;
      }
    }
    const decoded = decodeBody(raw);
    if (!decoded.ok) {
      refuse(res, 'invalid_body', decoded.status, decoded.message);
      return;
    }
    const parsed = parseRequestBody(req.headers['content-type'], decoded.text);
    if (!parsed.ok) {
      refuse(res, parsed.status === 415 ? 'unsupported_media_type' : 'invalid_body', parsed.status, parsed.message);
      return;
    }
    if (parsed.items.length === 0) {
      refuse(res, 'invalid_body', 400, 'the request holds no mentions');
      return;
    }
    if (parsed.items.length > limits.maxItems) {
      refuse(res, 'too_many_items', 413, `the request holds ${parsed.items.length} mentions; the limit is ${limits.maxItems} per request`);
      return;
    }
    if (caller.kind !== 'anonymous') {
      const who = caller.kind === 'token' ? `token "${caller.token.id}"` : `webhook source "${caller.source}"`;
      const decision = rate.take(caller.kind === 'token' ? `token:${caller.token.id}` : `webhook:${caller.source}`, parsed.items.length);
      if (!decision.ok) {
        refuse(
          res,
          'rate_limited',
          429,
          `rate limit for ${who} is ${limits.ratePerSecond} mentions/s with a burst of ${limits.burst}: this request holds ${parsed.items.length} mentions and ${decision.available} are available now; retry after ${decision.retryAfterSeconds} s`,
          { 'retry-after': String(decision.retryAfterSeconds) },
        );
        return;
      }
    }
    const items = caller.kind === 'webhook' ? parsed.items.map((item) => withSource(item, caller.source)) : parsed.items;
    const ingestedAt = now();
    const validated = validateMentions(items, ingestedAt);
    const { accepted, rejected, forbidden } = enforceSourceScope(validated, caller.kind === 'token' ? caller.token : undefined);
    metrics.mentions('rejected', validated.rejected.length);
    metrics.mentions('forbidden', forbidden);
    if (accepted.length === 0) {
      if (forbidden === rejected.length)
        send(res, 403, { error: 'no mention in the request is of a source this token may send', accepted: 0, ids: [], rejected });
      else send(res, 400, { error: 'no valid mentions in the request', accepted: 0, ids: [], rejected });
      return;
    }
    const started = performance.now();
    try {
      await options.sender.send(
        topic.name,
        accepted.map(({ mention }) => encodeRecord(topic, { key: mention.id, value: mention })),
      );
    } catch (error) {
      metrics.mentions('failed', accepted.length);
      log.error({ err: error, count: accepted.length }, 'Kafka did not take the mentions');
      send(
        res,
        503,
        { error: 'Kafka did not acknowledge the mentions; retry the request (ids are stable, so a retry is safe)', rejected },
        { 'retry-after': '1' },
      );
      return;
    }
    metrics.ackSeconds((performance.now() - started) / 1000);
    metrics.mentions('accepted', accepted.length);
    const ids = accepted.map(({ mention }) => mention.id);
    if (rejected.length === 0) send(res, 202, { accepted: ids.length, ids });
    else send(res, 207, { accepted: ids.length, ids, rejected });
  };

  return createServer((req, res) => {
    const path = req.url?.split('?')[0];
    const handle = async (): Promise<void> => {
      if (path === '/v1/mentions') {
        if (req.method !== 'POST') {
          send(res, 405, { error: `${req.method} is not allowed on /v1/mentions; use POST` }, { allow: 'POST' });
          return;
        }
        if (authenticate === undefined) {
          await ingest(req, res, { kind: 'anonymous' });
          return;
        }
        const verdict = authenticate(header(req, 'authorization'));
        if (!verdict.ok) {
          refuse(res, 'unauthorized', 401, verdict.reason, { 'www-authenticate': verdict.challenge });
          return;
        }
        await ingest(req, res, { kind: 'token', token: verdict.token });
        return;
      }
      const webhook = /^\/v1\/webhooks\/([^/]+)$/.exec(path ?? '');
      if (webhook) {
        let source: string;
        try {
          source = decodeURIComponent(webhook[1] ?? '');
        } catch {
          send(res, 404, { error: `no webhook is configured for source "${webhook[1]}"` });
          return;
        }
        if (req.method !== 'POST') {
          send(res, 405, { error: `${req.method} is not allowed on webhooks; use POST` }, { allow: 'POST' });
          return;
        }
        if (!options.webhookSecrets?.has(source)) {
          send(res, 404, { error: `no webhook is configured for source "${source}"` });
          return;
        }
        await ingest(req, res, { kind: 'webhook', source });
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
