// How much the same text from several authors weighs as spam evidence, shared by the enricher
// (which weighs the copies it has read so far) and the amplification engine (which weighs them
// in event time, so its verdicts do not depend on which copy was read first).

/** Distinct authors of one text before it counts as copy-paste; two can be a quote. */
export const COPY_PASTE_MIN_AUTHORS = 3;
/** The most copy-paste weighs, from five authors on. */
export const COPY_PASTE_MAX_WEIGHT = 0.9;

/** copy_paste weight for a text posted by `authors` distinct authors: 3 → 0.6, 4 → 0.75, 5+ → 0.9. */
export function copyPasteWeight(authors: number): number {
  if (authors < COPY_PASTE_MIN_AUTHORS) return 0;
  return Math.min(COPY_PASTE_MAX_WEIGHT, 0.3 + 0.15 * (authors - 1));
}
