// A batch retried for a minute is no longer a blip the loop rides out: its partition makes no
// progress, and a person should look (a broker that stays away, a store that refuses every write,
// a bug that fails the same batch each time). Retries stay warnings; this says, at error level and
// at most once a minute, how long the partition has been stuck.

/** How long a batch may keep failing before it is reported at error level. */
export const STUCK_AFTER_MS = 60_000;

export interface StuckBatchReport {
  attempts: number;
  failingForMs: number;
}

/** Tracks one batch's failed attempts; `failed` answers a report when one is due. */
export function stuckBatchWatch(now: () => number = Date.now): { failed(): StuckBatchReport | null } {
  let since: number | undefined;
  let reportedAt = Number.NEGATIVE_INFINITY;
  let attempts = 0;
  return {
    failed() {
      const at = now();
      since ??= at;
      attempts += 1;
      if (at - since < STUCK_AFTER_MS || at - reportedAt < STUCK_AFTER_MS) return null;
      reportedAt = at;
      return { attempts, failingForMs: at - since };
    },
  };
}
