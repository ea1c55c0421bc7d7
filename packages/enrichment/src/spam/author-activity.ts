// A little memory of each author's recent posts (whether each had a link, whether it was a reply),
// to spot accounts that only broadcast links. Bounded twice: the last WINDOW posts per author, and
// `capacity` authors, least-recently-seen forgotten first.

import { MapTrimmer } from '../state/map-trimmer.ts';

/** Posts remembered per author (bits of a 32-bit mask). */
export const AUTHOR_WINDOW = 20;
/** Fewer posts than this and nobody is called a broadcaster. */
export const MIN_POSTS_FOR_BROADCAST = 5;

interface Activity {
  posts: number;
  /** Bit i set: the i-th most recent post had a link. */
  links: number;
  /** Bit i set: the i-th most recent post was a reply. */
  replies: number;
}

const WINDOW_MASK = (1 << AUTHOR_WINDOW) - 1;

export class AuthorActivity {
  private readonly capacity: number;
  private readonly byAuthor = new Map<string, Activity>();
  private readonly trimmer = new MapTrimmer(this.byAuthor);

  constructor(capacity: number) {
    this.capacity = capacity;
  }

  /** Records one post and says whether the author now looks like a link broadcaster. */
  record(author: string, hasLink: boolean, isReply: boolean): { broadcastOnly: boolean } {
    const activity = this.byAuthor.get(author) ?? { posts: 0, links: 0, replies: 0 };
    this.byAuthor.delete(author);
    this.byAuthor.set(author, activity);
    activity.posts = Math.min(activity.posts + 1, AUTHOR_WINDOW);
    activity.links = ((activity.links << 1) | (hasLink ? 1 : 0)) & WINDOW_MASK;
    activity.replies = ((activity.replies << 1) | (isReply ? 1 : 0)) & WINDOW_MASK;
    this.trimmer.trim(this.capacity);
    const window = (1 << activity.posts) - 1;
    const allLinks = (activity.links & window) === window;
    return { broadcastOnly: activity.posts >= MIN_POSTS_FOR_BROADCAST && allLinks && activity.replies === 0 };
  }
}
