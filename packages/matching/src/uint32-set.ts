// A set of 32-bit unsigned integers for one short-lived use at a time (a text's shingle hashes),
// reused from text to text: open addressing over two typed arrays, emptied by bumping a
// generation number. A `Set<number>` allocated a table per text, and a heap number for every
// hash above 2^31 (half of them).

export class Uint32Set {
  private values = new Uint32Array(64);
  private generations = new Uint32Array(64);
  private generation = 0;
  private mask = 63;

  /** Empties the set, with room for `expected` values (at most half full). */
  reset(expected: number): void {
    if (expected * 2 > this.mask + 1) {
      const capacity = 2 ** Math.ceil(Math.log2(expected * 2));
      this.values = new Uint32Array(capacity);
      this.generations = new Uint32Array(capacity);
      this.mask = capacity - 1;
      this.generation = 0;
    }
    if (++this.generation === 0xffffffff) {
      this.generations.fill(0);
      this.generation = 1;
    }
  }

  /** Adds `value` (0 to 2^32 - 1); false when it was there already. Holds `expected` values at most. */
  add(value: number): boolean {
    const { values, generations, generation, mask } = this;
    let h = Math.imul(value ^ (value >>> 16), 0x85ebca6b);
    h ^= h >>> 13;
    for (let at = h & mask; ; at = (at + 1) & mask) {
      if (generations[at] !== generation) {
        generations[at] = generation;
        values[at] = value;
        return true;
      }
      if (values[at] === value) return false;
    }
  }
}
