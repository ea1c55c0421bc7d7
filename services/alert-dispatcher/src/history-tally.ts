// Historical alerts a brand does not page are tallied per batch, not logged one by one: loading a
// month of mentions can raise ten thousand of them, and one line per batch (with counts by kind
// and the span of windows) says what happened without burying everything else in the log.
import type { Alert } from '@sl/contracts';

export interface HistorySummary {
  /** Historical alerts recorded on the topic and sent to no webhook. */
  alerts: number;
  byKind: Record<string, number>;
  /** Deliveries skipped: for each alert, the webhooks that would have received it. */
  webhooksSkipped: number;
  /** The earliest and latest window end among them, ISO-8601 UTC. */
  windowsEnded: { first: string; last: string };
}

export interface HistoryTally {
  add(alert: Pick<Alert, 'kind' | 'windowEnd'>, withheldWebhooks: number): void;
  /** undefined when nothing was added. */
  summary(): HistorySummary | undefined;
}

export function createHistoryTally(): HistoryTally {
  const byKind: Record<string, number> = {};
  let alerts = 0;
  let webhooksSkipped = 0;
  let first = Number.POSITIVE_INFINITY;
  let last = Number.NEGATIVE_INFINITY;
  return {
    add(alert, withheldWebhooks) {
      alerts += 1;
      byKind[alert.kind] = (byKind[alert.kind] ?? 0) + 1;
      webhooksSkipped += withheldWebhooks;
      first = Math.min(first, alert.windowEnd);
      last = Math.max(last, alert.windowEnd);
    },
    summary() {
      if (alerts === 0) return undefined;
      return { alerts, byKind: { ...byKind }, webhooksSkipped, windowsEnded: { first: iso(first), last: iso(last) } };
    },
  };
}

function iso(epochMs: number): string {
  const date = new Date(epochMs);
  return Number.isNaN(date.getTime()) ? String(epochMs) : date.toISOString();
}
