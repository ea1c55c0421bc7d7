// What recent posts said, to spot a comment that pastes its own post back (a common trick of
// comment bots: look on-topic, carry a link in the name or profile). Kept as each post's word
// 3-gram shingles, bounded by count, least-recently-seen forgotten first.
//
// A post's shingles are one sorted typed array (4 bytes each, searched by halves) rather than a
// Set (~30 bytes each): the memory holds tens of thousands of posts.

import { MapTrimmer } from '../state/map-trimmer.ts';

/** Share of a comment's shingles found in its post at which the comment is the post pasted back. */
export const PASTED_POST_SHARE = 0.8;

export class RecentPosts {
  private readonly capacity: number;
  private readonly byKey = new Map<string, Uint32Array>();
  private readonly trimmer = new MapTrimmer(this.byKey);

  constructor(capacity: number) {
    this.capacity = capacity;
  }

  /** Remembers what `key` ("<source>:<sourceId>") said. */
  record(key: string, shingles: Uint32Array): void {
    this.byKey.delete(key);
    this.byKey.set(key, distinctSorted(shingles));
    this.trimmer.trim(this.capacity);
  }

  /** Whether a comment on `parentKey` with these shingles mostly repeats the parent's text. */
  repeats(parentKey: string, shingles: Uint32Array): boolean {
    const post = this.byKey.get(parentKey);
    if (post === undefined || shingles.length === 0) return false;
    let shared = 0;
    for (const shingle of shingles) if (contains(post, shingle)) shared++;
    return shared / shingles.length >= PASTED_POST_SHARE;
  }
}

/** The shingles sorted, each once, in an array of exactly that length. */
function distinctSorted(shingles: Uint32Array): Uint32Array {
  const sorted = Uint32Array.from(shingles).sort();
  let kept = 0;
  for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[kept - 1]) sorted[kept++] = sorted[i] as number;
  return kept === sorted.length ? sorted : sorted.slice(0, kept);
}

function contains(sorted: Uint32Array, value: number): boolean {
  let low = 0;
  let high = sorted.length - 1;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    const at = sorted[middle] as number;
    if (at === value) return true;
    if (at < value) low = middle + 1;
    else high = middle - 1;
  }
  return false;
}
