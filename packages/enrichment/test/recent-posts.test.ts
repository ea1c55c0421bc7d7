import { describe, expect, it } from 'vitest';
import { PASTED_POST_SHARE, RecentPosts } from '../src/spam/recent-posts.ts';

const hashes = (...values: number[]) => Uint32Array.from(values);

describe('RecentPosts', () => {
  it('finds a comment whose shingles are mostly its post, whatever their high bits', () => {
    const posts = new RecentPosts(10);
    // Unsorted, with a repeat, across the whole 32-bit range.
    posts.record('yt:1', hashes(0xffffffff, 0, 0x80000000, 0x0001ffff, 0x7fffffff, 0, 0x00010000, 0xfffe0001, 5, 6));
    expect(PASTED_POST_SHARE).toBe(0.8);
    const known = [0xffffffff, 0, 0x80000000, 0x0001ffff, 0x7fffffff, 0x00010000, 0xfffe0001, 5];
    expect(posts.repeats('yt:1', hashes(...known, 7, 8))).toBe(true);
    expect(posts.repeats('yt:1', hashes(...known.slice(0, 7), 7, 8))).toBe(false);
    expect(posts.repeats('yt:1', hashes(0xfffe0000, 0x00020000, 0x80000001, 4, 0x0001fffe))).toBe(false);
    expect(posts.repeats('yt:2', hashes(...known))).toBe(false);
    expect(posts.repeats('yt:1', hashes())).toBe(false);
  });

  it('keeps the last text of a key, and forgets the oldest past its capacity', () => {
    const posts = new RecentPosts(2);
    posts.record('a', hashes(1, 2, 3, 4, 5));
    posts.record('b', hashes(6, 7, 8, 9, 10));
    posts.record('a', hashes(11, 12, 13, 14, 15));
    posts.record('c', hashes(16, 17, 18, 19, 20));
    expect([
      posts.repeats('a', hashes(1, 2, 3, 4, 5)),
      posts.repeats('a', hashes(11, 12, 13, 14, 15)),
      posts.repeats('b', hashes(6, 7, 8, 9, 10)),
      posts.repeats('c', hashes(16, 17, 18, 19, 20)),
    ]).toEqual([false, true, false, true]);
  });

  it('reads a post with more shingles than a call takes arguments', () => {
    const posts = new RecentPosts(1);
    const many = Uint32Array.from({ length: 20_000 }, (_, i) => (i * 2654435761) >>> 0);
    posts.record('long', many);
    expect([posts.repeats('long', many.subarray(12_000, 17_000)), posts.repeats('long', hashes(1, 3))]).toEqual([true, false]);
  });
});
