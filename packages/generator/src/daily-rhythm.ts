// People talk more in the (UTC) afternoon than at night. The factor averages 1 over a day, so a
// generator's `ratePerSecond` is its daily mean; the live stream and the backfilled history use
// the same curve, which is what lets the amplification worker's hour-of-day baseline hold.

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** How far the busiest hour rises above the mean (and the quietest falls below it). */
export const RHYTHM_DEPTH = 0.3;
/** The busiest hour of the day, UTC. */
export const PEAK_HOUR_UTC = 15;

/** The rate at time t as a share of the daily mean: 0.7 at 03:00 UTC, 1.3 at 15:00 UTC. */
export function dailyRhythm(t: number): number {
  const hour = (((t % DAY_MS) + DAY_MS) % DAY_MS) / HOUR_MS;
  return 1 + RHYTHM_DEPTH * Math.cos((2 * Math.PI * (hour - PEAK_HOUR_UTC)) / 24);
}
