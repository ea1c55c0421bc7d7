// Ids seen recently, with the brands each was emitted for and where the first copy came from,
// forgotten least-recently-used first. A re-sent mention (same id, another origin) is a duplicate
// for the brands it was already emitted for; the same record read again after a crash or an
// aborted transaction (same origin) is not.
//
// Memory: most ids were emitted for no brand: for those the map holds the origin string itself
// (or one shared record when there is none), not a record each (40 bytes, 4 MB at the default
// capacity); the others keep a record with a small sorted array (a Set per id cost ~100 bytes
// more than the id itself).
import { MapTrimmer } from '../state/map-trimmer.ts';

export interface SeenId {
  /** Brands the id was emitted for, sorted, no repeats. */
  readonly brands: readonly string[];
  /** Where the first copy was read (e.g. "<partition>:<offset>"); undefined when not given. */
  readonly origin: string | undefined;
}

const NO_BRANDS: readonly string[] = Object.freeze([]);
const NO_BRANDS_NO_ORIGIN: SeenId = Object.freeze({ brands: NO_BRANDS, origin: undefined });

/** A record with no brands is stored as its origin, or as NO_BRANDS_NO_ORIGIN without one. */
type Stored = SeenId | string;

function stored(seen: SeenId): Stored {
  if (seen.brands.length > 0) return seen;
  return seen.origin ?? NO_BRANDS_NO_ORIGIN;
}

function seenOf(value: Stored): SeenId {
  return typeof value === 'string' ? { brands: NO_BRANDS, origin: value } : value;
}

export class RecentIds {
  private readonly capacity: number;
  private readonly seenById = new Map<string, Stored>();
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
    const value = this.seenById.get(id);
    if (value === undefined) return undefined;
    this.seenById.delete(id);
    this.seenById.set(id, value);
    return seenOf(value);
  }

  record(id: string, brandIds: readonly string[], origin?: string): void {
    const value = this.seenById.get(id);
    const known = value === undefined ? undefined : seenOf(value);
    const before = known?.brands ?? NO_BRANDS;
    const brands = brandIds.every((brandId) => before.includes(brandId)) ? before : [...new Set([...before, ...brandIds])].sort();
    this.seenById.delete(id);
    this.seenById.set(
      id,
      brands === before && value !== undefined ? value : stored({ brands, origin: known === undefined ? origin : known.origin }),
    );
    this.evicted += this.trimmer.trim(this.capacity);
  }
}
