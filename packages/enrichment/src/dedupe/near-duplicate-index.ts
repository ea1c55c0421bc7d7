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
  readonly originalByBrand: Map<string, string>;
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

export class NearDuplicateIndex {
  private readonly options: NearDuplicateIndexOptions;
  private readonly entries = new Map<number, IndexedMention>();
  /** `band * 2^32 + key` → seqs, oldest first. */
  private readonly buckets = new Map<number, number[]>();
  private nextSeq = 0;

  constructor(options: NearDuplicateIndexOptions) {
    this.options = options;
  }

  get size(): number {
    return this.entries.size;
  }

  /** Stored mentions at or above the threshold, most similar first (ties: oldest first). */
  findSimilar(print: TextFingerprint, excludeId: string): SimilarMention[] {
    const seen = new Set<number>();
    for (let band = 0; band < LSH_BANDS; band++) {
      for (const seq of this.buckets.get(bucketKey(band, print.bands[band] as number)) ?? []) seen.add(seq);
    }
    const candidates = [...seen].sort((a, b) => b - a).slice(0, this.options.maxCandidates);
    const similar: SimilarMention[] = [];
    for (const seq of candidates) {
      const entry = this.entries.get(seq);
      if (entry === undefined || entry.id === excludeId) continue;
      const similarity = sketchSimilarity(print.sketch, entry.sketch);
      if (similarity >= this.options.threshold) similar.push({ entry, similarity });
    }
    return similar.sort((a, b) => b.similarity - a.similarity || a.entry.seq - b.entry.seq);
  }

  add(id: string, print: TextFingerprint, cluster: DuplicateCluster, originalByBrand: Map<string, string>): IndexedMention {
    const entry: IndexedMention = { seq: this.nextSeq++, id, sketch: print.sketch, bands: print.bands, cluster, originalByBrand };
    this.entries.set(entry.seq, entry);
    print.bands.forEach((key, band) => {
      const bucketId = bucketKey(band, key);
      const bucket = this.buckets.get(bucketId);
      if (bucket === undefined) {
        this.buckets.set(bucketId, [entry.seq]);
        return;
      }
      bucket.push(entry.seq);
      if (bucket.length > this.options.maxBucketSize) bucket.shift();
    });
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
    oldest.bands.forEach((key, band) => {
      const bucketId = bucketKey(band, key);
      const bucket = this.buckets.get(bucketId);
      if (bucket === undefined) return;
      const at = bucket.indexOf(oldest.seq);
      if (at !== -1) bucket.splice(at, 1);
      if (bucket.length === 0) this.buckets.delete(bucketId);
    });
  }
}

function bucketKey(band: number, key: number): number {
  return band * 0x1_0000_0000 + key;
}
