// String keys kept least-recently-used first, each in a numbered slot, in typed arrays sized by
// the capacity when the table is made: what the enricher's per-key memories (recent ids, authors,
// posts, thread posts) index their values by, instead of a Map each.
//
// Why: a full enricher held four Maps of 100,000 string keys. Without pointer compression (Node's
// default) a Map entry is three 8-byte words in a table that doubles, 20 MB of tables in a heap
// snapshot of a full enricher, and most keys were strings of their own (an author's
// "source:handle" and a post's "url:…" are concatenations made per mention: a 32-byte cons string
// over its parts): ~28 MB of strings. The collector visits all of it, and V8 lets the heap grow to
// ~1.7× what is live, so each live heap byte cost nearly two resident ones. Here a key is its
// Latin-1 characters in a fixed-width slot of one byte array (a longer key, or one with a
// character past U+00FF, keeps its string in `longKeys`), found through an open-addressing table
// of slot numbers; the owner keeps each slot's value in an array or typed array of its own.
//
// Order is a Map's with "touch" as delete + set: `add` and `touch` make a key the newest, and
// `trim` forgets the oldest keys past the capacity, as MapTrimmer did, telling the caller each
// slot it frees (to drop its value) and how many (to count them). Between an `add` and the
// `trim` the table holds up to OVER keys more than its capacity: an owner that adds several keys
// before trimming (a post's id and URL) still finds the old ones meanwhile, as a Map did.

import { SlotLruList } from './slot-lru-list.ts';

const NONE = -1;
/** `keyLength` of a key kept as a string in `longKeys`. */
const LONG = 0xffff;
/** Keys a table holds past its capacity until trimmed. */
const OVER = 2;

export class LruKeyTable {
  readonly capacity: number;
  /** Slots: the capacity and OVER more. Slot numbers are below this. */
  readonly slots: number;
  /** Bytes of a slot's inline key: a key of more characters is kept in `longKeys`. */
  private readonly width: number;
  private readonly keyBytes: Uint8Array;
  /** slot → characters of its inline key, or LONG. */
  private readonly keyLength: Uint16Array;
  private readonly longKeys = new Map<number, string>();
  private readonly hashOf: Int32Array;
  /** Open addressing (linear probing): 1 + slot, 0 when empty; at most half full. */
  private readonly table: Int32Array;
  private readonly mask: number;
  private readonly lru: SlotLruList;
  private readonly freeSlots: number[] = [];
  private fresh = 0;
  private count = 0;

  /** `keyWidth`: bytes kept inline per key; choose it to hold most keys (a longer one costs a string). */
  constructor(capacity: number, keyWidth: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`capacity must be a positive integer, got ${capacity}`);
    if (!Number.isInteger(keyWidth) || keyWidth < 1 || keyWidth >= LONG) throw new RangeError(`keyWidth must be in [1, ${LONG}), got ${keyWidth}`);
    this.capacity = capacity;
    this.width = keyWidth;
    const slots = capacity + OVER;
    this.slots = slots;
    this.keyBytes = new Uint8Array(slots * keyWidth);
    this.keyLength = new Uint16Array(slots);
    this.hashOf = new Int32Array(slots);
    const tableSize = 2 ** Math.ceil(Math.log2(Math.max(4, slots * 2)));
    this.table = new Int32Array(tableSize);
    this.mask = tableSize - 1;
    this.lru = new SlotLruList(slots);
  }

  get size(): number {
    return this.count;
  }

  /** The key's slot, or -1 when absent. Does not change the order. */
  find(key: string): number {
    const hash = hashKey(key);
    const table = this.table;
    for (let at = hash & this.mask; ; at = (at + 1) & this.mask) {
      const cell = table[at] as number;
      if (cell === 0) return NONE;
      const slot = cell - 1;
      if (this.hashOf[slot] === hash && this.keyIs(slot, key)) return slot;
    }
  }

  /** Adds a key known to be absent as the newest and returns its slot. */
  add(key: string): number {
    if (this.count === this.slots) throw new RangeError(`an LruKeyTable holds at most ${OVER} keys past its capacity before trim()`);
    const slot = this.freeSlots.pop() ?? this.fresh++;
    const hash = hashKey(key);
    this.hashOf[slot] = hash;
    this.storeKey(slot, key);
    const table = this.table;
    let at = hash & this.mask;
    while (table[at] !== 0) at = (at + 1) & this.mask;
    table[at] = slot + 1;
    this.lru.pushNewest(slot);
    this.count++;
    return slot;
  }

  /** Makes the slot's key the newest. */
  touch(slot: number): void {
    if (slot === this.lru.newest) return;
    this.lru.remove(slot);
    this.lru.pushNewest(slot);
  }

  /**
   * Forgets the oldest keys until at most `capacity` remain, calling `onEvict` with each one's slot
   * once it is forgotten (the owner drops its value there); returns how many it forgot.
   */
  trim(onEvict: (slot: number) => void): number {
    let forgotten = 0;
    while (this.count > this.capacity) {
      const slot = this.lru.oldest;
      this.remove(slot);
      onEvict(slot);
      forgotten++;
    }
    return forgotten;
  }

  /** Forgets the slot's key (its slot may be reused by the next `add`). */
  remove(slot: number): void {
    const table = this.table;
    const mask = this.mask;
    let hole = (this.hashOf[slot] as number) & mask;
    while (table[hole] !== slot + 1) hole = (hole + 1) & mask;
    // Backward-shift deletion: no tombstones, so a lookup's probe run stays as short as at insertion.
    for (let next = (hole + 1) & mask; table[next] !== 0; next = (next + 1) & mask) {
      const want = (this.hashOf[(table[next] as number) - 1] as number) & mask;
      const inRange = hole <= next ? want > hole && want <= next : want > hole || want <= next;
      if (!inRange) {
        table[hole] = table[next] as number;
        hole = next;
      }
    }
    table[hole] = 0;
    this.lru.remove(slot);
    if (this.keyLength[slot] === LONG) this.longKeys.delete(slot);
    this.freeSlots.push(slot);
    this.count--;
  }

  private storeKey(slot: number, key: string): void {
    const length = key.length;
    if (length <= this.width) {
      const bytes = this.keyBytes;
      const base = slot * this.width;
      let i = 0;
      for (; i < length; i++) {
        const code = key.charCodeAt(i);
        if (code > 0xff) break;
        bytes[base + i] = code;
      }
      if (i === length) {
        this.keyLength[slot] = length;
        return;
      }
    }
    this.keyLength[slot] = LONG;
    this.longKeys.set(slot, key);
  }

  private keyIs(slot: number, key: string): boolean {
    const length = this.keyLength[slot] as number;
    if (length === LONG) return this.longKeys.get(slot) === key;
    if (length !== key.length) return false;
    const bytes = this.keyBytes;
    const base = slot * this.width;
    for (let i = 0; i < length; i++) if (bytes[base + i] !== key.charCodeAt(i)) return false;
    return true;
  }
}

/** FNV-1a over the UTF-16 code units, then murmur3's finaliser so the low bits index the table well. */
function hashKey(key: string): number {
  let h = 0x811c9dc5 | 0;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h;
}
