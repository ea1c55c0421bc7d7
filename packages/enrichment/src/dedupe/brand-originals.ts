// For one near-duplicate index entry: brandId → id of the original the mention counts as for that
// brand (its own id when it came first). Almost every entry is of one brand, and a Map each cost
// about 290 bytes (the Map and its smallest table), 14 MB of a full index at the defaults: the
// first pair lives in two fields, any further ones in an array.

/** What the index and its readers need of an entry's originals (a ReadonlyMap has it too). */
export interface BrandOriginalsView {
  get(brandId: string): string | undefined;
  has(brandId: string): boolean;
}

export class BrandOriginals implements BrandOriginalsView {
  private firstBrand: string | undefined = undefined;
  private firstOriginal = '';
  /** Further pairs: brand, original, brand, original, … */
  private more: string[] | null = null;

  get(brandId: string): string | undefined {
    if (this.firstBrand === brandId) return this.firstOriginal;
    const more = this.more;
    if (more !== null) for (let i = 0; i < more.length; i += 2) if (more[i] === brandId) return more[i + 1];
    return undefined;
  }

  has(brandId: string): boolean {
    return this.get(brandId) !== undefined;
  }

  /** Sets the brand's original, replacing the one it had. */
  set(brandId: string, original: string): void {
    if (this.firstBrand === undefined || this.firstBrand === brandId) {
      this.firstBrand = brandId;
      this.firstOriginal = original;
      return;
    }
    const more = this.more;
    if (more === null) {
      this.more = [brandId, original];
      return;
    }
    for (let i = 0; i < more.length; i += 2) {
      if (more[i] === brandId) {
        more[i + 1] = original;
        return;
      }
    }
    more.push(brandId, original);
  }
}
