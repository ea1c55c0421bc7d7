import { describe, expect, it } from 'vitest';
import { createRateLimiter } from '../src/token-bucket.ts';

describe('token bucket', () => {
  it('lets a burst through, then refills at the rate, keeping keys apart', () => {
    let now = 1_000_000;
    const limiter = createRateLimiter({ ratePerSecond: 10, burst: 30, now: () => now });
    expect(limiter.take('a', 30)).toEqual({ ok: true });
    expect(limiter.take('a', 1)).toEqual({ ok: false, available: 0, retryAfterSeconds: 1 });
    expect(limiter.take('b', 30)).toEqual({ ok: true });
    now += 500;
    expect(limiter.take('a', 25)).toEqual({ ok: false, available: 5, retryAfterSeconds: 2 });
    expect(limiter.take('a', 5)).toEqual({ ok: true });
    now += 60_000;
    // Never more than the burst, however long the quiet.
    expect(limiter.take('a', 31)).toEqual({ ok: false, available: 30, retryAfterSeconds: 1 });
    expect(limiter.take('a', 30)).toEqual({ ok: true });
  });

  it('charges nothing for a refused request', () => {
    let now = 0;
    const limiter = createRateLimiter({ ratePerSecond: 1, burst: 3, now: () => now });
    expect(limiter.take('a', 3)).toEqual({ ok: true });
    expect(limiter.take('a', 2)).toEqual({ ok: false, available: 0, retryAfterSeconds: 2 });
    expect(limiter.take('a', 2)).toEqual({ ok: false, available: 0, retryAfterSeconds: 2 });
    now += 2_000;
    expect(limiter.take('a', 2)).toEqual({ ok: true });
  });

  it('refuses a rate or burst that cannot work', () => {
    expect(() => createRateLimiter({ ratePerSecond: 0, burst: 1 })).toThrow(
      'a rate limit needs ratePerSecond > 0 and burst >= 1, got 0 and 1',
    );
    expect(() => createRateLimiter({ ratePerSecond: 1, burst: 0 })).toThrow(
      'a rate limit needs ratePerSecond > 0 and burst >= 1, got 1 and 0',
    );
  });
});
