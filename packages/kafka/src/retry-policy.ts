// Exponential backoff with full jitter; an error is retried only when something in its cause
// chain says it can be (a broker hiccup, an object-store outage), never for a programming error.
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

const programmingErrors = [TypeError, RangeError, ReferenceError, SyntaxError];

/** Walks error.cause (and AggregateError.errors) looking for a retriable flag. */
export function isRetriable(error: unknown, depth = 0): boolean {
  if (depth > 8 || error === null || typeof error !== 'object') return false;
  if (programmingErrors.some((type) => error instanceof type)) return false;
  const flagged = error as { retriable?: unknown; canRetry?: unknown; cause?: unknown; errors?: unknown };
  if (flagged.retriable === true || flagged.canRetry === true) return true;
  if (Array.isArray(flagged.errors) && flagged.errors.some((inner) => isRetriable(inner, depth + 1))) return true;
  return flagged.cause !== undefined && isRetriable(flagged.cause, depth + 1);
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
