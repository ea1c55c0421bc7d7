import { describe, expect, it } from 'vitest';
import { MapTrimmer } from '../src/state/map-trimmer.ts';

describe('MapTrimmer', () => {
  it('forgets the oldest entries in insertion order, a touched entry last, across calls', () => {
    const map = new Map<string, number>();
    const trimmer = new MapTrimmer(map);
    for (const key of ['a', 'b', 'c', 'd']) map.set(key, 0);
    expect(trimmer.trim(3)).toBe(1);
    expect([...map.keys()]).toEqual(['b', 'c', 'd']);
    // Touch b (delete + set), then add e: c is now the oldest.
    map.delete('b');
    map.set('b', 1);
    map.set('e', 0);
    expect(trimmer.trim(3)).toBe(1);
    expect([...map.keys()]).toEqual(['d', 'b', 'e']);
    expect(trimmer.trim(1)).toBe(2);
    expect([...map.keys()]).toEqual(['e']);
  });

  it('starts again once the map was emptied and refilled', () => {
    const map = new Map<number, number>();
    const trimmer = new MapTrimmer(map);
    map.set(1, 1);
    expect(trimmer.trim(0)).toBe(1);
    expect(trimmer.trim(0)).toBe(0);
    map.set(2, 2);
    map.set(3, 3);
    expect(trimmer.trim(1)).toBe(1);
    expect([...map.keys()]).toEqual([3]);
  });
});
