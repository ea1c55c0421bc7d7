// A map from short n-grams to numbers with no object per entry and no allocation per lookup: an
// n-gram of at most MAX_PACKED_CHARS characters, each given as a small code (0–255), is packed
// into two 32-bit integers (four codes in one, two and the length in the other), and the pairs
// live in one typed array under open addressing (linear probing).
//
// Why: the detector used to build each n-gram as a string (a substring and a template literal),
// look it up in a Set and a Map, and keep it in the Set: ~100 short strings per text, the busiest
// function of the enricher's profile and a good part of what its young generation collected.
//
// `clear` empties the map in constant time (a generation number per cell), so one map serves as
// the set of a text's distinct n-grams, cleared for each text.

/** Characters an n-gram may have to be packed (eld's longest is 6: a word of 4 with a space each side). */
export const MAX_PACKED_CHARS = 6;

/** Ints a cell takes: generation, low word, high word, value. */
const CELL = 4;

export class PackedNgramMap {
  private cells: Int32Array;
  private mask: number;
  private generation = 1;
  private count = 0;

  constructor(expected: number) {
    const capacity = 2 ** Math.ceil(Math.log2(Math.max(16, expected * 2)));
    this.cells = new Int32Array(capacity * CELL);
    this.mask = capacity - 1;
  }

  get size(): number {
    return this.count;
  }

  /** Forgets every entry. */
  clear(): void {
    this.count = 0;
    if (++this.generation === 0x7fffffff) {
      this.cells.fill(0);
      this.generation = 1;
    }
  }

  /** The value of the n-gram packed as (low, high), or -1 when absent. */
  get(low: number, high: number): number {
    const cells = this.cells;
    const generation = this.generation;
    for (let at = hash(low, high) & this.mask; ; at = (at + 1) & this.mask) {
      const base = at * CELL;
      if (cells[base] !== generation) return -1;
      if (cells[base + 1] === low && cells[base + 2] === high) return cells[base + 3] as number;
    }
  }

  /** Adds the n-gram with `value`; false (and nothing changed) when it is already there. */
  add(low: number, high: number, value: number): boolean {
    if ((this.count + 1) * 2 > this.mask + 1) this.grow();
    const cells = this.cells;
    const generation = this.generation;
    for (let at = hash(low, high) & this.mask; ; at = (at + 1) & this.mask) {
      const base = at * CELL;
      if (cells[base] !== generation) {
        cells[base] = generation;
        cells[base + 1] = low;
        cells[base + 2] = high;
        cells[base + 3] = value;
        this.count++;
        return true;
      }
      if (cells[base + 1] === low && cells[base + 2] === high) return false;
    }
  }

  /** Doubles the table, keeping the entries of this generation (at most half full after). */
  private grow(): void {
    const old = this.cells;
    const generation = this.generation;
    const capacity = (old.length / CELL) * 2;
    this.cells = new Int32Array(capacity * CELL);
    this.mask = capacity - 1;
    this.generation = 1;
    this.count = 0;
    for (let base = 0; base < old.length; base += CELL) {
      if (old[base] === generation) this.add(old[base + 1] as number, old[base + 2] as number, old[base + 3] as number);
    }
  }
}

/**
 * Packs `length` codes (each 0–255, at most MAX_PACKED_CHARS) read by `codeAt(0 … length-1)`
 * into [low, high]: codes 0–3 in low, 4–5 and the length in high. Distinct sequences give
 * distinct pairs. Used where speed does not matter (building the table); the detector packs
 * inline.
 */
export function packNgram(codes: ArrayLike<number>): [number, number] {
  if (codes.length > MAX_PACKED_CHARS) throw new RangeError(`an n-gram of ${codes.length} characters cannot be packed`);
  let low = 0;
  let high = codes.length << 16;
  for (let k = 0; k < codes.length; k++) {
    const code = codes[k] as number;
    if (code < 0 || code > 255) throw new RangeError(`n-gram character code ${code} is not 0-255`);
    if (k < 4) low |= code << (8 * k);
    else high |= code << (8 * (k - 4));
  }
  return [low | 0, high | 0];
}

function hash(low: number, high: number): number {
  let h = low ^ Math.imul(high, 0x9e3779b1);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return h;
}
