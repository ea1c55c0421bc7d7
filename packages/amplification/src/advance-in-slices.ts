// A watermark tick can release a whole backfill at once: tens of thousands of mentions judged in
// one call would hold a worker's event loop for seconds, and a consumer whose heartbeats stop for
// a session timeout is dropped from its group, its partition handed to a member that then does the
// same (the chaos test saw two workers fence each other this way for eight minutes). So a worker
// advances in slices and lets the event loop turn between them; the engine guarantees the slices
// add up to what one advance gives.
//
// A tick may also bound its release (`maxJudged`, written in the tick): what is left waits for the
// next tick. Where a bounded release stops depends on the state and the bound only, so a replay of
// the same ticks stops at the same mentions.
import type { Brand } from '@sl/contracts';
import type { AmplificationEngine, EngineOutput } from './amplification-engine.ts';

/** Mentions judged between two turns of the event loop: tens of milliseconds of work. */
export const JUDGE_SLICE = 500;

export const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export interface SlicedAdvance {
  /** Mentions judged. */
  judged: number;
  /** The bound stopped the release: mentions (or window closes) the watermark allows still wait. */
  more: boolean;
}

/**
 * `engine.advance` in slices of `slice` judged mentions, each slice's output handed to `take`,
 * judging about `maxJudged` mentions at most (mentions tied in time with the last are not split).
 */
export async function advanceInSlices(
  engine: AmplificationEngine,
  ingestWatermark: number,
  brandOf: (brandId: string) => Brand | undefined,
  createdAt: number,
  take: (output: EngineOutput) => void,
  { maxJudged = Number.POSITIVE_INFINITY, slice = JUDGE_SLICE }: { maxJudged?: number; slice?: number } = {},
): Promise<SlicedAdvance> {
  let judged = 0;
  for (;;) {
    const step = engine.advanceSome(ingestWatermark, brandOf, createdAt, Math.min(slice, maxJudged - judged));
    take(step.output);
    judged += step.judged;
    if (!step.more) return { judged, more: false };
    if (judged >= maxJudged) return { judged, more: true };
    await yieldToEventLoop();
  }
}
