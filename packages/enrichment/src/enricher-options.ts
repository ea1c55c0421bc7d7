// Enricher options, every default next to its field. Resolved once, when the enricher is created.
import { DEFAULT_MIN_WORDS_FOR_NEAR_DUPLICATE, DEFAULT_NEAR_DUPLICATE_THRESHOLD, DEFAULT_SHINGLE_WORDS } from '@sl/matching';

export interface EnricherOptions {
  /**
   * Mentions remembered for near-duplicate lookup, least recently used forgotten first.
   * Each costs about 1 KB (sketch, band keys, brand map). @default 200_000
   */
  nearDuplicateCapacity: number;
  /** Mention ids remembered for exact duplicates (re-sends). @default 500_000 */
  exactDuplicateCapacity: number;
  /**
   * Estimated Jaccard similarity of word-shingle sets at or above which a mention is a near
   * duplicate. 0.6 keeps a 20-word comment re-posted with up to ~10 words added (3-word shingles:
   * 18 shared of 28 → 0.64), while two different comments sharing a stock phrase stay far below
   * (a shared 6-word phrase in two 15-word comments: 4 of 22 → 0.18). @default 0.6
   */
  nearDuplicateThreshold: number;
  /** Texts with fewer words are never near duplicates: short texts share stock phrases. @default 8 */
  minWordsForNearDuplicate: number;
  /** Words per shingle. @default 3 */
  shingleWords: number;
  /**
   * Entries per LSH bucket before the oldest leave it. A lookup reads at most 20 buckets, so this
   * bounds its work whatever the index holds: with templates and floods every bucket is full.
   * 16 (was 64): changed 65 of 52,061 generated mentions' verdicts (similar lists and copy counts
   * past the 16th copy). @default 16
   */
  maxBucketSize: number;
  /** Candidates compared per lookup, newest first. @default 64 */
  maxCandidates: number;
  /** Authors whose recent posts are tracked for broadcast-only accounts. @default 100_000 */
  authorCapacity: number;
  /**
   * Mentions whose text is remembered to spot a comment that pastes its own post back
   * (`pasted_post`). Each costs its word 3-grams, about 1 KB for a 100-word post. @default 50_000
   */
  postCapacity: number;
  /**
   * Posts remembered with the brands whose conversation they are in, so a reply finds its thread.
   * Each costs about 150 bytes per key (pipeline id, URL). @default 200_000
   */
  threadPostCapacity: number;
  /**
   * Replies kept while their parent has not been read (a backfill in any order, a comment feed
   * polled before the post's), so they join the thread when it arrives. Each costs about 1 KB.
   * @default 50_000
   */
  threadWaitingCapacity: number;
}

export const DEFAULT_ENRICHER_OPTIONS: Readonly<EnricherOptions> = Object.freeze({
  nearDuplicateCapacity: 200_000,
  exactDuplicateCapacity: 500_000,
  nearDuplicateThreshold: DEFAULT_NEAR_DUPLICATE_THRESHOLD,
  minWordsForNearDuplicate: DEFAULT_MIN_WORDS_FOR_NEAR_DUPLICATE,
  shingleWords: DEFAULT_SHINGLE_WORDS,
  maxBucketSize: 16,
  maxCandidates: 64,
  authorCapacity: 100_000,
  postCapacity: 50_000,
  threadPostCapacity: 200_000,
  threadWaitingCapacity: 50_000,
});

export function resolveEnricherOptions(options: Partial<EnricherOptions> = {}): Readonly<EnricherOptions> {
  const resolved = { ...DEFAULT_ENRICHER_OPTIONS, ...options };
  for (const [name, value] of Object.entries(resolved)) {
    const isFraction = name === 'nearDuplicateThreshold';
    const valid = isFraction ? value > 0 && value <= 1 : Number.isInteger(value) && value >= 1;
    if (!valid) throw new RangeError(`enricher option ${name} must be ${isFraction ? 'in (0, 1]' : 'a positive integer'}, got ${value}`);
  }
  return Object.freeze(resolved);
}
