// The time range of a request (`from` inclusive, `to` exclusive, ISO 8601, either open) and the
// rollup grain that answers it exactly. Rollups are windows of a minute, an hour or a day by UTC
// event time, so a range is answered from the coarsest grain whose windows both bounds fall on;
// a bound inside a minute cannot be answered from rollups at all and is refused, not rounded.
import { canonicalTimeZone } from '@sl/brands';
import { GRAIN_MS, type Grain } from '@sl/rollups';
import { badRequest } from './api-error.ts';
import { bucketStart, wholeHourOffsets } from './zoned-time.ts';

export interface TimeRange {
  /** Epoch ms, inclusive; null for the beginning of the data. */
  from: number | null;
  /** Epoch ms, exclusive; null for now and beyond. */
  to: number | null;
}

// A date, or a date and time with a zone (Z or ±hh:mm): a time without a zone would mean the
// server's zone, which nobody reading the answer can know.
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

function parseBound(name: string, value: string | null): number | null {
  if (value === null || value === '') return null;
  if (!ISO_DATE.test(value) && !ISO_DATE_TIME.test(value)) {
    throw badRequest(`${name} must be an ISO 8601 date (2024-05-01) or date and time with a zone (2024-05-01T10:00:00Z), got "${value}"`);
  }
  // Date.parse rolls 2024-02-30 over to March 1st: check each field is in its calendar range.
  const [year, month, day, hour = 0, minute = 0, second = 0] = (value.match(/\d+/g) ?? []).map(Number) as number[];
  const daysInMonth = new Date(Date.UTC(year as number, month as number, 0)).getUTCDate();
  const ms = Date.parse(ISO_DATE.test(value) ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(ms) || (month as number) < 1 || (month as number) > 12 || (day as number) < 1 || (day as number) > daysInMonth || hour > 23 || minute > 59 || second > 59) {
    throw badRequest(`${name} is not a real date: "${value}"`);
  }
  return ms;
}

export function parseTimeRange(params: URLSearchParams): TimeRange {
  const range = { from: parseBound('from', params.get('from')), to: parseBound('to', params.get('to')) };
  if (range.from !== null && range.to !== null && range.to <= range.from) throw badRequest('to must be after from');
  return range;
}

const COARSEST_FIRST: readonly Grain[] = ['day', 'hour', 'minute'];

const fallsOn = (grain: Grain, ms: number | null) => ms === null || ms % GRAIN_MS[grain] === 0;

/** The coarsest grain whose windows both bounds fall on (day for all time). */
export function exactGrain(range: TimeRange): Grain {
  const grain = COARSEST_FIRST.find((g) => fallsOn(g, range.from) && fallsOn(g, range.to));
  if (grain === undefined) {
    throw badRequest('from and to must fall on a whole minute (UTC): rollups are counted per minute, hour and day, so a range inside a minute has no exact answer');
  }
  return grain;
}

/** Most points a chart asks for before a coarser grain is chosen. */
export const MAX_POINTS = 1_500;

/** The zone days and hours are counted in: `tz` when given, else the brand's own, else UTC. */
export function parseTimeZone(params: URLSearchParams, brandZone: string | null): string {
  const asked = params.get('tz');
  if (asked === null || asked === '') return brandZone ?? 'UTC';
  const zone = canonicalTimeZone(asked);
  if (zone === undefined) throw badRequest(`tz must be an IANA time zone such as Europe/Paris or America/New_York, got "${asked}"`);
  return zone;
}

const isUtc = (zone: string) => zone === 'UTC' || zone === 'Etc/UTC';

/** The coarsest grain whose windows in `zone` (local midnights, local hours) both bounds fall on. */
function bucketGrain(range: TimeRange, zone: string): Grain {
  const on = (grain: Grain, ms: number | null) => ms === null || bucketStart(grain, zone, ms) === ms;
  const grain = COARSEST_FIRST.find((g) => on(g, range.from) && on(g, range.to));
  if (grain === undefined) {
    throw badRequest('from and to must fall on a whole minute (UTC): rollups are counted per minute, hour and day, so a range inside a minute has no exact answer');
  }
  return grain;
}

export interface SeriesPlan {
  /** The width of each point: a minute, or an hour or a day of the zone's wall clock. */
  grain: Grain;
  /** The rollup grain read and added up into points: the grain itself in UTC, else the finest that tiles the zone's hours. */
  source: Grain;
  zone: string;
}

/**
 * The grain of a time series in `zone`: the one asked for, or the finest that keeps the range
 * under MAX_POINTS; never coarser than the range's bounds allow (the first and last points would
 * hold data from outside the range). Days and hours of a zone other than UTC are added up from
 * hour rollups, or from minute rollups where the zone is off UTC by a part of an hour (India,
 * Nepal, parts of Australia).
 */
export function seriesPlan(range: TimeRange, asked: string | null, zone = 'UTC', dataSpan?: { first: number; last: number }): SeriesPlan {
  const exact = bucketGrain(range, zone);
  let grain: Grain;
  if (asked !== null && asked !== '') {
    if (asked !== 'minute' && asked !== 'hour' && asked !== 'day') throw badRequest(`grain must be minute, hour or day, got "${asked}"`);
    if (GRAIN_MS[asked] > GRAIN_MS[exact]) throw badRequest(`grain ${asked} is coarser than the range's bounds allow (at most ${exact})`);
    grain = asked;
  } else {
    const from = range.from ?? dataSpan?.first;
    const to = range.to ?? (dataSpan ? dataSpan.last + 1 : undefined);
    if (from === undefined || to === undefined) grain = exact;
    else {
      const fine = (['minute', 'hour', 'day'] as const).find((g) => (to - from) / GRAIN_MS[g] <= MAX_POINTS) ?? 'day';
      grain = GRAIN_MS[fine] <= GRAIN_MS[exact] ? fine : exact;
    }
  }
  if (isUtc(zone) || grain === 'minute') return { grain, source: grain, zone };
  const from = range.from ?? dataSpan?.first ?? Date.now();
  const to = range.to ?? (dataSpan ? dataSpan.last + 1 : Date.now());
  return { grain, source: wholeHourOffsets(zone, Math.min(from, to), Math.max(from, to)) ? 'hour' : 'minute', zone };
}

/** The grain of a UTC time series (seriesPlan in UTC). */
export function seriesGrain(range: TimeRange, asked: string | null, dataSpan?: { first: number; last: number }): Grain {
  return seriesPlan(range, asked, 'UTC', dataSpan).grain;
}
