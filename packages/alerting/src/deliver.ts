// POSTs one alert to one webhook until it is accepted (2xx) or there is no point going on:
// retries network errors, timeouts, 408/425/429 and 5xx with backoff (Retry-After honoured),
// stops at once on any other 4xx. Never throws for what the network or the receiver does: the
// outcome says what happened, with a stable code. The secret only ever goes into the HMAC.
import type { Alert, WebhookSubscription } from '@sl/contracts';
import { DeliveryError } from './delivery-error.ts';
import { type DeliveryOptions, defaultDeliveryOptions } from './delivery-options.ts';
import { renderPayload } from './render-payload.ts';
import { classifyStatus, fullJitterDelay, retryAfterDelay } from './retry-schedule.ts';
import { deliveryHeaders } from './webhook-headers.ts';

export type DeliveryOutcome =
  | { delivered: true; attempts: number; status: number; durationMs: number }
  | { delivered: false; attempts: number; status: number | undefined; error: DeliveryError; durationMs: number };

interface AttemptResult {
  status: number | undefined;
  /** undefined when delivered. */
  error: DeliveryError | undefined;
  retryAfterMs: number | undefined;
}

// Enough of an error answer to say why in a dead letter, not a whole HTML page.
const ANSWER_SNIPPET_CHARS = 200;
const ANSWER_SNIPPET_BYTES = 4_096;

export async function deliver(
  alert: Alert,
  subscription: WebhookSubscription,
  secret: string | undefined,
  options: Partial<DeliveryOptions> = {},
): Promise<DeliveryOutcome> {
  const opts: DeliveryOptions = { ...defaultDeliveryOptions, ...withoutUndefined(options) };
  const started = opts.now();
  const webhook = `webhook "${subscription.id}"`;
  const finish = (attempts: number, status: number | undefined, error: DeliveryError | undefined): DeliveryOutcome => {
    const durationMs = opts.now() - started;
    if (error === undefined && status !== undefined) return { delivered: true, attempts, status, durationMs };
    return {
      delivered: false,
      attempts,
      status,
      error: error ?? new DeliveryError('WEBHOOK_HTTP_UNEXPECTED', `${webhook}: no outcome`),
      durationMs,
    };
  };

  if (!secret) {
    return finish(
      0,
      undefined,
      new DeliveryError('WEBHOOK_SECRET_MISSING', `${webhook}: environment variable ${subscription.secretEnv} is not set; nothing sent`),
    );
  }
  const url = httpUrl(subscription.url);
  if (!url)
    return finish(
      0,
      undefined,
      new DeliveryError('WEBHOOK_INVALID_URL', `${webhook}: the URL is not an absolute http(s) URL; nothing sent`),
    );

  const body = renderPayload(alert, subscription.format, opts.brandName === undefined ? {} : { brandName: opts.brandName });
  for (let attempt = 1; ; attempt += 1) {
    if (opts.signal?.aborted) return finish(attempt - 1, undefined, aborted(webhook));
    const attemptStarted = opts.now();
    const result = await attemptOnce(
      url,
      deliveryHeaders(alert, secret, body, attempt, Math.floor(opts.now() / 1_000)),
      body,
      webhook,
      opts,
    );
    opts.onAttempt?.({
      webhookId: subscription.id,
      attempt,
      status: result.status,
      code: result.error?.code,
      durationMs: opts.now() - attemptStarted,
    });
    const { error } = result;
    if (error === undefined) return finish(attempt, result.status, undefined);
    if (!error.retriable || error.code === 'WEBHOOK_ABORTED' || attempt >= opts.maxAttempts) {
      const after = error.retriable && error.code !== 'WEBHOOK_ABORTED' ? ` after ${attempt} attempt${attempt === 1 ? '' : 's'}` : '';
      const final = new DeliveryError(error.code, `${error.message}${after}`, { cause: error.cause, ...statusOf(result.status) });
      return finish(attempt, result.status, final);
    }
    const delay =
      result.retryAfterMs !== undefined
        ? Math.min(opts.maxRetryAfterMs, result.retryAfterMs)
        : fullJitterDelay({ initialDelayMs: opts.initialBackoffMs, maxDelayMs: opts.maxBackoffMs }, attempt - 1, opts.random);
    try {
      await opts.sleep(delay, opts.signal);
    } catch {
      return finish(attempt, result.status, aborted(webhook));
    }
  }
}

async function attemptOnce(
  url: URL,
  headers: Record<string, string>,
  body: string,
  webhook: string,
  opts: DeliveryOptions,
): Promise<AttemptResult> {
  const timeout = AbortSignal.timeout(opts.timeoutMs);
  const signal = opts.signal ? AbortSignal.any([timeout, opts.signal]) : timeout;
  let response: Response;
  try {
    // A redirect is an answer, not a detour: a signed POST must not follow it to another host.
    response = await fetch(url, { method: 'POST', headers, body, redirect: 'manual', signal });
  } catch (error) {
    if (opts.signal?.aborted) return { status: undefined, error: aborted(webhook), retryAfterMs: undefined };
    if (timeout.aborted) {
      return {
        status: undefined,
        error: new DeliveryError('WEBHOOK_TIMEOUT', `${webhook}: no answer within ${opts.timeoutMs} ms`, { cause: error }),
        retryAfterMs: undefined,
      };
    }
    // fetch says only "fetch failed"; what went wrong (refused, reset, DNS) is its cause.
    const cause = (error as { cause?: unknown }).cause ?? error;
    return { status: undefined, error: new DeliveryError('WEBHOOK_NETWORK', `${webhook}: no answer`, { cause }), retryAfterMs: undefined };
  }

  const { status } = response;
  const kind = classifyStatus(status);
  if (kind === 'delivered') {
    // The receiver has accepted; what it says besides does not matter and must not hold the socket.
    await response.body?.cancel().catch(() => undefined);
    return { status, error: undefined, retryAfterMs: undefined };
  }
  const answer = await answerSnippet(response);
  const said = `${webhook}: HTTP ${status}${answer ? ` (${answer})` : ''}`;
  const retryAfterMs =
    kind === 'retry-later' || kind === 'server-error' ? retryAfterDelay(response.headers.get('retry-after'), opts.now()) : undefined;
  const code =
    kind === 'retry-later'
      ? 'WEBHOOK_HTTP_RETRY_LATER'
      : kind === 'server-error'
        ? 'WEBHOOK_HTTP_5XX'
        : kind === 'refused'
          ? 'WEBHOOK_HTTP_4XX'
          : 'WEBHOOK_HTTP_UNEXPECTED';
  return { status, error: new DeliveryError(code, said, { status }), retryAfterMs };
}

async function answerSnippet(response: Response): Promise<string> {
  // Read a few KiB at most: an error page can be large, and only its start says anything.
  const reader = response.body?.getReader();
  if (!reader) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    while (size < ANSWER_SNIPPET_BYTES) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      size += value.byteLength;
    }
  } catch {
    // A broken answer body still leaves the status to go by.
  } finally {
    await reader.cancel().catch(() => undefined);
  }
  return Buffer.concat(chunks).toString('utf8').replace(/\s+/g, ' ').trim().slice(0, ANSWER_SNIPPET_CHARS);
}

function httpUrl(text: string): URL | undefined {
  try {
    const url = new URL(text);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url : undefined;
  } catch {
    return undefined;
  }
}

function aborted(webhook: string): DeliveryError {
  return new DeliveryError('WEBHOOK_ABORTED', `${webhook}: delivery abandoned because the dispatcher is stopping`);
}

function statusOf(status: number | undefined): { status?: number } {
  return status === undefined ? {} : { status };
}

function withoutUndefined<T extends object>(options: T): Partial<T> {
  return Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)) as Partial<T>;
}
