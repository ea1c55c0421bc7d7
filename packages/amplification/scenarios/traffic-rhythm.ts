// How many mentions a brand gets at a moment: its daily size, the local hour (quiet nights), the
// local weekday, a slow trend, silent stretches, and the planted episodes that multiply it.
import type { Industry } from './vocabulary/industry.ts';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

export interface RhythmPlan {
  perDay: number;
  /** Local time = UTC + this many hours. */
  tzHours: number;
  /** Growth per week as a fraction (0.3 = +30 % a week), compounding; 0 = flat. */
  trendPerWeek: number;
  /** Epoch ms the trend is measured from. */
  origin: number;
}

/** A stretch where the rate is multiplied; what the extra mentions say is up to whoever planted it. */
export interface Episode {
  start: number;
  end: number;
  rateMultiplier: number;
  kind: 'spike' | 'surge';
}

export interface Silence {
  start: number;
  end: number;
}

function normalised(values: readonly number[]): number[] {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  return values.map((v) => v / mean);
}

export class TrafficRhythm {
  private readonly plan: RhythmPlan;
  private readonly daily: number[];
  private readonly weekly: number[];
  readonly episodes: Episode[] = [];
  readonly silences: Silence[] = [];

  constructor(plan: RhythmPlan, industry: Industry) {
    this.plan = plan;
    if (industry.dailyShape.length !== 24 || industry.weeklyShape.length !== 7)
      throw new Error(`${industry.key}: shapes need 24 and 7 values`);
    this.daily = normalised(industry.dailyShape);
    this.weekly = normalised(industry.weeklyShape);
  }

  /** Local hour of day (fractional) and weekday (0 = Monday). */
  local(t: number): { hour: number; weekday: number } {
    const shifted = t + this.plan.tzHours * HOUR;
    const hour = (((shifted % DAY) + DAY) % DAY) / HOUR;
    const weekday = (new Date(shifted).getUTCDay() + 6) % 7;
    return { hour, weekday };
  }

  /** Usual mentions per minute at t, without episodes or silences. */
  usualPerMinute(t: number): number {
    const { hour, weekday } = this.local(t);
    // Linear between hour centres, so the rate never jumps at the top of an hour.
    const position = hour - 0.5;
    const lower = Math.floor(position);
    const fraction = position - lower;
    const a = this.daily[(lower + 24) % 24] ?? 1;
    const b = this.daily[(lower + 25) % 24] ?? 1;
    const dailyFactor = a + (b - a) * fraction;
    const weeks = (t - this.plan.origin) / (7 * DAY);
    const trend = (1 + this.plan.trendPerWeek) ** weeks;
    return (this.plan.perDay / (24 * 60)) * dailyFactor * (this.weekly[weekday] ?? 1) * trend;
  }

  /** Usual mentions expected in [start, start + minutes), integrated minute by minute. */
  usualCount(start: number, minutes: number): number {
    let total = 0;
    for (let m = 0; m < minutes; m++) total += this.usualPerMinute(start + m * MINUTE + MINUTE / 2);
    return total;
  }

  silentAt(t: number): boolean {
    return this.silences.some((s) => t >= s.start && t < s.end);
  }

  episodeAt(t: number): Episode | undefined {
    return this.episodes.find((e) => t >= e.start && t < e.end);
  }
}
