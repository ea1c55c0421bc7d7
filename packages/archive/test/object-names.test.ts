import { describe, expect, it } from 'vitest';
import { partFileName, partitionValue, rawArchiveKey, utcDate } from '../src/object-names.ts';

describe('partitionValue', () => {
  it('leaves letters, digits, dot, underscore and dash alone', () => {
    expect(partitionValue('Rss_feed-2.v1')).toBe('Rss_feed-2.v1');
  });

  it('percent-escapes everything else as upper-case hex of its UTF-8 bytes', () => {
    expect(partitionValue('a/b c%=')).toBe('a%2Fb%20c%25%3D');
    expect(partitionValue('é')).toBe('%C3%A9');
    expect(partitionValue('中')).toBe('%E4%B8%AD');
    expect(partitionValue('😀')).toBe('%F0%9F%98%80');
    expect(decodeURIComponent(partitionValue('x/é 中😀'))).toBe('x/é 中😀');
  });

  it('never maps two values to the same escape', () => {
    // A space followed by "2D" and U+202D must stay different.
    expect(partitionValue(' 2D')).not.toBe(partitionValue('\u202D'));
    expect(partitionValue(' 2D')).toBe('%202D');
    expect(partitionValue('\u202D')).toBe('%E2%80%AD');
  });
});

describe('utcDate', () => {
  it('is the UTC calendar date of an epoch-ms instant', () => {
    expect(utcDate(Date.UTC(2024, 4, 1, 0, 0, 0, 0))).toBe('2024-05-01');
    expect(utcDate(Date.UTC(2024, 4, 1, 0, 0, 0, 0) - 1)).toBe('2024-04-30');
    expect(utcDate(Date.parse('2024-05-01T23:30:00-02:00'))).toBe('2024-05-02');
    expect(utcDate(0)).toBe('1970-01-01');
  });
});

describe('rawArchiveKey', () => {
  it('builds the Hive-style key with the part file name', () => {
    expect(partFileName(3, '10', '19')).toBe('part-3-10-19.parquet');
    expect(rawArchiveKey({ prefix: 'raw/v1', source: 'my src', date: '2024-05-01', partition: 3, firstOffset: '10', lastOffset: '19' })).toBe(
      'raw/v1/source=my%20src/date=2024-05-01/part-3-10-19.parquet',
    );
  });
});
