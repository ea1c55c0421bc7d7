// A bounded, in-memory index of recent mentions for near-duplicate lookup. Entries are kept in
// least-recently-used order by count (a Map's insertion order; a lookup that picks an entry as the
// original moves it to the back), and the oldest is forgotten past `capacity`. LSH buckets are
// capped too, so a text pasted ten thousand times cannot make every lookup compare against all
// copies. No clocks, no randomness: the same inputs in the same order give the same answers.
import { bandKeys, bottomSketch, LSH_BANDS, sketchSimilarity } from './minhash.ts';

/** Texts that are copies of one another, as far as the index has seen. Shared by its entries. */
export interface DuplicateCluster {
  /** Id of the first mention of the cluster. */
  readonly rootId: string;
  /** Distinct authors who posted it, first ones first, at most MAX_CLUSTER_AUTHORS. */
  readonly authors: string[];
}

export const MAX_CLUSTER_AUTHORS = 32;

export interface IndexedMention {
  readonly seq: number;
  readonly id: string;
  readonly sketch: Uint32Array;
  readonly bands: readonly number[];
  readonly cluster: DuplicateCluster;
  /** brandId → id of the original this mention counts as for that brand (its own id if first). */
  readonly originalByBrand: ReadonlyMap<string, string>;
}

export interface SimilarMention {
  entry: IndexedMention;
  similarity: number;
}

export interface NearDuplicateIndexOptions {
  capacity: number;
  threshold: number;
  /** Entries per LSH bucket; the oldest leave the bucket first. */
  maxBucketSize: number;
  /** Candidates compared per lookup, newest first. */
  maxCandidates: number;
}

export interface TextFingerprint {
  sketch: Uint32Array;
  bands: number[];
}

export function fingerprint(shingles: Uint32Array): TextFingerprint {
  return { sketch: bottomSketch(shingles), bands: bandKeys(shingles) };
}

/** Seqs in one LSH bucket, oldest first; a lone seq is kept as a number (most buckets hold one). */
type Bucket = number | number[];

export class NearDuplicateIndex {
  private readonly options: NearDuplicateIndexOptions;
  private readonly entries = new Map<number, IndexedMention>();
  /** One map per band, band key (as an int32, which V8 keeps unboxed) → bucket. */
  private readonly buckets: Map<number, Bucket>[] = Array.from({ length: LSH_BANDS }, () => new Map<number, Bucket>());
  private nextSeq = 0;
  /** Candidate seqs of one lookup, reused: every bucket of every band fits. */
  private readonly candidates: Float64Array;

  constructor(options: NearDuplicateIndexOptions) {
    this.options = options;
    this.candidates = new Float64Array(LSH_BANDS * Math.max(1, options.maxBucketSize));
  }

  get size(): number {
    return this.entries.size;
  }

  /** Stored mentions at or above the threshold, most similar first (ties: oldest first). */
  findSimilar(print: TextFingerprint, excludeId: string): SimilarMention[] {
    const found = this.candidates;
    let count = 0;
    for (let band = 0; band < LSH_BANDS; band++) {
      const bucket = (this.buckets[band] as Map<number, Bucket>).get((print.bands[band] as number) | 0);
      if (bucket === undefined) continue;
      if (typeof bucket === 'number') found[count++] = bucket;
      else for (const seq of bucket) found[count++] = seq;
    }
    if (count === 0) return [];
    // A typed array sorts numerically without a comparator call per pair: the lookup's hot spot.
    const seqs = found.subarray(0, count).sort();
    const { threshold, maxCandidates } = this.options;
    const similar: SimilarMention[] = [];
    let compared = 0;
    // Newest first; a seq shared by several bands appears once per band.
    for (let i = count - 1; i >= 0 && compared < maxCandidates; i--) {
      const seq = seqs[i] as number;
      if (i < count - 1 && seqs[i + 1] === seq) continue;
      compared++;
      const entry = this.entries.get(seq);
      if (entry === undefined || entry.id === excludeId) continue;
      const similarity = sketchSimilarity(print.sketch, entry.sketch, threshold);
      if (similarity >= threshold) similar.push({ entry, similarity });
    }
    return similar.length > 1 ? similar.sort((a, b) => b.similarity - a.similarity || a.entry.seq - b.entry.seq) : similar;
  }

  add(id: string, print: TextFingerprint, cluster: DuplicateCluster, originalByBrand: ReadonlyMap<string, string>): IndexedMention {
    const entry: IndexedMention = { seq: this.nextSeq++, id, sketch: print.sketch, bands: print.bands, cluster, originalByBrand };
    this.entries.set(entry.seq, entry);
    for (let band = 0; band < LSH_BANDS; band++) {
      const buckets = this.buckets[band] as Map<number, Bucket>;
      const key = (print.bands[band] as number) | 0;
      const bucket = buckets.get(key);
      if (bucket === undefined) {
        buckets.set(key, entry.seq);
      } else if (typeof bucket === 'number') {
        if (this.options.maxBucketSize === 1) buckets.set(key, entry.seq);
        else buckets.set(key, [bucket, entry.seq]);
      } else {
        bucket.push(entry.seq);
        if (bucket.length > this.options.maxBucketSize) bucket.shift();
      }
    }
    while (this.entries.size > this.options.capacity) this.evictOldest();
    return entry;
  }

  /** Marks an entry as recently used, so it is forgotten last. */
  touch(entry: IndexedMention): void {
    if (this.entries.delete(entry.seq)) this.entries.set(entry.seq, entry);
  }

  private evictOldest(): void {
    const oldest = this.entries.values().next().value;
    if (oldest === undefined) return;
    this.entries.delete(oldest.seq);
    for (let band = 0; band < LSH_BANDS; band++) {
      const buckets = this.buckets[band] as Map<number, Bucket>;
      const key = (oldest.bands[band] as number) | 0;
      const bucket = buckets.get(key);
      if (bucket === undefined) continue;
      if (typeof bucket === 'number') {
        if (bucket === oldest.seq) buckets.delete(key);
        continue;
      }
      const at = bucket.indexOf(oldest.seq);
      if (at !== -1) bucket.splice(at, 1);
      if (bucket.length === 0) buckets.delete(key);
    }
  }
}
