// Forgets a Map's oldest entries (insertion order; a "touch" is delete + set) past a capacity.
//
// `map.keys().next()` on every eviction looks cheap but is not: V8 leaves a deleted entry as a
// hole in the table until it rehashes, and a new iterator starts at the front, skipping every
// hole the evictions since the last rehash left there, so each eviction cost grew with the
// capacity (the largest self time of a profile at full state). One iterator kept across calls
// stays at the oldest live entry: whatever it passed was deleted, and entries set later are
// appended behind it, which the iteration order of Map guarantees.
export class MapTrimmer<K, V> {
  private readonly map: Map<K, V>;
  private oldest: MapIterator<K> | null = null;

  constructor(map: Map<K, V>) {
    this.map = map;
  }

  /** Deletes the oldest entries until at most `capacity` remain; returns how many it deleted. */
  trim(capacity: number): number {
    let deleted = 0;
    while (this.map.size > capacity) {
      let next = this.oldest?.next();
      // A finished iterator stays finished even when entries are added later: start a new one.
      if (next === undefined || next.done === true) {
        this.oldest = this.map.keys();
        next = this.oldest.next();
      }
      if (next.done === true) break;
      this.map.delete(next.value);
      deleted++;
    }
    return deleted;
  }
}
