// Combines the text's verdict with context signals into a score in [0, 1] as independent evidence
// (noisy-or): the model's probability, then each weighted reason. Rounded to three decimals so
// replays print identical numbers.
import { SPAM_REASONS, SPAM_WEIGHTS, type SpamReasonCode } from './spam-reasons.ts';

/** Distinct authors of one text before it counts as copy-paste; two can be a quote. */
export const COPY_PASTE_MIN_AUTHORS = 3;
/** The model's probability at which it is named as a reason when no rule fired. */
export const SPAM_WORDING_MIN = 0.5;

/** copy_paste weight for a text posted by `authors` distinct authors: 3 → 0.6, 4 → 0.75, 5+ → 0.9. */
export function copyPasteWeight(authors: number): number {
  if (authors < COPY_PASTE_MIN_AUTHORS) return 0;
  return Math.min(SPAM_WEIGHTS.copy_paste ?? 0, 0.3 + 0.15 * (authors - 1));
}

export interface SpamResult {
  score: number;
  /** Codes in catalogue order. */
  reasons: SpamReasonCode[];
}

/**
 * `text` is what the comment says (readCommentText: its reasons in catalogue order); `context` holds weights of reasons from
 * outside the text (copy_paste, pasted_post, broadcast_only). `weights` are the text reasons' own
 * (the cross-validation compares others).
 */
export function combineSpamSignals(
  text: { modelScore: number; textReasons: readonly SpamReasonCode[] },
  context: ReadonlyMap<SpamReasonCode, number>,
  weights: Readonly<Partial<Record<SpamReasonCode, number>>> = SPAM_WEIGHTS,
): SpamResult {
  let clean = 1 - text.modelScore;
  for (const code of text.textReasons) clean *= 1 - (weights[code] ?? 0);
  let reasons: SpamReasonCode[];
  if (context.size === 0) reasons = [...text.textReasons];
  else {
    // Context reasons join the text's; both in catalogue order.
    for (const weight of context.values()) clean *= 1 - weight;
    const fired = new Set<string>(text.textReasons);
    for (const [code, weight] of context) if (weight > 0) fired.add(code);
    reasons = CATALOGUE_ORDER.filter((code) => fired.has(code));
  }
  if (reasons.length === 0 && text.modelScore >= SPAM_WORDING_MIN) reasons.push('spam_wording');
  return { score: Math.round((1 - clean) * 1000) / 1000, reasons };
}

const CATALOGUE_ORDER = Object.keys(SPAM_REASONS) as SpamReasonCode[];
