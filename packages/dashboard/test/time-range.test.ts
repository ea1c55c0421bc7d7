import { describe, expect, it } from 'vitest';
import { exactGrain, parseTimeRange, seriesGrain } from '../src/time-range.ts';

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
});
