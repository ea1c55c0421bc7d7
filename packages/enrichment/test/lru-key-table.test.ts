import { describe, expect, it } from 'vitest';
import { LruKeyTable } from '../src/state/lru-key-table.ts';

describe('LruKeyTable', () => {
  it('forgets the oldest keys past its capacity, a touched key last, telling each freed slot', () => {
    const table = new LruKeyTable(3, 8);
    const slots = new Map(['a', 'b', 'c', 'd'].map((key) => [key, table.add(key)]));
    const freed: number[] = [];
    expect(table.trim((slot) => freed.push(slot))).toBe(1);
    expect(freed).toEqual([slots.get('a')]);
    expect(table.find('a')).toBe(-1);
    expect(table.find('b')).toBe(slots.get('b'));
    table.touch(slots.get('b') as number);
    table.add('e');
    expect(table.trim(() => {})).toBe(1);
    expect(['b', 'c', 'd', 'e'].map((key) => table.find(key) !== -1)).toEqual([true, false, true, true]);
    expect(table.size).toBe(3);
  });

  it('keeps keys too long for a slot, and keys past Latin-1, as themselves', () => {
    const table = new LruKeyTable(4, 4);
    for (const key of ['abcd', 'abcde', 'ab\u2013c', '']) table.add(key);
    expect(['abcd', 'abcde', 'ab\u2013c', '', 'abc', 'abcdf', 'ab-c'].map((key) => table.find(key) !== -1)).toEqual([
      true,
      true,
      true,
      true,
      false,
      false,
      false,
    ]);
  });

  it('holds two keys past its capacity until trimmed, and no more', () => {
    const table = new LruKeyTable(1, 8);
    table.add('a');
    table.add('b');
    table.add('c');
    expect(() => table.add('d')).toThrow(RangeError);
    expect(table.trim(() => {})).toBe(2);
    expect(table.find('c')).not.toBe(-1);
  });

  it('keeps the same keys in the same order as a Map with delete + set, oldest deleted first, over random operations', () => {
    const capacity = 50;
    const table = new LruKeyTable(capacity, 6);
    const map = new Map<string, number>();
    // A fixed LCG: the same operations every run.
    let seed = 12345;
    const next = (n: number) => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed % n;
    };
    let evictedByTable = 0;
    let evictedByMap = 0;
    for (let step = 0; step < 20_000; step++) {
      // Keys of 1–9 characters (some longer than a slot), from a pool about four times the capacity.
      const key = `k${next(200)}`.padEnd(1 + next(9), 'x');
      const slot = table.find(key);
      expect(slot !== -1).toBe(map.has(key));
      if (next(3) === 0) continue;
      if (slot === -1) table.add(key);
      else table.touch(slot);
      map.delete(key);
      map.set(key, step);
      evictedByTable += table.trim(() => {});
      for (; map.size > capacity; evictedByMap++) map.delete(map.keys().next().value as string);
      expect(table.size).toBe(map.size);
    }
    expect(evictedByTable).toBe(evictedByMap);
    for (const key of map.keys()) expect(table.find(key)).not.toBe(-1);
    // Same order: adding new keys one at a time forgets the old ones oldest first, as the Map holds them.
    const keys = [...map.keys()];
    const keyAt = new Map(keys.map((key) => [table.find(key), key]));
    const order: string[] = [];
    for (let i = 0; i < keys.length; i++) {
      table.add(`new${i}`);
      table.trim((slot) => order.push(keyAt.get(slot) as string));
    }
    expect(order).toEqual(keys);
  });
});
