// One batch of a partition's input, in offset order, through the engine, with its release bounded.
// A backfill waits for its watermark and one tick may release all of it; committed in one
// transaction, its outputs (tens of thousands of records, each encoded, then copied by the Kafka
// client) are all alive at once. Two bounds keep that by configuration, whatever the backfill:
// - a tick releases at most its `maxJudged` mentions (the bound is in the tick, so a replay cuts
//   where the live run did); when the bound stopped it, the batch owes a continuation tick, which
//   the worker writes into the partition in the same transaction, so the rest is released by the
//   next batches, each in its own transaction;
// - the batch stops after the tick that took it to `maxJudgedPerBatch` judged mentions, and only
//   the items before the cut are committed: ticks the ticker wrote while a release was judged do
//   not all land in one transaction. Where a batch is cut does not change any state or output (the
//   rest is read again and judged the same), so this cut needs no record in the log.
import type { Brand, ScoredMention } from '@sl/contracts';
import { advanceInSlices, JUDGE_SLICE, yieldToEventLoop } from './advance-in-slices.ts';
import type { AmplificationEngine, EngineOutput } from './amplification-engine.ts';

/** A watermark tick as the engine needs it. */
export interface ReleaseTick {
  ingestWatermark: number;
  /** The most mentions this tick releases; absent: no bound. */
  maxJudged?: number;
}

/** One input item, at its offset: a mention, or a tick. */
export type BatchItem = { offset: string; mention: ScoredMention } | { offset: string; tick: ReleaseTick };

export interface JudgeBatchOptions {
  brandOf: (brandId: string) => Brand | undefined;
  /** The alerts' creation time (the worker's clock when the batch came). */
  createdAt: number;
  /** After a tick, the batch stops once it has judged this many mentions. */
  maxJudgedPerBatch: number;
  take: (output: EngineOutput) => void;
}

export interface JudgedBatch {
  /** The offset just past the last item handled when the batch was cut; undefined when every item was. */
  consumedTo: string | undefined;
  /** Mentions released by the batch's ticks. */
  judged: number;
  /** When the last tick handled left mentions its bound did not release: its watermark, for the continuation tick. */
  owed: number | null;
}

export async function judgeBatch(
  engine: AmplificationEngine,
  items: readonly BatchItem[],
  options: JudgeBatchOptions,
): Promise<JudgedBatch> {
  const { brandOf, createdAt, take } = options;
  let judged = 0;
  let owed: number | null = null;
  let sinceYield = 0;
  for (const [index, item] of items.entries()) {
    if ('mention' in item) {
      take(engine.process(item.mention, brandOf(item.mention.brandId), createdAt));
    } else {
      const step = await advanceInSlices(engine, item.tick.ingestWatermark, brandOf, createdAt, take, {
        ...(item.tick.maxJudged !== undefined ? { maxJudged: item.tick.maxJudged } : {}),
      });
      judged += step.judged;
      // A later tick goes on with the same release (the engine keeps the highest watermark), so
      // only the last one's remainder is owed.
      owed = step.more ? item.tick.ingestWatermark : null;
      if (judged >= options.maxJudgedPerBatch && index < items.length - 1) {
        return { consumedTo: (BigInt(item.offset) + 1n).toString(), judged, owed };
      }
    }
    // Slices of work with the event loop turning between them: the stage's heartbeats keep this
    // member in its group however long the batch.
    if (++sinceYield >= JUDGE_SLICE) {
      sinceYield = 0;
      await yieldToEventLoop();
    }
  }
  return { consumedTo: undefined, judged, owed };
}
