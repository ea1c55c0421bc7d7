// Combines spam signals into a score in [0, 1] as independent evidence (noisy-or), rounded to
// three decimals so replays print identical numbers.
import { SPAM_REASONS, SPAM_WEIGHTS, type SpamReasonCode } from './spam-reasons.ts';

/** Distinct authors of one text before it counts as copy-paste; two can be a quote. */
export const COPY_PASTE_MIN_AUTHORS = 3;

/** copy_paste weight for a text posted by `authors` distinct authors: 3 → 0.6, 4 → 0.75, 5+ → 0.9. */
export function copyPasteWeight(authors: number): number {
  if (authors < COPY_PASTE_MIN_AUTHORS) return 0;
  return Math.min(SPAM_WEIGHTS.copy_paste, 0.3 + 0.15 * (authors - 1));
}

export interface SpamResult {
  score: number;
  /** Codes in catalogue order. */
  reasons: SpamReasonCode[];
}

export function combineSpamSignals(signals: ReadonlyMap<SpamReasonCode, number>): SpamResult {
  const reasons = (Object.keys(SPAM_REASONS) as SpamReasonCode[]).filter((code) => (signals.get(code) ?? 0) > 0);
  let clean = 1;
  for (const code of reasons) clean *= 1 - (signals.get(code) ?? 0);
  return { score: Math.round((1 - clean) * 1000) / 1000, reasons };
}
