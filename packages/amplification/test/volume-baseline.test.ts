import { describe, expect, it } from 'vitest';
import { expectedCount, foldWindow, isWarm, newVolumeBaseline, usualNegativeShare } from '../src/volume-baseline.ts';

const W = 15 * 60_000;
const start = Date.UTC(2026, 10, 16);

/** Folds `days` of windows whose count depends on the hour: quiet nights, busy days. */
function history(days: number, countAt: (hour: number, day: number) => number) {
  const baseline = newVolumeBaseline();
  for (let t = start; t < start + days * 86_400_000; t += W) {
    const hour = new Date(t).getUTCHours();
    const count = countAt(hour, Math.floor((t - start) / 86_400_000));
    foldWindow(baseline, t, count, Math.round(count * 0.2));
  }
  return baseline;
}

describe('volume baseline', () => {
  it('is not warm before a day of history', () => {
    const baseline = history(0.5, () => 10);
    expect(isWarm(baseline, start + 12 * 3_600_000, W)).toBe(false);
    expect(isWarm(history(1.1, () => 10), start + 86_400_000 + 3_600_000, W)).toBe(true);
  });

  it('expects what that hour of the day usually brings', () => {
    const baseline = history(3, (hour) => (hour >= 9 && hour < 18 ? 40 : 4));
    expect(expectedCount(baseline, start + 3 * 86_400_000 + 10 * 3_600_000)).toBeCloseTo(40, 0);
    expect(expectedCount(baseline, start + 3 * 86_400_000 + 3 * 3_600_000)).toBeCloseTo(4, 0);
  });

  it('follows a steady trend, and one spike barely moves it', () => {
    const growing = history(6, (_hour, day) => 20 * 1.1 ** day);
    const next = expectedCount(growing, start + 6 * 86_400_000 + 12 * 3_600_000);
    expect(next).toBeGreaterThan(30);
    expect(next).toBeLessThan(20 * 1.1 ** 6 * 1.1);

    const spiked = history(3, () => 20);
    const before = expectedCount(spiked, start + 3 * 86_400_000 + 12 * 3_600_000);
    foldWindow(spiked, start + 3 * 86_400_000 + 12 * 3_600_000, 400, 0);
    const after = expectedCount(spiked, start + 4 * 86_400_000 + 12 * 3_600_000);
    expect(after / before).toBeLessThan(1.5);
  });

  it('learns the usual negative share, starting from a prior', () => {
    expect(usualNegativeShare(newVolumeBaseline())).toBeCloseTo(0.15, 5);
    expect(usualNegativeShare(history(2, () => 50))).toBeCloseTo(0.2, 2);
  });
});
