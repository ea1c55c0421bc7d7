// Combines the text's verdict with context signals into a score in [0, 1] as independent evidence
// (noisy-or): the model's probability, then each weighted reason. Rounded to three decimals so
// replays print identical numbers.
import { SPAM_REASONS, SPAM_WEIGHTS, type SpamReasonCode } from './spam-reasons.ts';

// The copy-paste weight is shared with the amplification engine, which weighs copies in event time.
export { COPY_PASTE_MIN_AUTHORS, copyPasteWeight } from '@sl/contracts';
/** The model's probability at which it is named as a reason when no rule fired. */
export const SPAM_WORDING_MIN = 0.5;

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
