// Engagement over time for the brand's recent posts: each time a post is seen again (a connector
// re-fetching it with new counts) or answered by another mention, a point is added. Rates between
// points tell whether shares and replies are accelerating (viral) or merely growing (traction).
// Observation times are ingestedAt: one clock, the pipeline's, for every point of a post.

export interface EngagementPoint {
  /** ingestedAt of the observation, epoch ms. */
  at: number;
  /** Shares + replies. */
  spread: number;
  /** Likes + shares + replies. */
  total: number;
}

export interface TrackedPost {
  id: string;
  author: string;
  text: string;
  url: string | null;
  compound: number;
  /** Event time of the post. */
  publishedAt: number;
  /** Replies seen as mentions of their own (parentId = this post). */
  childReplies: number;
  reported: { likes: number; shares: number; replies: number };
  points: EngagementPoint[];
  ownPost: boolean;
  /** Kinds raised for this post (each at most once). */
  fired: string[];
}

const MAX_POINTS = 6;
/** Points closer than this are merged: a burst of re-fetches is one observation. */
const MIN_POINT_GAP_MS = 1_000;

export function spreadOf(post: TrackedPost): { spread: number; total: number } {
  const replies = Math.max(post.reported.replies, post.childReplies);
  const spread = post.reported.shares + replies;
  return { spread, total: spread + post.reported.likes };
}

export function addPoint(post: TrackedPost, at: number): void {
  const { spread, total } = spreadOf(post);
  const last = post.points[post.points.length - 1];
  if (last && at - last.at < MIN_POINT_GAP_MS) {
    last.spread = Math.max(last.spread, spread);
    last.total = Math.max(last.total, total);
    return;
  }
  post.points.push({ at: last ? Math.max(at, last.at) : at, spread, total });
  if (post.points.length > MAX_POINTS) post.points.shift();
}

/** Spread per second over the last interval and the one before it; null without three points. */
export function spreadRates(post: TrackedPost): { latest: number; previous: number } | null {
  const [a, b, c] = post.points.slice(-3);
  if (!a || !b || !c) return null;
  const rate = (from: EngagementPoint, to: EngagementPoint) => (to.spread - from.spread) / Math.max((to.at - from.at) / 1000, 1e-3);
  return { previous: rate(a, b), latest: rate(b, c) };
}

/** Total engagement grew since the previous point. */
export function isGrowing(post: TrackedPost): boolean {
  const [previous, latest] = post.points.slice(-2);
  return previous !== undefined && latest !== undefined && latest.total > previous.total;
}

/** Keeps at most `max` posts: the least engaged go first, then the oldest. */
export function prunePosts(posts: Record<string, TrackedPost>, max: number, olderThan: number): void {
  for (const [id, post] of Object.entries(posts)) if (post.publishedAt < olderThan) delete posts[id];
  const ids = Object.keys(posts);
  if (ids.length <= max) return;
  const ranked = Object.values(posts)
    .sort((a, b) => spreadOf(a).total - spreadOf(b).total || a.publishedAt - b.publishedAt || (a.id < b.id ? -1 : 1));
  for (const post of ranked.slice(0, ids.length - Math.floor(max * 0.9))) delete posts[post.id];
}
