// A little memory of each author's recent posts (whether each had a link, whether it was a reply),
// to spot accounts that only broadcast links. Bounded twice: the last WINDOW posts per author, and
// `capacity` authors, least-recently-seen forgotten first.

import { MapTrimmer } from '../state/map-trimmer.ts';

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

export class AuthorActivity {
  private readonly capacity: number;
  private readonly byAuthor = new Map<string, number>();
  private readonly trimmer = new MapTrimmer(this.byAuthor);

  constructor(capacity: number) {
    this.capacity = capacity;
  }

  /** Records one post and says whether the author now looks like a link broadcaster. */
  record(author: string, hasLink: boolean, isReply: boolean): { broadcastOnly: boolean } {
    const before = this.byAuthor.get(author) ?? 0;
    const posts = Math.min(Math.floor(before / POSTS) + 1, AUTHOR_WINDOW);
    const links = (((Math.floor(before / LINKS) % LINKS) << 1) | (hasLink ? 1 : 0)) & WINDOW_MASK;
    const replies = (((before % LINKS) << 1) | (isReply ? 1 : 0)) & WINDOW_MASK;
    this.byAuthor.delete(author);
    this.byAuthor.set(author, posts * POSTS + links * LINKS + replies);
    this.trimmer.trim(this.capacity);
    const window = (1 << posts) - 1;
    const allLinks = (links & window) === window;
    return { broadcastOnly: posts >= MIN_POSTS_FOR_BROADCAST && allLinks && replies === 0 };
  }
}
