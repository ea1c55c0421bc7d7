import { describe, expect, it } from 'vitest';
import { PartitionHistory } from '../src/history-gap.ts';

describe('PartitionHistory', () => {
  it('replays the last `limit` records before the first batch of a partition never read here', () => {
    const history = new PartitionHistory(1_000);
    expect(history.gapBefore(0, 5_000n)).toEqual({ from: 4_000n, to: 5_000n });
    expect(history.gapBefore(1, 300n)).toEqual({ from: 0n, to: 300n });
    expect(history.gapBefore(2, 0n)).toBeUndefined();
  });

  it('replays nothing when a batch starts at or before what was read here (a retry, a seek back)', () => {
    const history = new PartitionHistory(1_000);
    history.saw(0, 5_000n);
    history.saw(0, 5_600n);
    expect(history.gapBefore(0, 5_600n)).toBeUndefined();
    expect(history.gapBefore(0, 5_200n)).toBeUndefined();
    // A retry that saw less does not move the mark back.
    history.saw(0, 5_300n);
    expect(history.gapBefore(0, 5_600n)).toBeUndefined();
  });

  it('replays only what another member processed meanwhile, bounded by the limit', () => {
    const history = new PartitionHistory(1_000);
    history.saw(0, 5_600n);
    expect(history.gapBefore(0, 6_100n)).toEqual({ from: 5_600n, to: 6_100n });
    expect(history.gapBefore(0, 9_000n)).toEqual({ from: 8_000n, to: 9_000n });
  });

  it('replays the full limit for a partition lost and taken over again', () => {
    const history = new PartitionHistory(1_000);
    history.saw(0, 5_600n);
    history.saw(1, 700n);
    history.keepOnly([1]);
    expect(history.gapBefore(0, 5_600n)).toEqual({ from: 4_600n, to: 5_600n });
    expect(history.gapBefore(1, 700n)).toBeUndefined();
  });

  it('replays nothing with a limit of 0', () => {
    expect(new PartitionHistory(0).gapBefore(0, 5_000n)).toBeUndefined();
  });
});
