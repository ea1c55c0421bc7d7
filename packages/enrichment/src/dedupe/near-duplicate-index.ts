// A bounded, in-memory index of recent mentions for near-duplicate lookup. Entries are kept in
// least-recently-used order (a lookup that picks an entry as the original moves it to the back),
// and the oldest is forgotten past `capacity`. LSH buckets are capped too, so a text pasted ten
// thousand times cannot make every lookup compare against all copies. No clocks, no randomness:
// the same inputs in the same order give the same answers.
//
// Memory is sized by `capacity` when the index is made, not by traffic: every entry lives in a
// slot of fixed-size typed arrays (bucket links both ways, LRU links, sequence numbers), and the
// buckets are one open-addressing hash table per band over those slots. Sketches live in one
// array too, INLINE_SKETCH hashes a slot: one typed array per entry cost ~200 bytes of object
// overhead each, and the garbage collector visits every one. A sketch is as long as its text has
// distinct shingles, up to SKETCH_SIZE (128); 97 % of the generator's texts have at most 48 and
// none more than 64, so a full-size slot each (512 bytes) left most of 26 MB unused: a longer
// sketch keeps its own array instead (`longSketches`). The only per-entry object is its
// IndexedMention, which holds no sketch, so a reply that keeps the entries it was similar to keeps
// a few references only.
import { bandKeys, bottomSketch, LSH_BANDS, SKETCH_SIZE, sketchSimilarity } from '@sl/matching';
import type { BrandOriginalsView } from './brand-originals.ts';
import { SlotLruList } from '../state/slot-lru-list.ts';

/** Texts that are copies of one another, as far as the index has seen. Shared by its entries. */
export interface DuplicateCluster {
  /** Id of the first mention of the cluster. */
  readonly rootId: string;
  /**
   * Distinct authors who posted it, first ones first, at most MAX_CLUSTER_AUTHORS. Replaced by a
   * longer array when one joins (`withAuthor`): most texts have one author, and an array grown by
   * push keeps room for 17, 150 bytes per cluster.
   */
  authors: readonly string[];
}

export const MAX_CLUSTER_AUTHORS = 32;

/** Adds the author to the cluster unless known or the cluster has MAX_CLUSTER_AUTHORS already. */
export function withAuthor(cluster: DuplicateCluster, author: string): void {
  if (cluster.authors.length < MAX_CLUSTER_AUTHORS && !cluster.authors.includes(author)) cluster.authors = cluster.authors.concat(author);
}

export interface IndexedMention {
  /** The slot it lives in while indexed (reused once it is forgotten). */
  readonly slot: number;
  readonly id: string;
  readonly cluster: DuplicateCluster;
  /** brandId → id of the original this mention counts as for that brand (its own id if first). */
  readonly originalByBrand: BrandOriginalsView;
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
  // The index copies the sketch into its own array, so a view of the shingles' buffer is enough.
  return { sketch: bottomSketch(shingles), bands: bandKeys(shingles) };
}

const NONE = -1;
/**
 * `olderInBucket` of an entry cut from its bucket (the bucket was full): it is in no chain, so
 * forgetting it has nothing to unlink there. Without the mark, evicting it walked the whole chain
 * of each of its bands looking for it, and in a full index most evicted entries were cut long
 * before (templates and floods fill buckets): 4.8 % of the enricher's time at full state.
 */
const CUT = -2;
/** Hashes of a sketch kept in the shared array; a longer sketch has an array of its own. */
export const INLINE_SKETCH = 48;
/** Largest integer a float64 holds exactly. */
const MAX_EXACT = 2 ** 53;

export class NearDuplicateIndex {
  private readonly options: NearDuplicateIndexOptions;
  private readonly capacity: number;
  /** Candidates to sort are encoded as seq × slotSpan + slot, so one numeric sort orders them by seq. */
  private readonly slotSpan: number;
  private readonly mentions: (IndexedMention | undefined)[];
  /** Insertion order of each slot's entry: a larger seq was added later. */
  private readonly seqOf: Float64Array;
  /** slot × INLINE_SKETCH → the entry's sketch, `sketchLength[slot]` hashes long, when it fits. */
  private readonly sketches: Uint32Array;
  private readonly sketchLength: Uint8Array;
  /** slot → the entry's sketch, when longer than INLINE_SKETCH. */
  private readonly longSketches = new Map<number, Uint32Array>();
  /** slot × LSH_BANDS + band → next older slot in the same bucket, NONE for the oldest, CUT once cut off. */
  private readonly olderInBucket: Int32Array;
  /**
   * slot × LSH_BANDS + band → next newer slot in the same bucket, or, for the bucket's newest,
   * ~(its table position) (a negative number). Forgetting an entry then unlinks it where it is:
   * with only the older links it looked its bucket up by band key (20 table probes per forgotten
   * entry) and walked the chain from the newest to find the entry before it, a cache miss a step
   * (at full state ~14 steps per forgotten entry). It takes the place of the band keys kept per
   * entry for that lookup, so the index is no larger.
   */
  private readonly newerInBucket: Int32Array;
  /**
   * Per band, open addressing (linear probing) over cells of two: [2 × cell] is 1 + the newest slot
   * of a bucket (0 when empty), [2 × cell + 1] its band key. With the key beside it, a probe reads
   * one cache line instead of also reading the key from the head slot's links (a random place in
   * 4 MB): every mention looks up 20 buckets. A bucket's newest entry knows its cell
   * (`newerInBucket`), kept right when a deletion shifts cells back.
   */
  private readonly tables: Int32Array[];
  private readonly tableMask: number;
  private readonly lru: SlotLruList;
  /** Slots never used yet start at `fresh`; forgotten slots are reused first. */
  private readonly freeSlots: number[] = [];
  private fresh = 0;
  private count = 0;
  private nextSeq = 0;
  /** slot → the last lookup that took it as a candidate. */
  private readonly stampOf: Uint32Array;
  private stamp = 0;
  /** Candidates of one lookup, reused: every bucket of every band fits. */
  private readonly candidates: Float64Array;
  /** Entries forgotten because the index was full. */
  evicted = 0;

  constructor(options: NearDuplicateIndexOptions) {
    this.options = options;
    this.capacity = options.capacity;
    // One slot more than the capacity: an entry is added before the oldest leaves.
    const slots = options.capacity + 1;
    this.slotSpan = 2 ** Math.ceil(Math.log2(slots));
    this.mentions = new Array(slots).fill(undefined);
    this.seqOf = new Float64Array(slots);
    this.sketches = new Uint32Array(slots * INLINE_SKETCH);
    this.sketchLength = new Uint8Array(slots);
    this.newerInBucket = new Int32Array(slots * LSH_BANDS);
    this.olderInBucket = new Int32Array(slots * LSH_BANDS);
    // Load factor at most 4/5 with every band key distinct (most texts share few band keys).
    const tableSize = 2 ** Math.ceil(Math.log2(Math.max(4, Math.ceil((slots * 5) / 4))));
    this.tableMask = tableSize - 1;
    this.tables = Array.from({ length: LSH_BANDS }, () => new Int32Array(2 * tableSize));
    this.lru = new SlotLruList(slots);
    this.stampOf = new Uint32Array(slots);
    this.candidates = new Float64Array(LSH_BANDS * Math.max(1, options.maxBucketSize));
  }

  get size(): number {
    return this.count;
  }

  /** Stored mentions at or above the threshold, most similar first (ties: oldest first). */
  findSimilar(print: TextFingerprint, excludeId: string): SimilarMention[] {
    const found = this.candidates;
    // Copies share most of their bands: each entry is taken once, marked with this lookup's stamp.
    if (++this.stamp === 0xffffffff) this.resetStamps();
    const stamp = this.stamp;
    let count = 0;
    for (let band = 0; band < LSH_BANDS; band++) {
      const key = (print.bands[band] as number) | 0;
      const at = this.find(band, key);
      if (at === NONE) continue;
      for (
        let slot = ((this.tables[band] as Int32Array)[2 * at] as number) - 1;
        slot !== NONE;
        slot = this.olderInBucket[slot * LSH_BANDS + band] as number
      ) {
        if (this.stampOf[slot] === stamp) continue;
        this.stampOf[slot] = stamp;
        found[count++] = slot;
      }
    }
    if (count === 0) return [];
    const { threshold, maxCandidates } = this.options;
    // Only when there are more than can be compared does order matter: the newest are compared.
    // Only then are the seqs read (a cache miss per candidate), each made seq × slotSpan + slot so
    // that a typed array sorts them numerically without a comparator call per pair.
    const first = count > maxCandidates ? count - maxCandidates : 0;
    if (first > 0) {
      for (let i = 0; i < count; i++) found[i] = (this.seqOf[found[i] as number] as number) * this.slotSpan + (found[i] as number);
      found.subarray(0, count).sort();
    }
    const similar: SimilarMention[] = [];
    for (let i = first; i < count; i++) {
      const slot = (found[i] as number) % this.slotSpan;
      const length = this.sketchLength[slot] as number;
      const similarity =
        length <= INLINE_SKETCH
          ? sketchSimilarity(print.sketch, this.sketches, threshold, slot * INLINE_SKETCH, length)
          : sketchSimilarity(print.sketch, this.longSketches.get(slot) as Uint32Array, threshold);
      if (similarity < threshold) continue;
      // The entry is read only now: most candidates are not similar (about 1 in 20 at full
      // state), and reading each one's record and id string cost two cache misses per candidate,
      // the largest part of a lookup.
      const entry = this.mentions[slot] as IndexedMention;
      if (entry.id !== excludeId) similar.push({ entry, similarity });
    }
    const seqOf = this.seqOf;
    return similar.length > 1
      ? similar.sort((a, b) => b.similarity - a.similarity || (seqOf[a.entry.slot] as number) - (seqOf[b.entry.slot] as number))
      : similar;
  }

  private resetStamps(): void {
    this.stampOf.fill(0);
    this.stamp = 1;
  }

  add(id: string, print: TextFingerprint, cluster: DuplicateCluster, originalByBrand: BrandOriginalsView): IndexedMention {
    if ((this.nextSeq + 1) * this.slotSpan >= MAX_EXACT) this.renumber();
    const slot = this.freeSlots.pop() ?? this.fresh++;
    const entry: IndexedMention = { slot, id, cluster, originalByBrand };
    this.mentions[slot] = entry;
    this.seqOf[slot] = this.nextSeq++;
    const length = print.sketch.length;
    if (length > SKETCH_SIZE) throw new RangeError(`a sketch holds at most ${SKETCH_SIZE} hashes, got ${length}`);
    if (length <= INLINE_SKETCH) this.sketches.set(print.sketch, slot * INLINE_SKETCH);
    else this.longSketches.set(slot, print.sketch.slice());
    this.sketchLength[slot] = length;
    this.count++;
    this.lru.pushNewest(slot);
    const { maxBucketSize } = this.options;
    for (let band = 0; band < LSH_BANDS; band++) {
      const key = (print.bands[band] as number) | 0;
      const link = slot * LSH_BANDS + band;
      const table = this.tables[band] as Int32Array;
      const at = this.find(band, key);
      if (at === NONE) {
        this.olderInBucket[link] = NONE;
        const place = this.emptyPlace(band, key);
        table[2 * place] = slot + 1;
        table[2 * place + 1] = key;
        this.newerInBucket[link] = ~place;
        continue;
      }
      const head = (table[2 * at] as number) - 1;
      this.olderInBucket[link] = head;
      this.newerInBucket[head * LSH_BANDS + band] = slot;
      this.newerInBucket[link] = ~at;
      table[2 * at] = slot + 1;
      // Keep the bucket's newest maxBucketSize: cut the chain after that many. It held at most
      // that many before this entry, so at most one (its oldest) is cut.
      let last = slot;
      for (let kept = 1; kept < maxBucketSize; kept++) {
        const next = this.olderInBucket[last * LSH_BANDS + band] as number;
        if (next === NONE) break;
        last = next;
      }
      const cut = this.olderInBucket[last * LSH_BANDS + band] as number;
      if (cut !== NONE) {
        this.olderInBucket[cut * LSH_BANDS + band] = CUT;
        this.olderInBucket[last * LSH_BANDS + band] = NONE;
      }
    }
    // After the buckets took the entry, as a full bucket drops its oldest before the index does.
    if (this.count > this.capacity) this.evictOldest();
    return entry;
  }

  /** Marks an entry as recently used, so it is forgotten last. */
  touch(entry: IndexedMention): void {
    if (this.mentions[entry.slot] !== entry) return;
    this.lru.remove(entry.slot);
    this.lru.pushNewest(entry.slot);
  }

  private evictOldest(): void {
    const slot = this.lru.oldest;
    if (slot === NONE) return;
    this.lru.remove(slot);
    for (let band = 0; band < LSH_BANDS; band++) this.leaveBucket(slot, band);
    this.mentions[slot] = undefined;
    if ((this.sketchLength[slot] as number) > INLINE_SKETCH) this.longSketches.delete(slot);
    this.freeSlots.push(slot);
    this.count--;
    this.evicted++;
  }

  /** Takes `slot` out of its bucket in `band`, if the bucket still holds it. */
  private leaveBucket(slot: number, band: number): void {
    const link = slot * LSH_BANDS + band;
    const older = this.olderInBucket[link] as number;
    if (older === CUT) return;
    const newer = this.newerInBucket[link] as number;
    if (newer >= 0) {
      this.olderInBucket[newer * LSH_BANDS + band] = older;
      if (older !== NONE) this.newerInBucket[older * LSH_BANDS + band] = newer;
      return;
    }
    const at = ~newer;
    if (older === NONE) {
      this.deleteAt(band, at);
      return;
    }
    (this.tables[band] as Int32Array)[2 * at] = older + 1;
    this.newerInBucket[older * LSH_BANDS + band] = newer;
  }

  /** Table position of the bucket with this key in `band`, or NONE. */
  private find(band: number, key: number): number {
    const table = this.tables[band] as Int32Array;
    for (let at = home(key) & this.tableMask; ; at = (at + 1) & this.tableMask) {
      if (table[2 * at] === 0) return NONE;
      if (table[2 * at + 1] === key) return at;
    }
  }

  /** First free table position on the probe run of `key` (the key is known to be absent). */
  private emptyPlace(band: number, key: number): number {
    const table = this.tables[band] as Int32Array;
    for (let at = home(key) & this.tableMask; ; at = (at + 1) & this.tableMask) if (table[2 * at] === 0) return at;
  }

  /** Empties a table position, shifting later entries of the probe run back (no tombstones). */
  private deleteAt(band: number, at: number): void {
    const table = this.tables[band] as Int32Array;
    const mask = this.tableMask;
    let hole = at;
    for (let next = (hole + 1) & mask; table[2 * next] !== 0; next = (next + 1) & mask) {
      const want = home(table[2 * next + 1] as number) & mask;
      // Move the entry into the hole unless its home lies cyclically in (hole, next].
      const inRange = hole <= next ? want > hole && want <= next : want > hole || want <= next;
      if (!inRange) {
        const head = (table[2 * next] as number) - 1;
        table[2 * hole] = head + 1;
        table[2 * hole + 1] = table[2 * next + 1] as number;
        this.newerInBucket[head * LSH_BANDS + band] = ~hole;
        hole = next;
      }
    }
    table[2 * hole] = 0;
  }

  /**
   * Gives the live entries seqs 0, 1, … in their seq order, so candidate codes stay exact floats.
   * Reached only after about 2^53 / capacity additions; the order, hence every answer, is unchanged.
   */
  private renumber(): void {
    const live: number[] = [];
    for (let slot = 0; slot < this.fresh; slot++) if (this.mentions[slot] !== undefined) live.push(slot);
    live.sort((a, b) => (this.seqOf[a] as number) - (this.seqOf[b] as number));
    live.forEach((slot, seq) => {
      this.seqOf[slot] = seq;
    });
    this.nextSeq = live.length;
  }
}

function home(key: number): number {
  let h = key | 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return h;
}
