// sl ingest: a backfill through the gateway. Reads mentions (JSON lines or a JSON array), posts
// them in batches to POST /v1/mentions, paces them to --rate, reports each rejected item by its
// line, and ends with a summary. One request is in flight at a time, so the report follows the
// file's order and a slow gateway slows the reader instead of filling memory.
import { setTimeout as sleepFor } from 'node:timers/promises';
import { CliError, isCliError } from '../cli-error.ts';
import { createGatewayClient, type GatewayRetryOptions } from './gateway-client.ts';
import type { IngestOptions } from './ingest-options.ts';
import { createProgressReporter, type ProgressMode } from './ingest-progress.ts';
import { openInput } from './read-inputs.ts';

export interface IngestSummary {
  accepted: number;
  rejected: number;
  seconds: number;
  /** Accepted mentions per second over the whole run. */
  rate: number;
}

export interface IngestRuntime {
  /** Where progress and notes go (stderr). */
  write: (text: string) => void;
  /** 'bar' on a terminal, else 'lines'; --quiet makes it 'off'. */
  progress: ProgressMode;
  stdin?: NodeJS.ReadableStream;
  retry?: Partial<GatewayRetryOptions>;
  /** Waits between retries and for --rate; replaced in tests. */
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}

/** An item waiting for its batch: a mention to post, or a line already known to be bad. */
type Pending = { at: number; value: unknown } | { at: number; error: string };

export async function runIngest(options: IngestOptions, runtime: IngestRuntime): Promise<IngestSummary> {
  const now = runtime.now ?? Date.now;
  const sleep = runtime.sleep ?? ((ms: number) => sleepFor(ms));
  const reader = await openInput(options.input, runtime.stdin);
  const started = now();
  const progress = createProgressReporter({ mode: options.quiet ? 'off' : runtime.progress, write: runtime.write, now });
  const note = (line: string) => progress.note(`sl ingest: ${line}`);
  const post = createGatewayClient({
    url: options.url,
    token: options.token,
    ...(runtime.retry ? { retry: runtime.retry } : {}),
    sleep,
    onRetry: (reason, attempt, max) => note(`${reason}; retrying (attempt ${attempt} of ${max})`),
  });
  // Under --rate, at least one request a second, so the pace is smooth rather than a burst a minute.
  const batchSize = options.rate === undefined ? options.batchSize : Math.min(options.batchSize, Math.max(1, Math.floor(options.rate)));
  let accepted = 0;
  let rejected = 0;
  let sent = 0;
  let batch: Pending[] = [];
  const report = () => progress.update({ done: accepted + rejected, accepted, rejected, total: reader.total, elapsedMs: now() - started });

  // Notes come out in the input's order: a bad line waits for its batch's answer like the others.
  const flush = async () => {
    if (batch.length === 0) return;
    const settling = batch;
    batch = [];
    const posting = settling.filter((p): p is { at: number; value: unknown } => 'value' in p);
    const problems = new Map<number, { id?: string | undefined; message: string }>();
    for (const p of settling) if ('error' in p) problems.set(p.at, { message: p.error });
    if (posting.length > 0) {
      if (options.rate !== undefined) {
        const due = started + (sent / options.rate) * 1000;
        if (due > now()) await sleep(due - now());
      }
      let result: Awaited<ReturnType<typeof post>>;
      try {
        result = await post(posting.map((p) => p.value));
      } catch (error) {
        progress.finish();
        const before = accepted > 0 ? ` (${accepted} accepted before that)` : '';
        throw new CliError(`${(error as Error).message}${before}`, isCliError(error) ? error.exitCode : 1, { cause: error });
      }
      sent += posting.length;
      accepted += result.accepted;
      for (const r of result.rejected) {
        const at = posting[r.index]?.at ?? 0;
        problems.set(at, { id: r.id, message: r.message });
      }
    }
    for (const [at, { id, message }] of [...problems].sort(([a], [b]) => a - b)) {
      note(`${reader.unit} ${at}${id !== undefined ? ` (id "${id}")` : ''}: ${message}`);
    }
    rejected += problems.size;
    report();
  };

  for await (const item of reader.items) {
    batch.push('error' in item ? item : { at: item.at, value: withSource(item.value, options.source) });
    if (batch.length >= batchSize) await flush();
  }
  await flush();
  progress.finish();
  const seconds = (now() - started) / 1000;
  return {
    accepted,
    rejected,
    seconds: Math.round(seconds * 1000) / 1000,
    rate: seconds > 0 ? Math.round((accepted / seconds) * 10) / 10 : accepted,
  };
}

/** --source fills in the source of a mention that names none; one that names its own keeps it. */
function withSource(value: unknown, source: string | undefined): unknown {
  if (source === undefined || value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  const own = (value as { source?: unknown }).source;
  return own === undefined || own === null ? { ...value, source } : value;
}
