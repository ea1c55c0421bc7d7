// The engine runs on event time (publishedAt), never the wall clock, so a replay of the same input
// rebuilds the same state and raises the same alerts, and a simulated week behaves like a real one.

/** A publishedAt this far past the moment the pipeline took the mention in is not believed. */
export const MAX_CLOCK_SKEW_MS = 10 * 60_000;

/** publishedAt, unless it claims to be later than ingestion allows (a wrong clock, a hostile date). */
export function eventTime(mention: { publishedAt: number; ingestedAt: number }): number {
  return Math.min(mention.publishedAt, mention.ingestedAt + MAX_CLOCK_SKEW_MS);
}

/**
 * When what a record says happened. For a post it is its publication; for the same post fetched
 * again (the enricher marks it a duplicate of itself) it is the fetch: the new counts were true
 * then, and the pipeline took them in (ingestedAt).
 */
export function observedAt(mention: { publishedAt: number; ingestedAt: number; id: string; isDuplicate: boolean; duplicateOf: string | null }): number {
  if (mention.isDuplicate && mention.duplicateOf === mention.id) return Math.max(eventTime(mention), mention.ingestedAt);
  return eventTime(mention);
}

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

export function utcDay(t: number): number {
  return Math.floor(t / DAY_MS);
}

export function formatUtc(t: number): string {
  return new Date(t).toISOString().replace('T', ' ').replace(/:\d\d\.\d{3}Z$/, 'Z');
}

export function formatUtcTime(t: number): string {
  return new Date(t).toISOString().slice(11, 16);
}
