// Ids seen recently, with the brands each was emitted for and where the first copy came from,
// forgotten least-recently-used first. A re-sent mention (same id, another origin) is a duplicate
// for the brands it was already emitted for; the same record read again after a crash or an
// aborted transaction (same origin) is not.
//
// Memory: most ids were emitted for no brand, so they share one empty brand list; the others keep
// a small sorted array (a Set per id cost ~100 bytes more than the id itself).
import { MapTrimmer } from '../state/map-trimmer.ts';

export interface SeenId {
  /** Brands the id was emitted for, sorted, no repeats. */
  readonly brands: readonly string[];
  /** Where the first copy was read (e.g. "<partition>:<offset>"); undefined when not given. */
  readonly origin: string | undefined;
}

const NO_BRANDS: readonly string[] = Object.freeze([]);

export class RecentIds {
  private readonly capacity: number;
  private readonly seenById = new Map<string, SeenId>();
  private readonly trimmer = new MapTrimmer(this.seenById);
  /** Ids forgotten to stay within the capacity. */
  evicted = 0;

  constructor(capacity: number) {
    this.capacity = capacity;
  }

  get size(): number {
    return this.seenById.size;
  }

  /** What is known of the id, or undefined when it is new. */
  get(id: string): SeenId | undefined {
    const seen = this.seenById.get(id);
    if (seen !== undefined) {
      this.seenById.delete(id);
      this.seenById.set(id, seen);
    }
    return seen;
  }

  record(id: string, brandIds: readonly string[], origin?: string): void {
    const known = this.seenById.get(id);
    const before = known?.brands ?? NO_BRANDS;
    const brands = brandIds.every((brandId) => before.includes(brandId)) ? before : [...new Set([...before, ...brandIds])].sort();
    this.seenById.delete(id);
    this.seenById.set(
      id,
      brands === before && known !== undefined ? known : { brands, origin: known === undefined ? origin : known.origin },
    );
    this.evicted += this.trimmer.trim(this.capacity);
  }
}
