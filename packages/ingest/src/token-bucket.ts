// A token bucket per key (an ingest token's id, a webhook's source): `burst` mentions at once,
// refilled at `ratePerSecond`. A request takes as many as it carries, or none: a refused request
// costs nothing, so a client that waits Retry-After seconds gets in.
export type RateDecision = { ok: true } | { ok: false; available: number; retryAfterSeconds: number };

export interface RateLimiterOptions {
  ratePerSecond: number;
  burst: number;
  /** Clock in epoch ms, for tests. @default Date.now */
  now?: () => number;
}

export interface RateLimiter {
  take(key: string, count: number): RateDecision;
}

export function createRateLimiter(options: RateLimiterOptions): RateLimiter {
  const { ratePerSecond, burst } = options;
  if (!(ratePerSecond > 0) || !(burst >= 1))
    throw new RangeError(`a rate limit needs ratePerSecond > 0 and burst >= 1, got ${ratePerSecond} and ${burst}`);
  const now = options.now ?? Date.now;
  const buckets = new Map<string, { tokens: number; at: number }>();
  return {
    take(key, count) {
      const at = now();
      const bucket = buckets.get(key) ?? { tokens: burst, at };
      bucket.tokens = Math.min(burst, bucket.tokens + (Math.max(0, at - bucket.at) / 1000) * ratePerSecond);
      bucket.at = at;
      buckets.set(key, bucket);
      if (count <= bucket.tokens) {
        bucket.tokens -= count;
        return { ok: true };
      }
      return {
        ok: false,
        available: Math.floor(bucket.tokens),
        retryAfterSeconds: Math.max(1, Math.ceil((count - bucket.tokens) / ratePerSecond)),
      };
    },
  };
}
