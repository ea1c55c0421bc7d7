// Ids seen recently, with the brands each was emitted for and where the first copy came from,
// forgotten least-recently-used first. A re-sent mention (same id, another origin) is a duplicate
// for the brands it was already emitted for; the same record read again after a crash or an
// aborted transaction (same origin) is not.
//
// Memory: most ids were emitted for no brand: for those the map holds the origin string itself
// (or one shared record when there is none), not a record each (40 bytes, 4 MB at the default
// capacity); the others keep a record with a small sorted array (a Set per id cost ~100 bytes
// more than the id itself). The ids themselves are kept in an LruKeyTable (bytes in a typed array,
// not a Map of strings): 48 bytes a slot holds the generator's ids but for an RSS item's URL.
import { LruKeyTable } from '../state/lru-key-table.ts';

/** Bytes of an id kept inline (longer ones keep their string). */
const ID_WIDTH = 48;

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
  private readonly ids: LruKeyTable;
  /** slot → what is known of its id. */
  private readonly values: (Stored | undefined)[];
  private readonly forget = (slot: number) => {
    this.values[slot] = undefined;
  };
  /** Ids forgotten to stay within the capacity. */
  evicted = 0;

  constructor(capacity: number) {
    this.ids = new LruKeyTable(capacity, ID_WIDTH);
    this.values = new Array(this.ids.slots).fill(undefined);
  }

  get size(): number {
    return this.ids.size;
  }

  /** What is known of the id, or undefined when it is new. Makes it the most recently used. */
  get(id: string): SeenId | undefined {
    const slot = this.ids.find(id);
    if (slot === -1) return undefined;
    this.ids.touch(slot);
    return seenOf(this.values[slot] as Stored);
  }

  record(id: string, brandIds: readonly string[], origin?: string): void {
    let slot = this.ids.find(id);
    const value = slot === -1 ? undefined : this.values[slot];
    const known = value === undefined ? undefined : seenOf(value);
    const before = known?.brands ?? NO_BRANDS;
    const brands = brandIds.every((brandId) => before.includes(brandId)) ? before : [...new Set([...before, ...brandIds])].sort();
    if (slot === -1) slot = this.ids.add(id);
    else this.ids.touch(slot);
    this.values[slot] =
      brands === before && value !== undefined ? value : stored({ brands, origin: known === undefined ? origin : known.origin });
    this.evicted += this.ids.trim(this.forget);
  }
}
