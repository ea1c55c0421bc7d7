// What every mention writer shares: the seeded random stream, ids, brands, authors, the recent
// posts threads hang off, and a queue of mentions due later (retries, copies, answers,
// re-observations). One world per generator; it changes only in call order, so the same calls
// give the same output.
import { type AuthorPool, createAuthorPool, type SourceName } from './authors.ts';
import type { BrandProfile } from './brand-profiles.ts';
import type { MentionJson } from './mention-json.ts';
import { createRandom, deriveSeed, type Random } from './random.ts';
import { createIdSpace, type IdSpace, SOURCES } from './source-shapes.ts';

export interface RecentPost {
  mention: MentionJson;
  brandId: string;
}

/** Top-level posts remembered per source for replies. */
const RECENT_POSTS = 300;

export interface World {
  readonly random: Random;
  readonly ids: IdSpace;
  readonly brands: readonly BrandProfile[];
  readonly pools: Readonly<Record<SourceName, AuthorPool>>;
  /** Remembers a top-level post that replies may answer. */
  remember(source: SourceName, post: RecentPost): void;
  /** A recent post of the source (about the brand, when given), newer ones more often. */
  recentPost(source: SourceName, brandId?: string): RecentPost | undefined;
  /** Sends a mention later, at `due` (epoch ms). */
  later(due: number, mention: MentionJson): void;
  /** Mentions due before `until`, in due order, removed from the queue. */
  takeDue(until: number): Array<{ at: number; mention: MentionJson }>;
}

export function createWorld(seed: number, brands: readonly BrandProfile[]): World {
  const random = createRandom(deriveSeed(seed, 'traffic'));
  const pools = Object.fromEntries(SOURCES.map((source) => [source, createAuthorPool(source, seed)])) as Record<SourceName, AuthorPool>;
  const recent = Object.fromEntries(SOURCES.map((source) => [source, [] as RecentPost[]])) as Record<SourceName, RecentPost[]>;
  // Kept sorted by (due, seq): seq keeps insertion order among equal due times.
  const queue: Array<{ due: number; seq: number; mention: MentionJson }> = [];
  let seq = 0;
  return {
    random,
    ids: createIdSpace(seed),
    brands,
    pools,
    remember(source, post) {
      const list = recent[source];
      list.push(post);
      if (list.length > RECENT_POSTS) list.shift();
    },
    recentPost(source, brandId) {
      const list = brandId === undefined ? recent[source] : recent[source].filter((p) => p.brandId === brandId);
      if (list.length === 0) return undefined;
      // Newer posts draw more replies: index from the end, skewed towards it.
      return list[list.length - 1 - Math.floor(list.length * random.next() ** 2)];
    },
    later(due, mention) {
      seq += 1;
      const entry = { due, seq, mention };
      let i = queue.length;
      while (i > 0 && (queue[i - 1]?.due ?? 0) > due) i -= 1;
      queue.splice(i, 0, entry);
    },
    takeDue(until) {
      let n = 0;
      while (n < queue.length && (queue[n]?.due ?? Number.POSITIVE_INFINITY) < until) n += 1;
      return queue.splice(0, n).map((e) => ({ at: e.due, mention: e.mention }));
    },
  };
}
