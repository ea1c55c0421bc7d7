// What recent posts said, to spot a comment that pastes its own post back (a common trick of
// comment bots: look on-topic, carry a link in the name or profile). Kept as each post's word
// 3-gram shingles, bounded by count, least-recently-seen forgotten first.
//
// A post's shingles are kept sorted, each once, searched by halves, in a string of two UTF-16
// code units a shingle (its high and low 16 bits): 4 bytes a shingle, like a typed array, but one
// heap object of 16 bytes' overhead, where a Uint32Array is three objects and a buffer outside
// the heap (~250 bytes, which the collector tracks one by one: 20,000 posts at the defaults). A
// Set cost ~30 bytes a shingle. The keys ("source:sourceId") are in an LruKeyTable, not a Map.

import { LruKeyTable } from '../state/lru-key-table.ts';

/** Share of a comment's shingles found in its post at which the comment is the post pasted back. */
export const PASTED_POST_SHARE = 0.8;
/** Bytes of "source:sourceId" kept inline (longer ones keep their string: an RSS item's URL). */
const KEY_WIDTH = 48;

export class RecentPosts {
  private readonly keys: LruKeyTable;
  /** slot → the post's shingles (distinctSorted). */
  private readonly shinglesOf: (string | undefined)[];
  private readonly forget = (slot: number) => {
    this.shinglesOf[slot] = undefined;
  };
  /** Posts forgotten to stay within the capacity. */
  evicted = 0;

  constructor(capacity: number) {
    this.keys = new LruKeyTable(capacity, KEY_WIDTH);
    this.shinglesOf = new Array(this.keys.slots).fill(undefined);
  }

  get size(): number {
    return this.keys.size;
  }

  /** Remembers what `key` ("<source>:<sourceId>") said. */
  record(key: string, shingles: Uint32Array): void {
    let slot = this.keys.find(key);
    if (slot === -1) slot = this.keys.add(key);
    else this.keys.touch(slot);
    this.shinglesOf[slot] = distinctSorted(shingles);
    this.evicted += this.keys.trim(this.forget);
  }

  /** Whether a comment on `parentKey` with these shingles mostly repeats the parent's text. */
  repeats(parentKey: string, shingles: Uint32Array): boolean {
    const slot = this.keys.find(parentKey);
    const post = slot === -1 ? undefined : this.shinglesOf[slot];
    if (post === undefined || shingles.length === 0) return false;
    let shared = 0;
    for (const shingle of shingles) if (contains(post, shingle)) shared++;
    return shared / shingles.length >= PASTED_POST_SHARE;
  }
}

/**
 * The shingles sorted, each once, two code units each (high 16 bits first), made by Node's UTF-16LE
 * decoder, which copies code units as they are (a lone surrogate stays itself).
 */
function distinctSorted(shingles: Uint32Array): string {
  const sorted = Uint32Array.from(shingles).sort();
  const bytes = Buffer.allocUnsafe(sorted.length * 4);
  let kept = 0;
  for (let i = 0; i < sorted.length; i++) {
    const value = sorted[i] as number;
    if (i > 0 && value === sorted[i - 1]) continue;
    const at = 4 * kept++;
    bytes[at] = (value >>> 16) & 0xff;
    bytes[at + 1] = value >>> 24;
    bytes[at + 2] = value & 0xff;
    bytes[at + 3] = (value >>> 8) & 0xff;
  }
  return bytes.toString('utf16le', 0, 4 * kept);
}

function contains(sorted: string, value: number): boolean {
  let low = 0;
  let high = sorted.length / 2 - 1;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    const at = ((sorted.charCodeAt(2 * middle) << 16) | sorted.charCodeAt(2 * middle + 1)) >>> 0;
    if (at === value) return true;
    if (at < value) low = middle + 1;
    else high = middle - 1;
  }
  return false;
}
