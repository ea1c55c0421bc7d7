// Exponential backoff with full jitter; an error is retried only when something in its cause
// chain says it can be (a broker hiccup, an object-store outage), never for a programming error
// (errors/error-flags.ts reads the chain).
import { isRetriable } from './errors/error-flags.ts';

export { isRetriable };

export interface RetryPolicy {
  /** @default 200 ms */
  initialDelayMs: number;
  /** @default 10_000 ms */
  maxDelayMs: number;
}

export const defaultRetryPolicy: RetryPolicy = Object.freeze({ initialDelayMs: 200, maxDelayMs: 10_000 });

export function backoffDelay(policy: RetryPolicy, attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** Math.max(0, attempt));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}


/**
 * Runs an admin call again while it fails with a retriable error (a leader moving, a coordinator
 * loading: common for a moment after topics are created), up to `attempts` times.
 */
export async function retryRetriable<T>(work: () => Promise<T>, attempts = 8, policy: RetryPolicy = defaultRetryPolicy): Promise<T> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await work();
    } catch (error) {
      if (attempt + 1 >= attempts || !isRetriable(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, backoffDelay(policy, attempt)));
    }
  }
}
