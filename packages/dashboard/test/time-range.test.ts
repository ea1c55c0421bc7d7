import { describe, expect, it } from 'vitest';
import { exactGrain, parseTimeRange, parseTimeZone, seriesGrain, seriesPlan } from '../src/time-range.ts';

const q = (text: string) => new URLSearchParams(text);
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe('time ranges', () => {
  it('reads ISO 8601 dates and zoned date-times, either bound open', () => {
    expect(parseTimeRange(q(''))).toEqual({ from: null, to: null });
    expect(parseTimeRange(q('from=2024-05-01'))).toEqual({ from: Date.UTC(2024, 4, 1), to: null });
    expect(parseTimeRange(q('from=2024-05-01T12:00:00%2B02:00&to=2024-05-01T12:30Z'))).toEqual({ from: Date.UTC(2024, 4, 1, 10), to: Date.UTC(2024, 4, 1, 12, 30) });
    expect(() => parseTimeRange(q('from=2024-05-01T12:00:00'))).toThrow('from must be an ISO 8601 date (2024-05-01) or date and time with a zone (2024-05-01T10:00:00Z), got "2024-05-01T12:00:00"');
    expect(() => parseTimeRange(q('to=2024-02-30'))).toThrow('to is not a real date: "2024-02-30"');
    expect(() => parseTimeRange(q('to=2024-05-01T24:00Z'))).toThrow('to is not a real date: "2024-05-01T24:00Z"');
    expect(parseTimeRange(q('to=2024-02-29')).to).toBe(Date.UTC(2024, 1, 29));
  });

  it('answers from the coarsest grain both bounds fall on', () => {
    expect(exactGrain({ from: null, to: null })).toBe('day');
    expect(exactGrain({ from: Date.UTC(2024, 4, 1), to: Date.UTC(2024, 4, 3) })).toBe('day');
    expect(exactGrain({ from: Date.UTC(2024, 4, 1, 5), to: null })).toBe('hour');
    expect(exactGrain({ from: Date.UTC(2024, 4, 1), to: Date.UTC(2024, 4, 1, 5, 1) })).toBe('minute');
    expect(() => exactGrain({ from: Date.UTC(2024, 4, 1, 5, 1, 1), to: null })).toThrow(/whole minute/);
  });

  it('draws series at the finest grain that keeps a chart under 1,500 points', () => {
    const from = Date.UTC(2024, 4, 1);
    expect(seriesGrain({ from, to: from + 6 * HOUR }, null)).toBe('minute');
    expect(seriesGrain({ from, to: from + 25 * HOUR }, null)).toBe('minute');
    expect(seriesGrain({ from, to: from + 26 * HOUR }, null)).toBe('hour');
    expect(seriesGrain({ from, to: from + 90 * DAY }, null)).toBe('day');
    expect(seriesGrain({ from: null, to: null }, null, { first: from, last: from + 2 * HOUR })).toBe('minute');
    expect(seriesGrain({ from: null, to: null }, null)).toBe('day');
    expect(seriesGrain({ from, to: from + 90 * DAY }, 'hour')).toBe('hour');
    expect(() => seriesGrain({ from, to: null }, 'week')).toThrow('grain must be minute, hour or day, got "week"');
  });

  it('counts days and hours in the zone asked for, else the brand\'s, else UTC', () => {
    expect(parseTimeZone(q(''), null)).toBe('UTC');
    expect(parseTimeZone(q(''), 'Europe/Paris')).toBe('Europe/Paris');
    expect(parseTimeZone(q('tz=asia/tokyo'), 'Europe/Paris')).toBe('Asia/Tokyo');
    expect(() => parseTimeZone(q('tz=Mars/Olympus_Mons'), null)).toThrow('tz must be an IANA time zone such as Europe/Paris or America/New_York, got "Mars/Olympus_Mons"');
  });

  it('plans a zone\'s days from hour rollups, or minute rollups where it is off UTC by part of an hour', () => {
    const nyMay1 = Date.UTC(2024, 4, 1, 4);
    expect(seriesPlan({ from: nyMay1, to: nyMay1 + 90 * DAY }, null, 'America/New_York')).toEqual({ grain: 'day', source: 'hour', zone: 'America/New_York' });
    expect(seriesPlan({ from: Date.UTC(2024, 4, 1), to: Date.UTC(2024, 7, 1) }, null)).toEqual({ grain: 'day', source: 'day', zone: 'UTC' });
    // UTC midnights are not New York midnights: its days cannot be drawn from them.
    expect(seriesPlan({ from: Date.UTC(2024, 4, 1), to: Date.UTC(2024, 7, 1) }, null, 'America/New_York')).toEqual({ grain: 'hour', source: 'hour', zone: 'America/New_York' });
    expect(() => seriesPlan({ from: Date.UTC(2024, 4, 1), to: Date.UTC(2024, 7, 1) }, 'day', 'America/New_York')).toThrow("grain day is coarser than the range's bounds allow (at most hour)");
    const kolkataMay1 = Date.UTC(2024, 3, 30, 18, 30);
    expect(seriesPlan({ from: kolkataMay1, to: kolkataMay1 + 30 * DAY }, 'day', 'Asia/Kolkata')).toEqual({ grain: 'day', source: 'minute', zone: 'Asia/Kolkata' });
    expect(seriesPlan({ from: null, to: null }, 'day', 'Europe/Paris', { first: Date.UTC(2024, 0, 1), last: Date.UTC(2024, 11, 31) })).toEqual({ grain: 'day', source: 'hour', zone: 'Europe/Paris' });
  });
});

