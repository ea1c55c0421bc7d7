import { describe, expect, it } from 'vitest';
import { earliestBound, noteAdded, setEarliest } from '../src/earliest-bound.ts';

describe('earliestBound', () => {
  it('is the exact earliest time when first asked, lowered by an added entry, and never above a live entry', () => {
    const cooldowns: Record<string, number> = { a: 300, b: 100, c: 200 };
    expect(earliestBound(cooldowns, (t) => t)).toBe(100);
    cooldowns.d = 50;
    noteAdded(cooldowns, 50);
    expect(earliestBound(cooldowns, (t) => t)).toBe(50);
    // A later entry leaves it; a deleted one leaves it low (one scan too many, never one missed).
    cooldowns.e = 900;
    noteAdded(cooldowns, 900);
    delete cooldowns.d;
    expect(earliestBound(cooldowns, (t) => t)).toBe(50);
    setEarliest(cooldowns, 100);
    expect(earliestBound(cooldowns, (t) => t)).toBe(100);
  });

  it('is computed per record: a restored state (a new object) gets its own', () => {
    const before: Record<string, { dueAt: number }> = { q: { dueAt: 10 } };
    expect(earliestBound(before, (q) => q.dueAt)).toBe(10);
    const restored = JSON.parse(JSON.stringify(before)) as Record<string, { dueAt: number }>;
    restored.q = { dueAt: 40 };
    expect(earliestBound(restored, (q) => q.dueAt)).toBe(40);
    expect(earliestBound({}, (q: { dueAt: number }) => q.dueAt)).toBe(Number.POSITIVE_INFINITY);
  });
});
