// Least-recently-used order over numbered slots, as two typed arrays of links: the bounded
// memories that keep their entries in slots (LruKeyTable, the near-duplicate index) evict from
// `oldest` without a JS object per entry.
const NONE = -1;

export class SlotLruList {
  private readonly older: Int32Array;
  private readonly newer: Int32Array;
  /** The least recently used slot, -1 when empty. */
  oldest = NONE;
  /** The most recently used slot, -1 when empty. */
  newest = NONE;

  constructor(slots: number) {
    this.older = new Int32Array(slots);
    this.newer = new Int32Array(slots);
  }

  /** Puts a slot that is not in the list at its newest end. */
  pushNewest(slot: number): void {
    this.older[slot] = this.newest;
    this.newer[slot] = NONE;
    if (this.newest !== NONE) this.newer[this.newest] = slot;
    else this.oldest = slot;
    this.newest = slot;
  }

  /** Takes a slot that is in the list out of it. */
  remove(slot: number): void {
    const older = this.older[slot] as number;
    const newer = this.newer[slot] as number;
    if (older !== NONE) this.newer[older] = newer;
    else this.oldest = newer;
    if (newer !== NONE) this.older[newer] = older;
    else this.newest = older;
  }
}
