import { describe, expect, it } from 'vitest';
import { type ConnectorEvent, createHttpClient, isConnectorError, parseRetryAfter } from '../src/index.ts';
import { type FixtureResponse, startFixtureServer } from '../src/conformance/index.ts';

async function withServer(responses: FixtureResponse[], test: (url: string, requests: () => number) => Promise<void>) {
  const server = await startFixtureServer(() => ({ body: { ok: true } }));
  server.injectFaults(responses);
  try {
    await test(server.url, () => server.requests.length);
  } finally {
    await server.close();
  }
}

describe('createHttpClient', () => {
  it('waits what Retry-After asks on 429, backs off with jitter on 5xx, then returns the body', async () => {
    await withServer([{ status: 429, headers: { 'retry-after': '4' } }, { status: 502 }, { status: 503 }], async (url, requests) => {
      const sleeps: number[] = [];
      const events: ConnectorEvent[] = [];
      const http = createHttpClient({ connector: 't', sleep: async (ms) => void sleeps.push(ms), random: () => 0.5, onEvent: (e) => events.push(e) });
      const response = await http.getJson(`${url}/x`);
      expect(response.body).toEqual({ ok: true });
      expect(requests()).toBe(4);
      // 4 s from the header; then ceilings 1000 and 2000 ms (500 doubling), jitter 0.5 -> 3/4 of each.
      expect(sleeps).toEqual([4000, 750, 1500]);
      expect(events.filter((e) => e.type === 'http.retry').map((e) => (e as { status?: number }).status)).toEqual([429, 502, 503]);
    });
  });

  it('never retries a 4xx other than 429', async () => {
    await withServer([{ status: 403, body: 'forbidden' }], async (url, requests) => {
      const error = await createHttpClient({ connector: 't', sleep: async () => {} }).getText(`${url}/x`).catch((e: unknown) => e);
      expect(isConnectorError(error) && [error.code, error.retriable]).toEqual(['HTTP_CLIENT_ERROR', false]);
      expect(requests()).toBe(1);
    });
  });

  it('gives up after maxAttempts with a retriable error', async () => {
    await withServer([{ status: 500 }, { status: 500 }], async (url, requests) => {
      const error = await createHttpClient({ connector: 't', maxAttempts: 2, sleep: async () => {} }).getText(`${url}/x`).catch((e: unknown) => e);
      expect(isConnectorError(error) && [error.code, error.retriable]).toEqual(['HTTP_UNAVAILABLE', true]);
      expect(requests()).toBe(2);
    });
  });

  it('fails as RATE_LIMITED (retriable, with the wait) when Retry-After exceeds what one run waits', async () => {
    await withServer([{ status: 429, headers: { 'retry-after': '3600' } }], async (url) => {
      const error = await createHttpClient({ connector: 't', sleep: async () => {} }).getText(`${url}/x`).catch((e: unknown) => e);
      expect(isConnectorError(error) && [error.code, error.retriable, error.retryAfterMs]).toEqual(['RATE_LIMITED', true, 3_600_000]);
    });
  });

  it('reports a body that is not JSON as BAD_RESPONSE', async () => {
    await withServer([{ body: '<html>' }], async (url) => {
      const error = await createHttpClient({ connector: 't' }).getJson(`${url}/x`).catch((e: unknown) => e);
      expect(isConnectorError(error) && error.code).toBe('BAD_RESPONSE');
    });
  });

  it('spaces requests by minIntervalMs', async () => {
    await withServer([], async (url) => {
      let clock = 1_000;
      const sleeps: number[] = [];
      const http = createHttpClient({ connector: 't', minIntervalMs: 1000, now: () => clock, sleep: async (ms) => void sleeps.push(ms) });
      await http.getText(`${url}/a`);
      clock += 200;
      await http.getText(`${url}/b`);
      expect(sleeps).toEqual([0, 800]);
    });
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates, and ignores junk', () => {
    const now = Date.parse('2025-11-24T10:00:00Z');
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter('Mon, 24 Nov 2025 10:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Mon, 24 Nov 2025 09:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });
});
