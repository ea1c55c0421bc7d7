import { describe, expect, it } from 'vitest';
import { bucketStart, formatWallTime, startOfDay, startOfHour, wholeHourOffsets, zonedInstant, zoneOffset } from '../src/zoned-time.ts';

const HOUR = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString();

describe('zoned time', () => {
  it('knows each zone\'s offset at an instant, DST included', () => {
    expect(zoneOffset('Europe/Paris', Date.UTC(2024, 0, 15))).toBe(HOUR);
    expect(zoneOffset('Europe/Paris', Date.UTC(2024, 6, 15))).toBe(2 * HOUR);
    expect(zoneOffset('America/New_York', Date.UTC(2024, 0, 15))).toBe(-5 * HOUR);
    expect(zoneOffset('Asia/Kolkata', Date.UTC(2024, 0, 15))).toBe(5.5 * HOUR);
    expect(zoneOffset('UTC', Date.UTC(2024, 0, 15, 12, 34, 56, 789))).toBe(0);
  });

  it('starts local days at local midnight: 23 and 25 hours long across a DST change', () => {
    expect(iso(startOfDay('Europe/Paris', Date.UTC(2024, 2, 31, 12)))).toBe('2024-03-30T23:00:00.000Z');
    expect(iso(startOfDay('Europe/Paris', Date.UTC(2024, 3, 1, 12)))).toBe('2024-03-31T22:00:00.000Z');
    expect(iso(startOfDay('Europe/Paris', Date.UTC(2024, 9, 28, 12)))).toBe('2024-10-27T23:00:00.000Z');
    expect(Date.UTC(2024, 9, 27, 23) - startOfDay('Europe/Paris', Date.UTC(2024, 9, 27, 12))).toBe(25 * HOUR);
    expect(iso(startOfDay('America/New_York', Date.UTC(2024, 4, 1, 3)))).toBe('2024-04-30T04:00:00.000Z');
    // Sao Paulo's clocks once skipped midnight itself: that day began at 01:00.
    expect(iso(startOfDay('America/Sao_Paulo', Date.UTC(2018, 10, 4, 15)))).toBe('2018-11-04T03:00:00.000Z');
  });

  it('reads a wall time skipped by DST just after the gap, and a repeated one at its first occurrence', () => {
    expect(iso(zonedInstant('Europe/Paris', { year: 2024, month: 3, day: 31, hour: 2, minute: 30 }))).toBe('2024-03-31T01:30:00.000Z');
    expect(iso(zonedInstant('Europe/Paris', { year: 2024, month: 10, day: 27, hour: 2, minute: 30 }))).toBe('2024-10-27T00:30:00.000Z');
    expect(iso(zonedInstant('Asia/Kolkata', { year: 2024, month: 5, day: 1 }))).toBe('2024-04-30T18:30:00.000Z');
  });

  it('starts local hours on the half hour where the zone is off UTC by one', () => {
    expect(iso(startOfHour('Asia/Kolkata', Date.UTC(2024, 4, 1, 3, 10)))).toBe('2024-05-01T02:30:00.000Z');
    expect(iso(startOfHour('Europe/Paris', Date.UTC(2024, 4, 1, 3, 10)))).toBe('2024-05-01T03:00:00.000Z');
    expect(iso(bucketStart('minute', 'Asia/Kolkata', Date.UTC(2024, 4, 1, 3, 10, 59)))).toBe('2024-05-01T03:10:00.000Z');
    expect(wholeHourOffsets('Europe/Paris', Date.UTC(2024, 0, 1), Date.UTC(2024, 11, 31))).toBe(true);
    expect(wholeHourOffsets('Asia/Kolkata', Date.UTC(2024, 0, 1), Date.UTC(2024, 0, 2))).toBe(false);
    // Lord Howe Island is +11 in summer and +10:30 in winter.
    expect(wholeHourOffsets('Australia/Lord_Howe', Date.UTC(2024, 0, 1), Date.UTC(2024, 2, 1))).toBe(true);
    expect(wholeHourOffsets('Australia/Lord_Howe', Date.UTC(2024, 0, 1), Date.UTC(2024, 5, 1))).toBe(false);
    expect(formatWallTime('America/New_York', Date.UTC(2024, 4, 1, 14, 5))).toBe('2024-05-01 10:05');
  });
});
