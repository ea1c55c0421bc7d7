// What a connector run reports as it goes. Metrics and logs are built from these typed events,
// never by parsing log lines; tests assert on them directly.

export type ConnectorEvent =
  | { type: 'http.response'; connector: string; status: number; attempt: number }
  | { type: 'http.retry'; connector: string; reason: 'rate-limited' | 'server-error' | 'network'; status?: number; delayMs: number; attempt: number }
  | { type: 'batch.delivered'; connector: string; accepted: number; rejected: number }
  | { type: 'checkpoint.saved'; connector: string }
  | { type: 'progress'; connector: string; done: number; total?: number; unit: string }
  | { type: 'run.finished'; connector: string; outcome: RunOutcome; batches: number; accepted: number; rejected: number };

export type RunOutcome = 'completed' | 'aborted' | 'failed';

export type ConnectorEventListener = (event: ConnectorEvent) => void;

/** Calls every listener; one listener throwing never stops the run or the others. */
export function fanOut(...listeners: Array<ConnectorEventListener | undefined>): ConnectorEventListener {
  const present = listeners.filter((l): l is ConnectorEventListener => l !== undefined);
  return (event) => {
    for (const listener of present) {
      try {
        listener(event);
      } catch {
        // A metrics or logging bug must not take the source down.
      }
    }
  };
}
