// Runs a connector instance again and again: a run, then a wait of `intervalMs`, until the
// signal aborts. A failed run is logged and retried at the next poll (or after the source's
// Retry-After when it asked for longer); the process never dies of one source's trouble.
import { abortableSleep, type Sleep } from './abortable-sleep.ts';
import { isConnectorError } from './connector-error.ts';
import { type RunConnectorOptions, type RunSummary, runConnector } from './run-connector.ts';

export interface PollOptions<C, K> extends RunConnectorOptions<C, K> {
  /** Wait between the end of one run and the start of the next, ms. */
  intervalMs: number;
  /** Stop after this many runs (the CLI's `run NAME` uses 1). @default Infinity */
  maxRuns?: number;
  /** @default abortableSleep */
  sleep?: Sleep;
}

export interface PollStatus {
  runs: number;
  consecutiveFailures: number;
  lastError: string | null;
  /** Epoch ms of the last run that completed. */
  lastCompletedAt: number | null;
}

export interface PollHandle<K> {
  /** Resolves when the loop has stopped (signal aborted or maxRuns reached). */
  readonly done: Promise<RunSummary<K> | undefined>;
  status(): PollStatus;
}

export function pollConnector<C, K>(options: PollOptions<C, K>): PollHandle<K> {
  const sleep = options.sleep ?? abortableSleep;
  const now = options.now ?? Date.now;
  const signal = options.signal ?? new AbortController().signal;
  const state: PollStatus = { runs: 0, consecutiveFailures: 0, lastError: null, lastCompletedAt: null };
  const logger = options.logger.child({ component: 'connector-poll', connector: options.instance, kind: options.connector.name });

  const loop = async (): Promise<RunSummary<K> | undefined> => {
    let last: RunSummary<K> | undefined;
    while (!signal.aborted && state.runs < (options.maxRuns ?? Number.POSITIVE_INFINITY)) {
      state.runs += 1;
      let waitMs = options.intervalMs;
      try {
        last = await runConnector({ ...options, signal });
        state.consecutiveFailures = 0;
        state.lastError = null;
        if (last.outcome === 'completed') state.lastCompletedAt = now();
      } catch (error) {
        state.consecutiveFailures += 1;
        state.lastError = error instanceof Error ? error.message : String(error);
        const retryAfterMs = isConnectorError(error) ? error.retryAfterMs : undefined;
        if (retryAfterMs !== undefined) waitMs = Math.max(waitMs, retryAfterMs);
        // A config error will not fix itself; it is still retried so an instance never silently stops.
        logger.error({ err: error, code: (error as { code?: unknown }).code, waitMs }, 'connector run failed');
      }
      if (state.runs < (options.maxRuns ?? Number.POSITIVE_INFINITY)) await sleep(waitMs, signal);
    }
    return last;
  };

  return { done: loop(), status: () => ({ ...state }) };
}
