// POSTs one batch of mentions to the gateway and says, per item, what became of it. Waits out
// what the gateway says to wait out (429 with Retry-After), retries what may pass next time
// (5xx, 408, a dropped connection, no answer) with backoff, splits a batch the gateway finds too
// large, and fails at once on what no retry can fix (a wrong URL, a refused token). Mention ids
// are stable, so a retried request is safe: a copy carries the same id and is marked downstream.
import { classifyStatus, fullJitterDelay, retryAfterDelay } from '@sl/alerting';
import { CliError } from '../cli-error.ts';

export interface GatewayRetryOptions {
  /** Tries per request, the first included; then the backfill stops with exit 1. @default 10 */
  maxAttempts: number;
  /** Ceiling of the first backoff wait (full jitter, doubling per retry). @default 500 ms */
  initialDelayMs: number;
  /** Largest backoff ceiling. @default 30_000 ms */
  maxDelayMs: number;
  /** The gateway's Retry-After is honoured up to this. @default 60_000 ms */
  maxRetryAfterMs: number;
  /** Per request, from sending to the answer. @default 60_000 ms */
  timeoutMs: number;
}

export const defaultGatewayRetry: GatewayRetryOptions = Object.freeze({
  maxAttempts: 10,
  initialDelayMs: 500,
  maxDelayMs: 30_000,
  maxRetryAfterMs: 60_000,
  timeoutMs: 60_000,
});

export interface GatewayClientOptions {
  url: string;
  token: string | undefined;
  retry?: Partial<GatewayRetryOptions>;
  /** Told before each retry, with why; the wait is not said (it is random). */
  onRetry?: (reason: string, attempt: number, maxAttempts: number) => void;
  /** Waits between tries; replaced in tests. @default setTimeout */
  sleep?: (ms: number) => Promise<void>;
}

export interface ItemRejection {
  /** Index in the batch that was posted. */
  index: number;
  /** The item's own id, when it had one. */
  id: string | undefined;
  /** What the gateway said, one line: `path: message; path: message`. */
  message: string;
}

export interface BatchResult {
  accepted: number;
  rejected: ItemRejection[];
}

interface GatewayBody {
  error?: unknown;
  accepted?: unknown;
  rejected?: unknown;
}

export type PostBatch = (items: readonly unknown[]) => Promise<BatchResult>;

export function createGatewayClient(options: GatewayClientOptions): PostBatch {
  const retry: GatewayRetryOptions = { ...defaultGatewayRetry, ...options.retry };
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
  if (options.token !== undefined) headers.authorization = `Bearer ${options.token}`;

  const post = async (items: readonly unknown[]): Promise<BatchResult> => {
    const body = JSON.stringify(items);
    for (let attempt = 1; ; attempt += 1) {
      let waitMs: number;
      let reason: string;
      try {
        const response = await fetch(options.url, { method: 'POST', headers, body, signal: AbortSignal.timeout(retry.timeoutMs) });
        const text = await response.text();
        const answer = parseBody(text);
        const said = describe(response.status, answer, text);
        if (response.status === 202 || response.status === 207) return itemResults(answer, items.length);
        // 400 or 403 with per-item reasons: every item was refused for its own reason.
        if ((response.status === 400 || response.status === 403) && Array.isArray(answer.rejected)) return itemResults(answer, items.length);
        if (response.status === 413) {
          if (items.length > 1) return await split(items);
          const message = typeof answer.error === 'string' ? answer.error : said;
          return { accepted: 0, rejected: [{ index: 0, id: idOf(items[0]), message }] };
        }
        const kind = classifyStatus(response.status);
        if (kind !== 'retry-later' && kind !== 'server-error') {
          throw new CliError(`the gateway at ${options.url} answered ${said}`);
        }
        const asked = retryAfterDelay(response.headers.get('retry-after'), Date.now());
        waitMs = asked !== undefined ? Math.min(asked, retry.maxRetryAfterMs) : backoff(attempt);
        reason = `the gateway answered ${said}`;
      } catch (error) {
        if (error instanceof CliError) throw error;
        waitMs = backoff(attempt);
        reason = `no answer from the gateway at ${options.url} (${networkReason(error, retry.timeoutMs)})`;
      }
      if (attempt >= retry.maxAttempts) throw new CliError(`gave up after ${attempt} attempts: ${reason}`);
      options.onRetry?.(reason, attempt + 1, retry.maxAttempts);
      await sleep(waitMs);
    }
  };

  // Halves until the gateway takes each part; item indices stay those of the batch as posted.
  const split = async (items: readonly unknown[]): Promise<BatchResult> => {
    const half = Math.ceil(items.length / 2);
    const first = await post(items.slice(0, half));
    const second = await post(items.slice(half));
    return {
      accepted: first.accepted + second.accepted,
      rejected: [...first.rejected, ...second.rejected.map((r) => ({ ...r, index: r.index + half }))],
    };
  };

  const backoff = (attempt: number) => fullJitterDelay({ initialDelayMs: retry.initialDelayMs, maxDelayMs: retry.maxDelayMs }, attempt - 1);
  return post;
}

function parseBody(text: string): GatewayBody {
  try {
    const parsed: unknown = JSON.parse(text);
    return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as GatewayBody) : {};
  } catch {
    return {};
  }
}

/** `503 (Kafka did not acknowledge …)`: the status and the gateway's own one-line reason. */
function describe(status: number, answer: GatewayBody, text: string): string {
  const said = typeof answer.error === 'string' ? answer.error : text.trim().slice(0, 200);
  const line = said.split('\n')[0]?.trim();
  return line ? `${status} (${line})` : String(status);
}

function itemResults(answer: GatewayBody, size: number): BatchResult {
  const rejected: ItemRejection[] = [];
  for (const entry of Array.isArray(answer.rejected) ? answer.rejected : []) {
    const { index, id, errors } = (entry ?? {}) as { index?: unknown; id?: unknown; errors?: unknown };
    if (typeof index !== 'number' || index < 0 || index >= size) continue;
    const message = Array.isArray(errors)
      ? errors
          .map((e) => {
            const { path, message: text } = (e ?? {}) as { path?: unknown; message?: unknown };
            return typeof path === 'string' && path !== '' && path !== '(item)' ? `${path}: ${String(text)}` : String(text);
          })
          .join('; ')
      : 'rejected';
    rejected.push({ index, id: typeof id === 'string' ? id : undefined, message });
  }
  const accepted = typeof answer.accepted === 'number' ? answer.accepted : size - rejected.length;
  return { accepted, rejected: rejected.sort((a, b) => a.index - b.index) };
}

function idOf(item: unknown): string | undefined {
  const id = (item as { id?: unknown } | null)?.id;
  return typeof id === 'string' ? id : undefined;
}

function networkReason(error: unknown, timeoutMs: number): string {
  if (error instanceof Error && error.name === 'TimeoutError') return `no answer within ${timeoutMs / 1000} s`;
  const cause = (error as { cause?: { code?: unknown; message?: unknown } } | undefined)?.cause;
  if (typeof cause?.code === 'string') return cause.code;
  if (typeof cause?.message === 'string') return cause.message;
  return error instanceof Error ? error.message : String(error);
}
