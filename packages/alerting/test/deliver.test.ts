// deliver() against a real HTTP server on 127.0.0.1: exact bytes, headers and signatures
// received, attempts counted exactly, waits taken from the injected sleep (no real waiting).
import http from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { isDeliveryError } from '../src/delivery-error.ts';
import { type DeliveryOutcome, deliver } from '../src/deliver.ts';
import type { DeliveryOptions } from '../src/delivery-options.ts';
import { renderPayload } from '../src/render-payload.ts';
import { type ReceiverAnswer, startWebhookReceiver, type WebhookReceiver } from '../src/testing/webhook-receiver.ts';
import { verifySignature } from '../src/webhook-signature.ts';
import { alertFixture, subscriptionFixture } from './alert-fixture.ts';

const secret = 'whsec-acme-0123456789abcdef';
const nowMs = Date.UTC(2025, 10, 24, 12, 0, 0);
const alert = alertFixture();
let receiver: WebhookReceiver | undefined;

afterEach(async () => {
  await receiver?.close();
  receiver = undefined;
});

/** A receiver answering with `answers` in turn (the last one repeats), and fast, recorded waits. */
async function setUp(answers: ReceiverAnswer[], overrides: Partial<DeliveryOptions> = {}) {
  receiver = await startWebhookReceiver((_, earlier) => answers[Math.min(earlier.length, answers.length - 1)] ?? { status: 204 });
  const slept: number[] = [];
  const options: Partial<DeliveryOptions> = {
    now: () => nowMs,
    random: () => 0.5,
    sleep: async (ms) => {
      slept.push(ms);
    },
    ...overrides,
  };
  return { receiver, slept, options, subscription: subscriptionFixture({ url: `${receiver.url}/hooks/acme` }) };
}

function expectNoSecret(outcome: DeliveryOutcome) {
  const seen = JSON.stringify(outcome) + (outcome.delivered ? '' : `${outcome.error.message} ${String(outcome.error.cause)}`);
  expect(seen).not.toContain(secret);
}

describe('deliver', () => {
  it('POSTs the JSON payload once, with the documented headers and a signature that verifies', async () => {
    const { receiver, options, subscription } = await setUp([{ status: 204 }]);
    const outcome = await deliver(alert, subscription, secret, options);
    expect(outcome).toEqual({ delivered: true, attempts: 1, status: 204, durationMs: 0 });
    expect(receiver.requests).toHaveLength(1);
    const [request] = receiver.requests;
    const body = renderPayload(alert, 'json');
    expect(request?.method).toBe('POST');
    expect(request?.path).toBe('/hooks/acme');
    expect(request?.body.equals(Buffer.from(body))).toBe(true);
    expect(request?.headers).toMatchObject({
      'content-type': 'application/json',
      'user-agent': 'brand-listening-alert-dispatcher',
      'x-sl-alert-id': alert.id,
      'x-sl-brand': 'acme',
      'x-sl-delivery-attempt': '1',
    });
    expect(request?.headers['x-sl-signature']).toMatch(new RegExp(`^t=${nowMs / 1000},v1=[0-9a-f]{64}$`));
    expect(verifySignature(secret, request?.headers['x-sl-signature'], request?.body ?? '', nowMs / 1000)).toEqual({ ok: true });
    expect(verifySignature('some-other-secret-000', request?.headers['x-sl-signature'], request?.body ?? '', nowMs / 1000).ok).toBe(false);
    expect(JSON.stringify(request?.headers)).not.toContain(secret);
  });

  it('sends the Slack format when the subscription asks for it', async () => {
    const { receiver, options, subscription } = await setUp([{ status: 200, body: 'ok' }]);
    const outcome = await deliver(alert, { ...subscription, format: 'slack' }, secret, { ...options, brandName: 'Acme Coffee' });
    expect(outcome.delivered).toBe(true);
    expect(receiver.requests[0]?.body.toString()).toBe(renderPayload(alert, 'slack', { brandName: 'Acme Coffee' }));
    expect(JSON.parse(receiver.requests[0]?.body.toString() ?? '{}')).toHaveProperty('blocks');
  });

  it('retries 503, 503 then 200: three attempts, same body, attempt header counting up, backoff from the injected sleep', async () => {
    const attempts: unknown[] = [];
    const { receiver, slept, options, subscription } = await setUp([{ status: 503 }, { status: 503 }, { status: 200 }], {
      onAttempt: (report) => attempts.push(report),
    });
    const outcome = await deliver(alert, subscription, secret, options);
    expect(outcome).toEqual({ delivered: true, attempts: 3, status: 200, durationMs: 0 });
    expect(receiver.requests.map((r) => r.headers['x-sl-delivery-attempt'])).toEqual(['1', '2', '3']);
    expect(new Set(receiver.requests.map((r) => r.body.toString())).size).toBe(1);
    for (const request of receiver.requests)
      expect(verifySignature(secret, request.headers['x-sl-signature'], request.body, nowMs / 1000).ok).toBe(true);
    // Full jitter with random() = 0.5: half of 500 ms, then half of 1 s.
    expect(slept).toEqual([250, 500]);
    expect(attempts).toEqual([
      { webhookId: 'ops', attempt: 1, status: 503, code: 'WEBHOOK_HTTP_5XX', durationMs: 0 },
      { webhookId: 'ops', attempt: 2, status: 503, code: 'WEBHOOK_HTTP_5XX', durationMs: 0 },
      { webhookId: 'ops', attempt: 3, status: 200, code: undefined, durationMs: 0 },
    ]);
  });

  it('gives up on a 400 after one attempt: permanent, with the answer in the reason', async () => {
    const { receiver, slept, options, subscription } = await setUp([{ status: 400, body: '{"error":"unknown field"}\n' }]);
    const outcome = await deliver(alert, subscription, secret, options);
    expect(outcome.delivered).toBe(false);
    if (outcome.delivered) return;
    expect({ attempts: outcome.attempts, status: outcome.status, code: outcome.error.code, retriable: outcome.error.retriable }).toEqual({
      attempts: 1,
      status: 400,
      code: 'WEBHOOK_HTTP_4XX',
      retriable: false,
    });
    expect(outcome.error.message).toBe('webhook "ops": HTTP 400 ({"error":"unknown field"})');
    expect(isDeliveryError(outcome.error)).toBe(true);
    expect(receiver.requests).toHaveLength(1);
    expect(slept).toEqual([]);
    expectNoSecret(outcome);
  });

  it('stops after maxAttempts when the server keeps failing', async () => {
    const { receiver, slept, options, subscription } = await setUp([{ status: 500, body: 'boom' }], { maxAttempts: 4 });
    const outcome = await deliver(alert, subscription, secret, options);
    expect(outcome.delivered).toBe(false);
    if (outcome.delivered) return;
    expect({ attempts: outcome.attempts, status: outcome.status, code: outcome.error.code }).toEqual({
      attempts: 4,
      status: 500,
      code: 'WEBHOOK_HTTP_5XX',
    });
    expect(outcome.error.message).toBe('webhook "ops": HTTP 500 (boom) after 4 attempts');
    expect(receiver.requests).toHaveLength(4);
    expect(slept).toEqual([250, 500, 1_000]);
    expectNoSecret(outcome);
  });

  it('honours Retry-After on 429 and 503, capped, and retries 408 and 425', async () => {
    const { receiver, slept, options, subscription } = await setUp(
      [
        { status: 429, headers: { 'retry-after': '7' } },
        { status: 503, headers: { 'retry-after': '3600' } },
        { status: 408 },
        { status: 425 },
        { status: 202 },
      ],
      { maxRetryAfterMs: 60_000 },
    );
    const outcome = await deliver(alert, subscription, secret, options);
    expect(outcome).toEqual({ delivered: true, attempts: 5, status: 202, durationMs: 0 });
    expect(receiver.requests).toHaveLength(5);
    expect(slept).toEqual([7_000, 60_000, 1_000, 2_000]);
  });

  it('times an attempt out, retries, and reports WEBHOOK_TIMEOUT', async () => {
    const { receiver, options, subscription } = await setUp(['no-answer'], { timeoutMs: 200, maxAttempts: 2 });
    const outcome = await deliver(alert, subscription, secret, options);
    expect(outcome.delivered).toBe(false);
    if (outcome.delivered) return;
    expect({ attempts: outcome.attempts, status: outcome.status, code: outcome.error.code, retriable: outcome.error.retriable }).toEqual({
      attempts: 2,
      status: undefined,
      code: 'WEBHOOK_TIMEOUT',
      retriable: true,
    });
    expect(outcome.error.message).toBe('webhook "ops": no answer within 200 ms after 2 attempts');
    expect(receiver.requests).toHaveLength(2);
  });

  it('retries when nothing listens, and reports WEBHOOK_NETWORK without the URL path', async () => {
    const port = await freePort();
    const slept: number[] = [];
    const subscription = subscriptionFixture({ url: `http://127.0.0.1:${port}/T000/B000/very-secret-token` });
    const outcome = await deliver(alert, subscription, secret, {
      maxAttempts: 3,
      random: () => 0,
      sleep: async (ms) => void slept.push(ms),
    });
    expect(outcome.delivered).toBe(false);
    if (outcome.delivered) return;
    expect({ attempts: outcome.attempts, code: outcome.error.code, retriable: outcome.error.retriable }).toEqual({
      attempts: 3,
      code: 'WEBHOOK_NETWORK',
      retriable: true,
    });
    expect(outcome.error.message).toBe('webhook "ops": no answer after 3 attempts');
    expect((outcome.error.cause as Error).message).toBe(`connect ECONNREFUSED 127.0.0.1:${port}`);
    expect(slept).toEqual([0, 0]);
    expect(JSON.stringify(outcome) + outcome.error.message + String(outcome.error.cause)).not.toContain('very-secret-token');
  });

  it('does not follow a redirect', async () => {
    const { receiver, options, subscription } = await setUp([{ status: 302, headers: { location: '/elsewhere' } }, { status: 204 }]);
    const outcome = await deliver(alert, subscription, secret, options);
    expect(outcome.delivered).toBe(false);
    if (outcome.delivered) return;
    expect({ attempts: outcome.attempts, status: outcome.status, code: outcome.error.code }).toEqual({
      attempts: 1,
      status: 302,
      code: 'WEBHOOK_HTTP_UNEXPECTED',
    });
    expect(receiver.requests.map((r) => r.path)).toEqual(['/hooks/acme']);
  });

  it('sends nothing without a secret or with a URL that is not http(s)', async () => {
    const { receiver, options, subscription } = await setUp([{ status: 204 }]);
    for (const missing of [undefined, '']) {
      const outcome = await deliver(alert, subscription, missing, options);
      expect(outcome).toMatchObject({ delivered: false, attempts: 0, status: undefined });
      if (!outcome.delivered) {
        expect({ code: outcome.error.code, retriable: outcome.error.retriable, message: outcome.error.message }).toEqual({
          code: 'WEBHOOK_SECRET_MISSING',
          retriable: false,
          message: 'webhook "ops": environment variable ACME_HOOK_SECRET is not set; nothing sent',
        });
      }
    }
    for (const url of ['ftp://127.0.0.1/x', 'not a url', 'file:///etc/passwd']) {
      const outcome = await deliver(alert, { ...subscription, url }, secret, options);
      expect(outcome.delivered ? undefined : outcome.error.code).toBe('WEBHOOK_INVALID_URL');
    }
    expect(receiver.requests).toHaveLength(0);
  });

  it('stops waiting when aborted (the dispatcher is stopping) and says so as retriable', async () => {
    const controller = new AbortController();
    const { receiver, options, subscription } = await setUp([{ status: 503 }], {
      signal: controller.signal,
      sleep: async (_ms, signal) => {
        controller.abort();
        signal?.throwIfAborted();
      },
    });
    const outcome = await deliver(alert, subscription, secret, options);
    expect(outcome.delivered).toBe(false);
    if (outcome.delivered) return;
    expect({ attempts: outcome.attempts, code: outcome.error.code, retriable: outcome.error.retriable }).toEqual({
      attempts: 1,
      code: 'WEBHOOK_ABORTED',
      retriable: true,
    });
    expect(receiver.requests).toHaveLength(1);
    const before = await deliver(alert, subscription, secret, options);
    expect(before.delivered ? undefined : { attempts: before.attempts, code: before.error.code }).toEqual({
      attempts: 0,
      code: 'WEBHOOK_ABORTED',
    });
    expect(receiver.requests).toHaveLength(1);
  });
});

async function freePort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return typeof address === 'object' && address ? address.port : 0;
}
