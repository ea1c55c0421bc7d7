// What recent posts said, to spot a comment that pastes its own post back (a common trick of
// comment bots: look on-topic, carry a link in the name or profile). Kept as each post's word
// 3-gram shingles, bounded by count, least-recently-seen forgotten first.

/** Share of a comment's shingles found in its post at which the comment is the post pasted back. */
export const PASTED_POST_SHARE = 0.8;

export class RecentPosts {
  private readonly capacity: number;
  private readonly byKey = new Map<string, ReadonlySet<number>>();

  constructor(capacity: number) {
    this.capacity = capacity;
  }

  /** Remembers what `key` ("<source>:<sourceId>") said. */
  record(key: string, shingles: Uint32Array): void {
    this.byKey.delete(key);
    this.byKey.set(key, new Set(shingles));
    while (this.byKey.size > this.capacity) {
      const oldest = this.byKey.keys().next().value;
      if (oldest === undefined) break;
      this.byKey.delete(oldest);
    }
  }

  /** Whether a comment on `parentKey` with these shingles mostly repeats the parent's text. */
  repeats(parentKey: string, shingles: Uint32Array): boolean {
    const post = this.byKey.get(parentKey);
    if (post === undefined || shingles.length === 0) return false;
    let shared = 0;
    for (const shingle of shingles) if (post.has(shingle)) shared++;
    return shared / shingles.length >= PASTED_POST_SHARE;
  }
}
