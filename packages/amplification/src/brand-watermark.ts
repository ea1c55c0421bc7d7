// A brand's event-time watermark: the event time up to which its mentions are judged. It is the
// pipeline's ingest watermark (every mention ingested up to then has been read, see
// @sl/kafka ingest-watermark.ts) turned into event time, and held back by what the brand's recent
// mentions show about how late they come.
//
// Every mention ingested more than liveDelay after it was published records a hold, per second of
// ingestion, kept for `holdMs` of ingestion:
// - its delay (ingestion minus publication): while it is recent, the watermark stays that far
//   behind the ingest watermark, the bounded out-of-orderness of streaming systems, measured
//   rather than configured. A source that delivers a second late holds its brand a second back.
// - if it is a backfill (published more than `backfillDelayMs` before ingestion), its event time:
//   while backfill holds exist the watermark may not pass earliest - (latest - earliest), the
//   disorder the backfill has shown so far subtracted once more. A shuffled history spans days,
//   so its brand waits until the load is over (plus holdMs); a sorted one spans little per second
//   and its brand follows it.
// Other brands are not held at all.
export interface WatermarkOptions {
  /** A mention ingested more than this after it was published holds its brand back, ms. */
  liveDelayMs: number;
  /** How long, in ingestion time, a hold lasts, ms. */
  holdMs: number;
  /** A mention ingested more than this after it was published is history being backfilled, ms. @default 60_000 */
  backfillDelayMs?: number;
}

const DEFAULT_BACKFILL_DELAY_MS = 60_000;

/** One second of ingestion's holds: the largest delay, and the backfilled event times' range. */
export interface Hold {
  delay: number;
  earliest?: number;
  latest?: number;
}

/** Holds by second of ingestion (epoch seconds as a string). */
export type Holds = Record<string, Hold>;

/** Records a mention's hold when it came late enough to need one. */
export function recordHold(holds: Holds, ingestedAt: number, eventTime: number, options: WatermarkOptions): void {
  const delay = ingestedAt - eventTime;
  if (delay <= options.liveDelayMs) return;
  const key = String(Math.floor(ingestedAt / 1000));
  const hold = holds[key] ?? { delay: 0 };
  holds[key] = hold;
  hold.delay = Math.max(hold.delay, delay);
  if (delay > (options.backfillDelayMs ?? DEFAULT_BACKFILL_DELAY_MS)) {
    hold.earliest = Math.min(hold.earliest ?? eventTime, eventTime);
    hold.latest = Math.max(hold.latest ?? eventTime, eventTime);
  }
}

/** Drops holds older than holdMs behind the ingest watermark. */
export function expireHolds(holds: Holds, ingestWatermark: number, options: WatermarkOptions): void {
  const before = Math.floor((ingestWatermark - options.holdMs) / 1000);
  for (const key of Object.keys(holds)) if (Number(key) < before) delete holds[key];
}

/** The event time the brand may be judged up to at this ingest watermark (holds already expired). */
export function brandWatermark(holds: Holds, ingestWatermark: number, options: WatermarkOptions): number {
  let delay = options.liveDelayMs;
  let earliest = Number.POSITIVE_INFINITY;
  let latest = Number.NEGATIVE_INFINITY;
  for (const hold of Object.values(holds)) {
    delay = Math.max(delay, hold.delay);
    if (hold.earliest !== undefined) earliest = Math.min(earliest, hold.earliest);
    if (hold.latest !== undefined) latest = Math.max(latest, hold.latest);
  }
  const behind = ingestWatermark - delay;
  if (earliest === Number.POSITIVE_INFINITY) return behind;
  return Math.min(behind, earliest - 1 - (latest - earliest));
}

/** The smallest ingest watermark at which some hold expires; +Infinity with none. */
export function nextHoldExpiry(holds: Holds, options: WatermarkOptions): number {
  let first = Number.POSITIVE_INFINITY;
  for (const key of Object.keys(holds)) first = Math.min(first, (Number(key) + 1) * 1000 + options.holdMs);
  return first;
}
