// A watermark tick can release a whole backfill at once: tens of thousands of mentions judged in
// one call would hold a worker's event loop for seconds, and a consumer whose heartbeats stop for
// a session timeout is dropped from its group, its partition handed to a member that then does the
// same (the chaos test saw two workers fence each other this way for eight minutes). So a worker
// advances in slices and lets the event loop turn between them; the engine guarantees the slices
// add up to what one advance gives.
import type { Brand } from '@sl/contracts';
import type { AmplificationEngine, EngineOutput } from './amplification-engine.ts';

/** Mentions judged between two turns of the event loop: tens of milliseconds of work. */
export const JUDGE_SLICE = 500;

export const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** `engine.advance` in slices of `slice` judged mentions, each slice's output handed to `take`. */
export async function advanceInSlices(
  engine: AmplificationEngine,
  ingestWatermark: number,
  brandOf: (brandId: string) => Brand | undefined,
  createdAt: number,
  take: (output: EngineOutput) => void,
  slice = JUDGE_SLICE,
): Promise<void> {
  for (;;) {
    const { output, more } = engine.advanceSome(ingestWatermark, brandOf, createdAt, slice);
    take(output);
    if (!more) return;
    await yieldToEventLoop();
  }
}
