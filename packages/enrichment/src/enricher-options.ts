// Enricher options, every default next to its field. Resolved once, when the enricher is created.
//
// The bounded memories' defaults were sized for the enricher service to stay near 300 MB resident
// with them all full (docs/performance.md, the enricher section, has what it measured): what each costs per
// entry is beside it, and how long it remembers at a given rate is capacity / rate (at 1,000
// mentions/s: 50 s of near-duplicates, 100 s of ids). Raising one raises the service's memory by
// about its per-entry cost; the service's old-generation cap (services/enricher/package.json,
// nodeOptions) must follow. Whatever a full memory forgets is counted (`stateStats`).
import { DEFAULT_MIN_WORDS_FOR_NEAR_DUPLICATE, DEFAULT_NEAR_DUPLICATE_THRESHOLD, DEFAULT_SHINGLE_WORDS } from '@sl/matching';

export interface EnricherOptions {
  /**
   * Mentions remembered for near-duplicate lookup, least recently used forgotten first: a text
   * still being copied is used by each copy, so it stays; a text nobody copies leaves after this
   * many others. Each costs about 750 bytes: 583 bytes of typed arrays allocated for the whole
   * capacity when the enricher is made (a 48-hash sketch, 20 bucket links each way, its share
   * of the 20 bucket tables, LRU links), and a small record (id, brand originals); a text with more
   * than 48 distinct shingles keeps its sketch in an array of its own (~600 bytes more; 3 % of the
   * generator's texts). @default 50_000
   */
  nearDuplicateCapacity: number;
  /**
   * Mention ids remembered for exact duplicates (re-sends after a client's timeout, which come
   * within seconds), least recently used forgotten first. Each costs about 80 bytes of typed arrays
   * allocated for the whole capacity when the enricher is made (the id's characters in a 48-byte
   * slot, its hash, LRU links, its share of the lookup table and of the values' array) and its
   * origin string (~24 bytes; a small record more for an id emitted for a brand); an id longer
   * than 48 characters keeps its string (~130 bytes more). @default 100_000
   */
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
  /**
   * Authors whose recent posts are tracked for broadcast-only accounts. Each costs about 80 bytes
   * of typed arrays allocated when the enricher is made ("source:handle" in a 48-byte slot, its
   * hash, LRU links, lookup table, one number). @default 100_000
   */
  authorCapacity: number;
  /**
   * Mentions whose text is remembered to spot a comment that pastes its own post back
   * (`pasted_post`). Each costs its distinct word 3-grams, 4 bytes each in one string (about 400
   * bytes for a 100-word post) and ~80 bytes of typed arrays for its key ("source:sourceId", as
   * recent ids). @default 20_000
   */
  postCapacity: number;
  /**
   * Posts remembered with the brands whose conversation they are in, so a reply finds its thread.
   * Each key (a post's pipeline id, and "url:" with its URL) costs about 130 bytes of typed arrays
   * allocated when the enricher is made (96 bytes of characters, hash, links, lookup table, a
   * value slot), and a post's brand/thread list (~60 bytes) is shared by its keys. @default 100_000
   */
  threadPostCapacity: number;
  /**
   * Replies kept while their parent has not been read (a backfill in any order, a comment feed
   * polled before the post's), so they join the thread when it arrives. Each costs about 1 KB.
   * @default 20_000
   */
  threadWaitingCapacity: number;
}

export const DEFAULT_ENRICHER_OPTIONS: Readonly<EnricherOptions> = Object.freeze({
  nearDuplicateCapacity: 50_000,
  exactDuplicateCapacity: 100_000,
  nearDuplicateThreshold: DEFAULT_NEAR_DUPLICATE_THRESHOLD,
  minWordsForNearDuplicate: DEFAULT_MIN_WORDS_FOR_NEAR_DUPLICATE,
  shingleWords: DEFAULT_SHINGLE_WORDS,
  maxBucketSize: 16,
  maxCandidates: 64,
  authorCapacity: 100_000,
  postCapacity: 20_000,
  threadPostCapacity: 100_000,
  threadWaitingCapacity: 20_000,
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
