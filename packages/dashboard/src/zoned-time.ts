// Wall-clock time in a named time zone, for the dashboard's day and hour buckets, range bounds
// and labels. Pure (Intl only, no Node API), so the page bundles the same code the server runs.
// Offsets come from the runtime's time-zone data, DST included; a day is midnight to midnight
// local time, 23 or 25 hours long across a DST change.

const HOUR = 3_600_000;
const formats = new Map<string, Intl.DateTimeFormat>();

function formatFor(zone: string): Intl.DateTimeFormat {
  let format = formats.get(zone);
  if (format === undefined) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formats.set(zone, format);
  }
  return format;
}

export interface WallTime {
  year: number;
  /** 1 to 12. */
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/** The wall-clock time in `zone` at the instant `at` (epoch ms). */
export function wallTime(zone: string, at: number): WallTime {
  const parts: Record<string, number> = {};
  for (const part of formatFor(zone).formatToParts(new Date(at))) if (part.type !== 'literal') parts[part.type] = Number(part.value);
  return { year: parts.year ?? 1970, month: parts.month ?? 1, day: parts.day ?? 1, hour: parts.hour ?? 0, minute: parts.minute ?? 0, second: parts.second ?? 0 };
}

/** Local time minus UTC at the instant `at`, ms (e.g. +7,200,000 in Paris in summer). */
export function zoneOffset(zone: string, at: number): number {
  const w = wallTime(zone, at);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return asUtc - (at - (((at % 1000) + 1000) % 1000));
}

/**
 * The instant a wall-clock time in `zone` names. A time skipped by a DST change (02:30 on a spring
 * night) is read with the offset before the change, so it lands just after the gap; a repeated
 * one (autumn) is its first occurrence.
 */
export function zonedInstant(zone: string, wall: Pick<WallTime, 'year' | 'month' | 'day'> & Partial<WallTime>): number {
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour ?? 0, wall.minute ?? 0, wall.second ?? 0);
  // The offsets a day before and after (zones change offset at most once a day): the instant is
  // asUtc minus one of them, and a candidate is right when its own offset is the one it assumed.
  const before = zoneOffset(zone, asUtc - 24 * HOUR);
  const after = zoneOffset(zone, asUtc + 24 * HOUR);
  const valid = [asUtc - before, asUtc - after].filter((at) => zoneOffset(zone, at) === asUtc - at);
  return valid.length === 0 ? asUtc - before : Math.min(...valid);
}

/** Start of the local day in `zone` that holds the instant `at`. */
export function startOfDay(zone: string, at: number): number {
  const w = wallTime(zone, at);
  return zonedInstant(zone, { year: w.year, month: w.month, day: w.day });
}

/** Start of the local hour in `zone` that holds `at` (not a UTC hour in a zone offset by :30 or :45). */
export function startOfHour(zone: string, at: number): number {
  const offset = zoneOffset(zone, at);
  return Math.floor((at + offset) / HOUR) * HOUR - offset;
}

/** The start of the `grain` window in `zone` holding `at`. */
export function bucketStart(grain: 'minute' | 'hour' | 'day', zone: string, at: number): number {
  if (grain === 'minute') return Math.floor(at / 60_000) * 60_000;
  return grain === 'hour' ? startOfHour(zone, at) : startOfDay(zone, at);
}

/** Whether `zone` is a whole number of hours off UTC everywhere from `from` to `to` (checked every 15 days and at both ends). */
export function wholeHourOffsets(zone: string, from: number, to: number): boolean {
  const step = 15 * 24 * HOUR;
  for (let at = from; ; at = Math.min(to, at + step)) {
    if (zoneOffset(zone, at) % HOUR !== 0) return false;
    if (at >= to) return true;
  }
}

/** "2024-05-01 14:00" in `zone`. */
export function formatWallTime(zone: string, at: number): string {
  const w = wallTime(zone, at);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${w.year}-${two(w.month)}-${two(w.day)} ${two(w.hour)}:${two(w.minute)}`;
}
