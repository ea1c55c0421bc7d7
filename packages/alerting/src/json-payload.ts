// The `json` format: the alert exactly as on its topic (the Alert contract: epoch-ms timestamps,
// numbers as numbers), plus the three timestamps as ISO-8601 UTC strings for people reading logs.
import type { Alert } from '@sl/contracts';

export interface AlertJsonPayload extends Alert {
  windowStartIso: string;
  windowEndIso: string;
  createdAtIso: string;
}

export function jsonPayload(alert: Alert): AlertJsonPayload {
  return {
    ...alert,
    windowStartIso: isoOrNull(alert.windowStart),
    windowEndIso: isoOrNull(alert.windowEnd),
    createdAtIso: isoOrNull(alert.createdAt),
  };
}

function isoOrNull(epochMs: number): string {
  const date = new Date(epochMs);
  // An out-of-range timestamp must not stop the delivery; the epoch-ms field still carries it.
  return Number.isNaN(date.getTime()) ? '' : date.toISOString();
}
