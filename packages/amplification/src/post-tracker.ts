// Engagement over time for the brand's recent posts: each time a post is seen again (a connector
// re-fetching it with new counts) or answered by another mention, a point is added. Rates between
// points tell whether shares and replies are accelerating (viral) or merely growing (traction).
// Observation times are event times (the reply's publication), so a post's curve is the same
// whatever order its replies arrived in.

export interface EngagementPoint {
  /** Event time of the observation, epoch ms. */
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
  /** Labelled negative by the sentiment worker, as the rollups count it (absent in snapshots before it was kept). */
  negative?: boolean;
  /** Event time of the post. */
  publishedAt: number;
  /** Replies seen as mentions of their own (parentId = this post). */
  childReplies: number;
  reported: { likes: number; shares: number; replies: number };
  points: EngagementPoint[];
  /** The first observation, kept when old points are dropped: the pace since then is the post's usual. */
  origin: EngagementPoint | null;
  ownPost: boolean;
  /** Kinds raised for this post (each at most once). */
  fired: string[];
}

const MAX_POINTS = 24;
/**
 * An observation closer than this to the last point makes no point of its own: a rate between two
 * replies seconds apart says nothing. It is not folded into that point either: a point is the
 * post's counts at its own time, so the rate from it to the next one is the counts' growth over
 * the time between them (folding the later counts in at the earlier time left only the growth of
 * the last second or so for the next interval, and a post taking 12 replies a minute was reported
 * at 3).
 */
const MIN_POINT_GAP_MS = 15_000;

export function spreadOf(post: TrackedPost): { spread: number; total: number } {
  const replies = Math.max(post.reported.replies, post.childReplies);
  const spread = post.reported.shares + replies;
  return { spread, total: spread + post.reported.likes };
}

/**
 * Records an observation at event time `at`, made after the post's counts changed from `before`.
 * One older than the last point (a late reply, or one judged after a backfill's oldest were judged
 * early) existed at every point from its time on: its change is added to those points, so it is
 * not counted as growth of the next interval either.
 */
export function addPoint(post: TrackedPost, at: number, before?: { spread: number; total: number }): void {
  const { spread, total } = spreadOf(post);
  const last = post.points[post.points.length - 1];
  if (last && at < last.at) {
    const grew = { spread: spread - (before?.spread ?? spread), total: total - (before?.total ?? total) };
    for (const point of post.origin && post.origin.at >= at ? [...post.points, post.origin] : post.points) {
      if (point.at < at) continue;
      point.spread += grew.spread;
      point.total += grew.total;
    }
    return;
  }
  if (last && at - last.at < MIN_POINT_GAP_MS) return;
  post.points.push({ at: last ? Math.max(at, last.at) : at, spread, total });
  if (!post.origin) post.origin = { at, spread, total };
  if (post.points.length > MAX_POINTS) post.points.shift();
}

/**
 * Spread per second over the last interval, and from the first observation up to it; null without
 * three points. A post that crept along and now moves fast has a latest rate well above the
 * earlier one, however long it has been fast.
 */
export function spreadRates(post: TrackedPost): { latest: number; previous: number } | null {
  if (post.points.length < 3) return null;
  const first = post.origin ?? post.points[0];
  const [b, c] = post.points.slice(-2);
  if (!first || !b || !c) return null;
  const rate = (from: EngagementPoint, to: EngagementPoint) => (to.spread - from.spread) / Math.max((to.at - from.at) / 1000, 1e-3);
  return { previous: rate(first, b), latest: rate(b, c) };
}

/** Total engagement grew since the previous point. */
export function isGrowing(post: TrackedPost): boolean {
  const [previous, latest] = post.points.slice(-2);
  return previous !== undefined && latest !== undefined && latest.total > previous.total;
}

/**
 * Forgets posts published before `olderThan`, then keeps at most `max`: the least engaged go
 * first, then the oldest. Returns how many went for the cap (those past the horizon are done with).
 */
export function prunePosts(posts: Record<string, TrackedPost>, max: number, olderThan: number): number {
  for (const [id, post] of Object.entries(posts)) if (post.publishedAt < olderThan) delete posts[id];
  const ids = Object.keys(posts);
  if (ids.length <= max) return 0;
  const ranked = Object.values(posts).sort(
    (a, b) => spreadOf(a).total - spreadOf(b).total || a.publishedAt - b.publishedAt || (a.id < b.id ? -1 : 1),
  );
  const evicted = ranked.slice(0, ids.length - Math.floor(max * 0.75));
  for (const post of evicted) delete posts[post.id];
  return evicted.length;
}

/** Post totals remembered for the brand's typical engagement. */
const RECENT_POST_TOTALS = 201;

export function rememberPostTotal(totals: number[], total: number): void {
  totals.push(total);
  if (totals.length > RECENT_POST_TOTALS) totals.shift();
}

/**
 * The engagement one in ten of the brand's recent posts reaches (the 90th percentile); 0 before
 * any. The bars are multiples of it: a median is too low for brands whose posts mostly get
 * nothing, where any answered post would be four times the median.
 */
export function typicalPostTotal(totals: readonly number[]): number {
  if (totals.length === 0) return 0;
  const sorted = [...totals].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.9))] ?? 0;
}
