// How one scored mention counts, shared by the rollups and the conversation archive so that
// `conversations WHERE counted` drills down to exactly the mentions behind a rollup's `mentions`.
import type { ScoredMention } from '@sl/contracts';

/** Records ingested more than this after their publication are corrections. @default 1 hour */
export const DEFAULT_LATE_AFTER_MS = 60 * 60 * 1000;

export interface ClassifyOptions {
  /** The brand's spamThreshold: a spamScore at or above it is spam. */
  spamThresholdOf: (brandId: string) => number;
  /** Milliseconds between publishedAt and ingestedAt beyond which a record is a correction. @default DEFAULT_LATE_AFTER_MS */
  lateAfterMs?: number;
}

// The split itself (duplicates first, then spam, then thread replies, else counted) is the
// contract's, so the amplification engine compares its own verdicts with exactly this one.
export { type MentionKind, mentionKind, rollupLang } from '@sl/contracts';

/**
 * A correction is decided per record from its own two timestamps, not from a watermark: the
 * same record is a correction in every flush that could ever contain it, so files stay
 * byte-identical when rewritten and no state crosses flushes.
 */
export function isCorrection(mention: Pick<ScoredMention, 'ingestedAt' | 'publishedAt'>, lateAfterMs: number = DEFAULT_LATE_AFTER_MS): boolean {
  return mention.ingestedAt - mention.publishedAt > lateAfterMs;
}
