// Ids seen recently, with the brands each was emitted for and where the first copy came from,
// forgotten least-recently-used first. A re-sent mention (same id, another origin) is a duplicate
// for the brands it was already emitted for; the same record read again after a crash or an
// aborted transaction (same origin) is not.
export interface SeenId {
  brands: Set<string>;
  /** Where the first copy was read (e.g. "<partition>:<offset>"); undefined when not given. */
  origin: string | undefined;
}

export class RecentIds {
  private readonly capacity: number;
  private readonly brandsById = new Map<string, SeenId>();
  /** Ids forgotten to stay within the capacity. */
  evicted = 0;

  constructor(capacity: number) {
    this.capacity = capacity;
  }

  get size(): number {
    return this.brandsById.size;
  }

  /** What is known of the id, or undefined when it is new. */
  get(id: string): SeenId | undefined {
    const brands = this.brandsById.get(id);
    if (brands !== undefined) {
      this.brandsById.delete(id);
      this.brandsById.set(id, brands);
    }
    return brands;
  }

  record(id: string, brandIds: Iterable<string>, origin?: string): void {
    const seen = this.brandsById.get(id) ?? { brands: new Set<string>(), origin };
    for (const brandId of brandIds) seen.brands.add(brandId);
    this.brandsById.delete(id);
    this.brandsById.set(id, seen);
    while (this.brandsById.size > this.capacity) {
      const oldest = this.brandsById.keys().next().value;
      if (oldest === undefined) break;
      this.brandsById.delete(oldest);
      this.evicted++;
    }
  }
}
