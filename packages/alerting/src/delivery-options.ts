// How hard deliver() tries, in one object with every default beside its field. Time is injected
// (sleep, now, random) so tests run the real retry loop without waiting.
import { setTimeout as wait } from 'node:timers/promises';

export interface AttemptReport {
  webhookId: string;
  /** 1 for the first try. */
  attempt: number;
  /** The HTTP status, when an answer came. */
  status: number | undefined;
  /** undefined when this attempt delivered. */
  code: string | undefined;
  durationMs: number;
}

export interface DeliveryOptions {
  /** Tries in all, the first included. @default 6 */
  maxAttempts: number;
  /** Per attempt, from sending to the status line. @default 10_000 ms */
  timeoutMs: number;
  /** Ceiling of the first backoff wait (full jitter). @default 500 ms */
  initialBackoffMs: number;
  /** Largest backoff ceiling. @default 30_000 ms */
  maxBackoffMs: number;
  /** A receiver's Retry-After is honoured up to this. @default 60_000 ms */
  maxRetryAfterMs: number;
  /** Shown in Slack messages beside the brand id. @default undefined */
  brandName?: string;
  /** Aborting stops waiting and sending; the outcome is WEBHOOK_ABORTED. @default undefined */
  signal?: AbortSignal;
  /** Called after every attempt, for metrics and logs. @default undefined */
  onAttempt?: (report: AttemptReport) => void;
  /** @default setTimeout from node:timers/promises, cancelled by `signal` */
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Epoch ms. @default Date.now */
  now: () => number;
  /** In [0, 1). @default Math.random */
  random: () => number;
}

export const defaultDeliveryOptions: Readonly<DeliveryOptions> = Object.freeze({
  maxAttempts: 6,
  timeoutMs: 10_000,
  initialBackoffMs: 500,
  maxBackoffMs: 30_000,
  maxRetryAfterMs: 60_000,
  sleep: (ms: number, signal?: AbortSignal) => wait(ms, undefined, signal ? { signal } : {}),
  now: () => Date.now(),
  random: () => Math.random(),
});
