// What a mention looks like on each source, in the gateway's format: ids in the source's own
// style (Mastodon status numbers, Reddit t3_/t1_ names, HN item numbers, blog URLs, review ids),
// URLs, titles where the source has them, follower counts where it shows them, and engagement
// in the source's terms (boosts, upvotes, points, helpful votes). Ordinary engagement stays under
// 100 in total: the positive-traction alert is for the scheduled story, not for any busy thread.
import type { Author, SourceName } from './authors.ts';
import { slug } from './compose-text.ts';
import type { MentionJson } from './mention-json.ts';
import type { Random } from './random.ts';

export const SOURCES: readonly SourceName[] = ['mastodon', 'reddit', 'hackernews', 'rss', 'reviews'];
/** Share of brand traffic per source. */
export const SOURCE_WEIGHTS: readonly number[] = [0.36, 0.25, 0.12, 0.09, 0.18];

const SUBREDDITS = ['gadgets', 'smarthome', 'sysadmin', 'BuyItForLife', 'techsupport', 'homelab', 'pharmacy', 'mildlyinfuriating', 'productivity'];
const BLOG_HOSTS = ['blog.example.org', 'notes.example.net', 'gadgetdiary.example', 'homelab.example.com', 'officeblog.example'];
const MAX_ORDINARY_ENGAGEMENT = 80;

export interface IdSpace {
  /** A fresh id number, unique within this generator run. */
  next(): number;
  /** The run's tag (from the seed), so two runs with different seeds never share ids. */
  readonly tag: string;
  readonly seed: number;
}

export function createIdSpace(seed: number): IdSpace {
  let n = 0;
  return {
    next: () => {
      n += 1;
      return n;
    },
    tag: (seed >>> 0).toString(36),
    seed: seed >>> 0,
  };
}

export interface PostShape {
  source: SourceName;
  author: Author;
  text: string;
  title?: string;
  publishedAt: number;
  /** Reply to this mention (same source). */
  parent?: MentionJson;
  engagement?: { likes: number; shares: number; replies: number };
  /** Brand id, for review URLs ('' when the mention is about no brand in particular). */
  brandId: string;
}

/** A mention in the source's own shape. */
export function shapeMention(ids: IdSpace, random: Random, post: PostShape): MentionJson {
  const n = ids.next();
  const id = sourceId(ids, post.source, n, post);
  const mention: MentionJson = {
    source: post.source,
    id,
    text: post.text,
    publishedAt: new Date(post.publishedAt).toISOString(),
    author: { handle: post.author.handle },
  };
  if (post.author.name !== undefined) mention.author.name = post.author.name;
  if (post.author.followers !== undefined) mention.author.followers = post.author.followers;
  if (post.title !== undefined && post.parent === undefined) mention.title = post.title;
  const url = urlOf(post, id, n, ids);
  if (url !== undefined) mention.url = url;
  mention.lang = 'en';
  mention.engagement = post.engagement ?? engagementFor(random, post.source, post.author.followers, post.parent !== undefined);
  if (post.parent) mention.parentId = post.parent.id;
  return mention;
}

function sourceId(ids: IdSpace, source: SourceName, n: number, post: PostShape): string {
  switch (source) {
    case 'mastodon':
      return `${109_000 + (ids.seed % 890_000)}${String(n).padStart(9, '0')}`;
    case 'hackernews':
      return `${1_000 + (ids.seed % 9_000)}${String(n).padStart(8, '0')}`;
    case 'reddit':
      return `${post.parent ? 't1' : 't3'}_${ids.tag}${n.toString(36)}`;
    case 'rss': {
      if (post.parent) return `${post.parent.id}#comment-${n.toString(36)}`;
      const date = new Date(post.publishedAt);
      const month = String(date.getUTCMonth() + 1).padStart(2, '0');
      return `https://${BLOG_HOSTS[n % BLOG_HOSTS.length]}/${date.getUTCFullYear()}/${month}/${slug(post.title ?? post.text)}-${ids.tag}${n.toString(36)}`;
    }
    case 'reviews':
      return `rv-${ids.tag}-${n.toString(36)}`;
  }
}

function urlOf(post: PostShape, id: string, n: number, ids: IdSpace): string | undefined {
  switch (post.source) {
    case 'mastodon': {
      const [local, server] = post.author.handle.split('@');
      return `https://${server ?? 'mastodon.social'}/@${local}/${id}`;
    }
    case 'hackernews':
      return `https://news.ycombinator.com/item?id=${id}`;
    case 'reddit': {
      const sub = SUBREDDITS[(n + ids.seed) % SUBREDDITS.length];
      const base36 = id.slice(3);
      if (post.parent) {
        // A comment's permalink is its post's plus its own id.
        const postUrl = post.parent.id.startsWith('t3_') ? post.parent.url : post.parent.url?.replace(/[a-z0-9]+\/$/, '');
        return `${postUrl ?? `https://www.reddit.com/r/${sub}/comments/${base36}/`}${base36}/`;
      }
      return `https://www.reddit.com/r/${sub}/comments/${base36}/${slug(post.title ?? post.text)}/`;
    }
    case 'rss':
      return id;
    case 'reviews':
      return post.brandId === '' ? `https://reviews.example/${id}` : `https://reviews.example/${post.brandId}/${id}`;
  }
}

/** Likes, shares and replies as each source reports them, heavy-tailed and capped. */
export function engagementFor(random: Random, source: SourceName, followers: number | undefined, isReply: boolean): { likes: number; shares: number; replies: number } {
  let likes = 0;
  let shares = 0;
  let replies = 0;
  switch (source) {
    case 'mastodon':
      likes = random.poisson(1 + Math.sqrt(followers ?? 50) * 0.08);
      shares = random.poisson(likes * 0.2);
      replies = random.poisson(0.3 + likes * 0.08);
      break;
    case 'reddit':
      likes = Math.floor(random.logNormal(isReply ? 0.8 : 1.8, 1.1));
      replies = isReply ? random.poisson(0.3) : random.poisson(2 + likes * 0.1);
      break;
    case 'hackernews':
      likes = isReply ? 0 : Math.floor(random.logNormal(1.3, 1.2));
      replies = isReply ? random.poisson(0.3) : random.poisson(1 + likes * 0.15);
      break;
    case 'rss':
      replies = isReply ? 0 : random.poisson(1.5);
      shares = isReply ? 0 : random.poisson(0.8);
      break;
    case 'reviews':
      likes = random.poisson(2);
      break;
  }
  const total = likes + shares + replies;
  if (total > MAX_ORDINARY_ENGAGEMENT) {
    const scale = MAX_ORDINARY_ENGAGEMENT / total;
    likes = Math.floor(likes * scale);
    shares = Math.floor(shares * scale);
    replies = Math.floor(replies * scale);
  }
  return { likes, shares, replies };
}

/** The local part of a handle, for addressing someone in a reply (@ana_park). */
export function localHandle(handle: string): string {
  const bare = handle.replace(/^@/, '').replace(/^u\//, '');
  return bare.split('@')[0] ?? bare;
}
