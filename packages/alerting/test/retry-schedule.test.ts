import { describe, expect, it } from 'vitest';
import { classifyStatus, fullJitterDelay, retryAfterDelay } from '../src/retry-schedule.ts';

describe('fullJitterDelay', () => {
  const policy = { initialDelayMs: 500, maxDelayMs: 30_000 };

  it('is a random share of a ceiling that doubles from the initial delay up to the maximum', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 7].map((retry) => fullJitterDelay(policy, retry, () => 0.999_999))).toEqual([
      499, 999, 1_999, 3_999, 7_999, 15_999, 29_999, 29_999,
    ]);
    expect(fullJitterDelay(policy, 3, () => 0.5)).toBe(2_000);
    expect(fullJitterDelay(policy, 3, () => 0)).toBe(0);
  });
});

describe('retryAfterDelay', () => {
  it('reads delta-seconds and HTTP dates, and nothing else', () => {
    const now = Date.UTC(2025, 0, 1, 0, 0, 0);
    expect(retryAfterDelay('7', now)).toBe(7_000);
    expect(retryAfterDelay(' 0 ', now)).toBe(0);
    expect(retryAfterDelay('Wed, 01 Jan 2025 00:00:42 GMT', now)).toBe(42_000);
    expect(retryAfterDelay('Tue, 31 Dec 2024 23:00:00 GMT', now)).toBe(0);
    expect(retryAfterDelay('soon', now)).toBeUndefined();
    expect(retryAfterDelay('-3', now)).toBeUndefined();
    expect(retryAfterDelay(null, now)).toBeUndefined();
  });
});

describe('classifyStatus', () => {
  it('sorts statuses into delivered, retry later, server error, refused, unexpected', () => {
    const statuses = [200, 202, 204, 299, 408, 425, 429, 500, 503, 599, 400, 401, 403, 404, 410, 413, 422, 301, 302, 101];
    expect(Object.fromEntries(statuses.map((s) => [s, classifyStatus(s)]))).toEqual({
      200: 'delivered',
      202: 'delivered',
      204: 'delivered',
      299: 'delivered',
      408: 'retry-later',
      425: 'retry-later',
      429: 'retry-later',
      500: 'server-error',
      503: 'server-error',
      599: 'server-error',
      400: 'refused',
      401: 'refused',
      403: 'refused',
      404: 'refused',
      410: 'refused',
      413: 'refused',
      422: 'refused',
      301: 'unexpected',
      302: 'unexpected',
      101: 'unexpected',
    });
  });
});
