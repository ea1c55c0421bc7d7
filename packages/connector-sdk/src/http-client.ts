// The HTTP helper connectors call as ctx.http: timeouts, a minimum spacing between requests,
// and retries with exponential backoff and jitter on 429, 5xx and network failures, honouring
// Retry-After. A 4xx other than 429 is never retried: the request itself is wrong.
import { backoffDelay } from '@sl/kafka';
import { abortableSleep, type Sleep } from './abortable-sleep.ts';
import { ConnectorError } from './connector-error.ts';
import type { ConnectorEventListener } from './connector-events.ts';
import { parseRetryAfter } from './retry-after.ts';

export interface HttpClientOptions {
  /** Names the connector instance in events. */
  connector: string;
  /** Per-attempt timeout, ms. @default 15_000 */
  timeoutMs?: number;
  /** Attempts per request, the first included. @default 5 */
  maxAttempts?: number;
  /** First backoff ceiling, ms; doubles per attempt, jittered. @default 500 */
  initialDelayMs?: number;
  /** Largest backoff ceiling, ms. @default 30_000 */
  maxDelayMs?: number;
  /** Longest Retry-After waited out inside one request; longer ones fail the run as RATE_LIMITED (retriable). @default 120_000 ms */
  maxRetryAfterMs?: number;
  /** Minimum time between two requests of this client (a source's rate limit), ms. @default 0 */
  minIntervalMs?: number;
  /** @default 'sl-connector/0.1 (brand-listening pipeline)' */
  userAgent?: string;
  /** Sent with every request (e.g. authorization). */
  headers?: Record<string, string>;
  /** Stops waits and requests at shutdown. */
  signal?: AbortSignal;
  /** The one seam tests replace to see the waits chosen without spending them. @default abortableSleep */
  sleep?: Sleep;
  /** @default Math.random */
  random?: () => number;
  /** @default Date.now */
  now?: () => number;
  onEvent?: ConnectorEventListener;
}

export interface HttpResponse<T> {
  status: number;
  /** The final URL, after redirects. */
  url: string;
  headers: Headers;
  body: T;
}

export interface RequestOptions {
  headers?: Record<string, string>;
}

export interface HttpClient {
  getText(url: string, options?: RequestOptions): Promise<HttpResponse<string>>;
  /** Parses the body as JSON; a body that is not JSON is BAD_RESPONSE (not retried). */
  getJson(url: string, options?: RequestOptions): Promise<HttpResponse<unknown>>;
}

export const httpClientDefaults = Object.freeze({
  timeoutMs: 15_000,
  maxAttempts: 5,
  initialDelayMs: 500,
  maxDelayMs: 30_000,
  maxRetryAfterMs: 120_000,
  minIntervalMs: 0,
  userAgent: 'sl-connector/0.1 (brand-listening pipeline)',
});

export function createHttpClient(options: HttpClientOptions): HttpClient {
  const settings = { ...httpClientDefaults, ...definedOnly(options) };
  const sleep = options.sleep ?? abortableSleep;
  const now = options.now ?? Date.now;
  const random = options.random ?? Math.random;
  const emit = options.onEvent ?? (() => {});
  const policy = { initialDelayMs: settings.initialDelayMs, maxDelayMs: settings.maxDelayMs };
  let nextSlotAt = 0;

  // Reserve the next slot synchronously so concurrent callers are spaced too.
  const waitForSlot = async () => {
    if (settings.minIntervalMs <= 0) return;
    const at = Math.max(now(), nextSlotAt);
    nextSlotAt = at + settings.minIntervalMs;
    await sleep(at - now(), options.signal);
  };

  const getText = async (url: string, request: RequestOptions = {}): Promise<HttpResponse<string>> => {
    const headers = { 'user-agent': settings.userAgent, ...options.headers, ...request.headers };
    for (let attempt = 1; ; attempt += 1) {
      throwIfAborted(options.signal);
      await waitForSlot();
      throwIfAborted(options.signal);
      const timeout = AbortSignal.timeout(settings.timeoutMs);
      const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
      let response: Response;
      let body: string;
      try {
        response = await fetch(url, { headers, signal, redirect: 'follow' });
        body = await response.text();
      } catch (cause) {
        throwIfAborted(options.signal);
        const failure = new ConnectorError('HTTP_UNAVAILABLE', `GET ${redactUrl(url)} failed: ${describe(cause)}`, { retriable: true, cause });
        if (attempt >= settings.maxAttempts) throw failure;
        const delayMs = backoffDelay(policy, attempt - 1, random);
        emit({ type: 'http.retry', connector: options.connector, reason: 'network', delayMs, attempt });
        await sleep(delayMs, options.signal);
        continue;
      }
      emit({ type: 'http.response', connector: options.connector, status: response.status, attempt });
      if (response.ok) return { status: response.status, url: response.url || url, headers: response.headers, body };

      const status = response.status;
      if (status !== 429 && status < 500) {
        throw new ConnectorError('HTTP_CLIENT_ERROR', `GET ${redactUrl(url)} answered ${status}: ${excerpt(body)}`, { retriable: false });
      }
      const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), now());
      if (retryAfterMs !== undefined && retryAfterMs > settings.maxRetryAfterMs) {
        throw new ConnectorError('RATE_LIMITED', `GET ${redactUrl(url)} answered ${status} with Retry-After ${retryAfterMs} ms`, {
          retriable: true,
          retryAfterMs,
        });
      }
      if (attempt >= settings.maxAttempts) {
        throw new ConnectorError('HTTP_UNAVAILABLE', `GET ${redactUrl(url)} answered ${status} ${settings.maxAttempts} times: ${excerpt(body)}`, {
          retriable: true,
          ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
        });
      }
      // The source's own wait wins over our guess; without one, back off exponentially with jitter.
      const delayMs = retryAfterMs ?? backoffDelay(policy, attempt - 1, random);
      emit({ type: 'http.retry', connector: options.connector, reason: status === 429 ? 'rate-limited' : 'server-error', status, delayMs, attempt });
      await sleep(delayMs, options.signal);
    }
  };

  return {
    getText,
    async getJson(url, request = {}) {
      const response = await getText(url, { ...request, headers: { accept: 'application/json', ...request.headers } });
      try {
        return { ...response, body: JSON.parse(response.body) as unknown };
      } catch (cause) {
        throw new ConnectorError('BAD_RESPONSE', `GET ${redactUrl(url)}: body is not JSON: ${excerpt(response.body)}`, { cause });
      }
    },
  };
}

function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw signal.reason instanceof Error ? signal.reason : new Error('aborted');
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function excerpt(body: string): string {
  const flat = body.replace(/\s+/g, ' ').trim();
  return flat.length > 200 ? `${flat.slice(0, 197)}...` : flat || '(empty body)';
}

function describe(error: unknown): string {
  if (error instanceof Error) return error.cause instanceof Error ? `${error.message}: ${error.cause.message}` : error.message;
  return String(error);
}

const secretParameters = /^(access_token|token|api_key|apikey|key|secret|password|sig|signature)$/i;

/** Query strings may hold tokens: logs and errors show every other parameter, those redacted. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    for (const name of [...parsed.searchParams.keys()]) {
      if (secretParameters.test(name)) parsed.searchParams.set(name, 'redacted');
    }
    return parsed.toString();
  } catch {
    return '(invalid url)';
  }
}
