// What a window's mention count "should" be for a brand: its own level for that hour of the day,
// scaled by the weekday's usual factor once a week of history exists, and by a slow trend level.
// Closed windows are folded in with each ratio clipped, so one spike (or one noisy author, whose
// mentions are capped before they get here) barely moves the baseline; a steady trend moves it.

export interface VolumeBaseline {
  /** Running mean count per window for each UTC hour of the day. */
  hourMean: number[];
  /** Windows folded into each hour. */
  hourSamples: number[];
  /** Running ratio of actual to hour-of-day expectation for each UTC weekday (0 = Sunday). */
  weekdayFactor: number[];
  weekdaySamples: number[];
  /** Recent actual / seasonal ratio, clipped: follows a trend the hour means have not caught yet. */
  level: number;
  /** Windows folded in total, and the first one's start. */
  windows: number;
  firstWindowStart: number;
  /** Negative share baseline: running sums of (capped) negatives and counts. */
  negatives: number;
  counted: number;
}

/** Per-slot smoothing: about three days of memory for a 15-minute window. */
const SLOT_MEMORY_WINDOWS = 12;
const WEEKDAY_MEMORY_WINDOWS = 96;
const LEVEL_MEMORY_WINDOWS = 16;
/** Negative share memory, in windows (about a day at 15 minutes). */
const NEGATIVE_MEMORY_WINDOWS = 96;
/** Before any history, this share of mentions is assumed negative. */
export const PRIOR_NEGATIVE_SHARE = 0.15;

export function newVolumeBaseline(): VolumeBaseline {
  return {
    hourMean: new Array(24).fill(0),
    hourSamples: new Array(24).fill(0),
    weekdayFactor: new Array(7).fill(1),
    weekdaySamples: new Array(7).fill(0),
    level: 1,
    windows: 0,
    firstWindowStart: 0,
    negatives: 0,
    counted: 0,
  };
}

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** Reads a slot; slots always exist (fixed-length arrays), the fallback only satisfies the type. */
function slot(values: number[], index: number): number {
  return values[index] ?? 0;
}

function hourOf(t: number): number {
  return new Date(t).getUTCHours();
}

function weekdayOf(t: number): number {
  return new Date(t).getUTCDay();
}

/** Enough history for this hour of day: a full hour of windows and at least a day in all. */
export function isWarm(baseline: VolumeBaseline, windowStart: number, windowMs: number): boolean {
  const perHour = Math.max(1, Math.round(HOUR_MS / windowMs));
  return slot(baseline.hourSamples, hourOf(windowStart)) >= perHour && windowStart - baseline.firstWindowStart >= DAY_MS;
}

function seasonal(baseline: VolumeBaseline, windowStart: number): number {
  const hourly = baseline.hourMean[hourOf(windowStart)] ?? 0;
  const weekday = weekdayOf(windowStart);
  // A weekday factor needs that weekday seen for most of a day, and more than a week in all.
  const weekly = slot(baseline.weekdaySamples, weekday) >= 48 && windowStart - baseline.firstWindowStart > 7 * DAY_MS ? slot(baseline.weekdayFactor, weekday) : 1;
  return hourly * weekly;
}

/** Expected (capped) mention count for the window starting at windowStart. */
export function expectedCount(baseline: VolumeBaseline, windowStart: number): number {
  return seasonal(baseline, windowStart) * baseline.level;
}

/** The brand's usual negative share, leaning on the prior while history is short. */
export function usualNegativeShare(baseline: VolumeBaseline): number {
  const priorWeight = 20;
  return (baseline.negatives + PRIOR_NEGATIVE_SHARE * priorWeight) / (baseline.counted + priorWeight);
}

function smooth(current: number, sample: number, samples: number, memory: number): number {
  const alpha = Math.max(1 / memory, 1 / samples);
  return current + alpha * (sample - current);
}

function clip(value: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, value));
}

/** Folds one closed window in. `count` and `negatives` are already capped per author. */
export function foldWindow(baseline: VolumeBaseline, windowStart: number, count: number, negatives: number): void {
  if (baseline.windows === 0) baseline.firstWindowStart = windowStart;
  baseline.windows += 1;
  const hour = hourOf(windowStart);
  const expected = seasonal(baseline, windowStart);
  if (slot(baseline.hourSamples, hour) > 0 && expected > 0) {
    const ratio = clip(count / expected, 0.5, 2);
    baseline.level = clip(smooth(baseline.level, ratio, LEVEL_MEMORY_WINDOWS, LEVEL_MEMORY_WINDOWS), 0.5, 2);
    const weekday = weekdayOf(windowStart);
    const hourly = slot(baseline.hourMean, hour);
    if (hourly > 0) {
      const samples = slot(baseline.weekdaySamples, weekday) + 1;
      baseline.weekdaySamples[weekday] = samples;
      baseline.weekdayFactor[weekday] = smooth(slot(baseline.weekdayFactor, weekday), clip(count / hourly, 0.25, 4), samples, WEEKDAY_MEMORY_WINDOWS);
    }
  }
  // The hour's mean takes the count de-trended, clipped to thrice what it expected, so a spike
  // that was alerted on does not become tomorrow's normal.
  const samples = slot(baseline.hourSamples, hour) + 1;
  baseline.hourSamples[hour] = samples;
  const mean = slot(baseline.hourMean, hour);
  const sample = samples === 1 ? count : Math.min(count / baseline.level, 3 * Math.max(mean, 1));
  baseline.hourMean[hour] = smooth(mean, sample, samples, SLOT_MEMORY_WINDOWS);
  // Negative share: decayed sums, so it follows a brand whose mood changes over days.
  const decay = 1 - 1 / NEGATIVE_MEMORY_WINDOWS;
  baseline.negatives = baseline.negatives * decay + negatives;
  baseline.counted = baseline.counted * decay + count;
}
