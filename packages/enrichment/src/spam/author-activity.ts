// A little memory of each author's recent posts (whether each had a link, whether it was a reply),
// to spot accounts that only broadcast links. Bounded twice: the last WINDOW posts per author, and
// `capacity` authors, least-recently-seen forgotten first. Authors ("source:handle") are kept in an
// LruKeyTable and their activity in a Float64Array by slot: a Map of strings to numbers cost a
// table entry, the key (a cons string over the mention's handle) and a heap number per author.

import { LruKeyTable } from '../state/lru-key-table.ts';

/** Posts remembered per author (bits of a 32-bit mask). */
export const AUTHOR_WINDOW = 20;
/** Fewer posts than this and nobody is called a broadcaster. */
export const MIN_POSTS_FOR_BROADCAST = 5;

const WINDOW_MASK = (1 << AUTHOR_WINDOW) - 1;
/**
 * An author's activity is one number: posts × 2^40 + links × 2^20 + replies, where bit i of links
 * (replies) says the i-th most recent post had a link (was a reply). 45 bits, exact in a double:
 * the map keeps a number per author instead of an object (48 bytes, 5 MB at the default capacity).
 */
const LINKS = 2 ** AUTHOR_WINDOW;
const POSTS = 2 ** (2 * AUTHOR_WINDOW);
/** Bytes of "source:handle" kept inline (longer ones keep their string). */
const AUTHOR_WIDTH = 48;

export class AuthorActivity {
  private readonly authors: LruKeyTable;
  /** slot → the author's activity (0 for a slot not in use). */
  private readonly activity: Float64Array;
  private readonly forget = (slot: number) => {
    this.activity[slot] = 0;
  };
  /** Authors forgotten to stay within the capacity. */
  evicted = 0;

  constructor(capacity: number) {
    this.authors = new LruKeyTable(capacity, AUTHOR_WIDTH);
    this.activity = new Float64Array(this.authors.slots);
  }

  get size(): number {
    return this.authors.size;
  }

  /** Records one post and says whether the author now looks like a link broadcaster. */
  record(author: string, hasLink: boolean, isReply: boolean): { broadcastOnly: boolean } {
    let slot = this.authors.find(author);
    const before = slot === -1 ? 0 : (this.activity[slot] as number);
    const posts = Math.min(Math.floor(before / POSTS) + 1, AUTHOR_WINDOW);
    const links = (((Math.floor(before / LINKS) % LINKS) << 1) | (hasLink ? 1 : 0)) & WINDOW_MASK;
    const replies = (((before % LINKS) << 1) | (isReply ? 1 : 0)) & WINDOW_MASK;
    if (slot === -1) slot = this.authors.add(author);
    else this.authors.touch(slot);
    this.activity[slot] = posts * POSTS + links * LINKS + replies;
    this.evicted += this.authors.trim(this.forget);
    const window = (1 << posts) - 1;
    const allLinks = (links & window) === window;
    return { broadcastOnly: posts >= MIN_POSTS_FOR_BROADCAST && allLinks && replies === 0 };
  }
}
