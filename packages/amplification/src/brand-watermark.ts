// A brand's event-time watermark: the event time up to which its mentions are judged. It is the
// pipeline's ingest watermark (every mention ingested up to then has been read, see
// @sl/kafka control-record.ts) turned into event time, and held back while the brand is being
// backfilled.
//
// Live mentions are published moments before they are ingested, so "ingested by IW" implies
// "published after IW - liveDelay" for any mention still to come, and the watermark can follow IW
// closely. A backfill breaks that: its mentions were published days before they were ingested,
// in any order. Each mention ingested more than liveDelay after it was published is recorded as a
// hold (per second of ingestion: the earliest and latest event time seen). While holds younger
// than `holdMs` of ingestion exist, the watermark may not pass earliest - (latest - earliest):
// the disorder the recent backfill has shown so far, subtracted once more. A shuffled history
// spans days, so its brand's watermark stays put until the load is over; a history sent sorted
// spans little per second and its brand's watermark follows it; a slow connector that delivers
// posts ten minutes late holds its brand ten minutes back. Other brands are not held at all.
export interface WatermarkOptions {
  /** A mention ingested more than this after it was published is a backfill, ms. */
  liveDelayMs: number;
  /** How long, in ingestion time, a backfilled mention holds its brand back, ms. */
  holdMs: number;
}

/** Holds by second of ingestion (epoch seconds as a string): [earliest, latest] event time. */
export type Holds = Record<string, [number, number]>;

/** Records a mention's hold when it is a backfill. */
export function recordHold(holds: Holds, ingestedAt: number, eventTime: number, options: WatermarkOptions): void {
  if (ingestedAt - eventTime <= options.liveDelayMs) return;
  const key = String(Math.floor(ingestedAt / 1000));
  const held = holds[key];
  if (!held) holds[key] = [eventTime, eventTime];
  else {
    held[0] = Math.min(held[0], eventTime);
    held[1] = Math.max(held[1], eventTime);
  }
}

/** Drops holds older than holdMs behind the ingest watermark. */
export function expireHolds(holds: Holds, ingestWatermark: number, options: WatermarkOptions): void {
  const before = Math.floor((ingestWatermark - options.holdMs) / 1000);
  for (const key of Object.keys(holds)) if (Number(key) < before) delete holds[key];
}

/** The event time the brand may be judged up to at this ingest watermark (holds already expired). */
export function brandWatermark(holds: Holds, ingestWatermark: number, options: WatermarkOptions): number {
  let earliest = Number.POSITIVE_INFINITY;
  let latest = Number.NEGATIVE_INFINITY;
  for (const [low, high] of Object.values(holds)) {
    earliest = Math.min(earliest, low);
    latest = Math.max(latest, high);
  }
  const live = ingestWatermark - options.liveDelayMs;
  if (earliest === Number.POSITIVE_INFINITY) return live;
  return Math.min(live, earliest - 1 - (latest - earliest));
}

/** The smallest ingest watermark at which some hold expires; +Infinity with none. */
export function nextHoldExpiry(holds: Holds, options: WatermarkOptions): number {
  let first = Number.POSITIVE_INFINITY;
  for (const key of Object.keys(holds)) first = Math.min(first, (Number(key) + 1) * 1000 + options.holdMs);
  return first;
}
