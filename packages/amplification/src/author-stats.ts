// What the engine remembers about one author for one brand: enough to score earned influence,
// small enough to keep tens of thousands per brand in a snapshot.
import { utcDay } from './event-time.ts';

/** Days of history consistency looks at. */
export const ACTIVE_DAYS_WINDOW = 30;

export interface AuthorStats {
  source: string;
  handle: string;
  followers: number | null;
  /** Non-spam, non-duplicate mentions of the brand. */
  mentions: number;
  /** How many of them were replies (the author took part in a conversation). */
  replies: number;
  /** Mean engagement rate of their posts (reactions per follower), running. */
  engagementRate: number;
  /** Posts that fed engagementRate. */
  engagementPosts: number;
  /** Mentions using one of the brand's category terms. */
  categoryHits: number;
  /** UTC day numbers with a mention, ascending, the last ACTIVE_DAYS_WINDOW days only. */
  days: number[];
  /** Event time of the latest mention. */
  lastSeen: number;
}

export interface AuthoredPost {
  publishedAt: number;
  followers: number | null;
  likes: number;
  shares: number;
  replies: number;
  isReply: boolean;
  usesCategoryTerm: boolean;
}

export function newAuthorStats(source: string, handle: string): AuthorStats {
  return { source, handle, followers: null, mentions: 0, replies: 0, engagementRate: 0, engagementPosts: 0, categoryHits: 0, days: [], lastSeen: 0 };
}

/**
 * Reactions per follower. Shares and replies weigh twice a like: they take effort and carry the
 * post further. A floor of 100 followers keeps a tiny account's one like from reading as viral.
 */
export function engagementRate(post: Pick<AuthoredPost, 'followers' | 'likes' | 'shares' | 'replies'>): number {
  const reactions = post.likes + 2 * post.shares + 2 * post.replies;
  return reactions / Math.max(post.followers ?? 0, 100);
}

export function recordPost(stats: AuthorStats, post: AuthoredPost, eventTime: number): void {
  stats.mentions += 1;
  if (post.isReply) stats.replies += 1;
  if (post.usesCategoryTerm) stats.categoryHits += 1;
  if (post.followers !== null) stats.followers = post.followers;
  stats.engagementPosts += 1;
  stats.engagementRate += (engagementRate(post) - stats.engagementRate) / stats.engagementPosts;
  stats.lastSeen = Math.max(stats.lastSeen, eventTime);
  const day = utcDay(eventTime);
  if (!stats.days.includes(day)) {
    stats.days.push(day);
    stats.days.sort((a, b) => a - b);
  }
  const oldest = utcDay(stats.lastSeen) - ACTIVE_DAYS_WINDOW + 1;
  while (stats.days.length > 0 && (stats.days[0] ?? 0) < oldest) stats.days.shift();
}

export function activeDays(stats: AuthorStats, now: number): number {
  const oldest = utcDay(now) - ACTIVE_DAYS_WINDOW + 1;
  return stats.days.filter((day) => day >= oldest).length;
}

