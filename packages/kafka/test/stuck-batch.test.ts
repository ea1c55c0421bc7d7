import { describe, expect, it } from 'vitest';
import { STUCK_AFTER_MS, stuckBatchWatch } from '../src/stuck-batch.ts';

describe('stuckBatchWatch', () => {
  it('reports a batch failing for a minute, then at most once a minute', () => {
    let now = 1_000;
    const watch = stuckBatchWatch(() => now);
    const seen: Array<ReturnType<typeof watch.failed>> = [];
    for (const step of [0, 20_000, 39_999, 1, 10_000, 49_999, 1, 59_999]) {
      now += step;
      seen.push(watch.failed());
    }
    expect(seen).toEqual([
      null,
      null,
      null,
      { attempts: 4, failingForMs: STUCK_AFTER_MS },
      null,
      null,
      { attempts: 7, failingForMs: 120_000 },
      null,
    ]);
  });
});
