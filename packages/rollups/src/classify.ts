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

/**
 * Exactly one of these: duplicates first, then spam, then replies in the brand's threads that do
 * not name it, else counted (so mentions + duplicates + spam + thread replies = records).
 */
export type MentionKind = 'counted' | 'duplicate' | 'spam' | 'thread_reply';

export function mentionKind(mention: ScoredMention, spamThreshold: number): MentionKind {
  if (mention.isDuplicate) return 'duplicate';
  if (mention.spamScore >= spamThreshold) return 'spam';
  if (mention.role === 'thread_reply') return 'thread_reply';
  return 'counted';
}

/**
 * A correction is decided per record from its own two timestamps, not from a watermark: the
 * same record is a correction in every flush that could ever contain it, so files stay
 * byte-identical when rewritten and no state crosses flushes.
 */
export function isCorrection(mention: ScoredMention, lateAfterMs: number = DEFAULT_LATE_AFTER_MS): boolean {
  return mention.ingestedAt - mention.publishedAt > lateAfterMs;
}

/** The rollups' language: detected, else declared, else 'und' (BCP 47 undetermined). */
export function rollupLang(mention: ScoredMention): string {
  return mention.detectedLang ?? mention.lang ?? 'und';
}
