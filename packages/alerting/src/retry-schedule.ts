// When to try a webhook again: exponential backoff with full jitter (a random wait between 0 and
// the attempt's ceiling, so many dispatchers recovering at once do not knock together), unless
// the receiver said when in Retry-After, which is honoured up to a cap.

export interface BackoffPolicy {
  /** Ceiling of the first wait. @default 500 ms */
  initialDelayMs: number;
  /** Largest ceiling, reached after a few doublings. @default 30_000 ms */
  maxDelayMs: number;
}

/** The wait before retry number `retry` (0 for the wait after the first attempt). */
export function fullJitterDelay(policy: BackoffPolicy, retry: number, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** Math.max(0, retry));
  return Math.floor(random() * ceiling);
}

/** Retry-After as delta-seconds or an HTTP date, in ms from `nowMs`; undefined when absent or unreadable. */
export function retryAfterDelay(header: string | null | undefined, nowMs: number): number | undefined {
  const value = header?.trim();
  if (!value) return undefined;
  if (/^\d+$/.test(value)) return Number(value) * 1_000;
  // An HTTP date names its day and month; without a letter, Date.parse would read "-3" as a year.
  const at = /[A-Za-z]/.test(value) ? Date.parse(value) : Number.NaN;
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}

export type StatusClass = 'delivered' | 'retry-later' | 'server-error' | 'refused' | 'unexpected';

export function classifyStatus(status: number): StatusClass {
  if (status >= 200 && status < 300) return 'delivered';
  if (status === 408 || status === 425 || status === 429) return 'retry-later';
  if (status >= 500 && status < 600) return 'server-error';
  if (status >= 400 && status < 500) return 'refused';
  return 'unexpected';
}
