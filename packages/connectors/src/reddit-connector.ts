// Reddit search listings (`/search.json?q=…&sort=new`, or one subreddit's): newest first, paged
// with the `after` cursor toward older posts. A run walks until it reaches what an earlier run
// already sent (at or before the newest sent, by created_utc and fullname) or the listing ends.
// The walk's cursor is checkpointed, so a stopped run resumes on the next page; the newest post
// of a finished walk becomes the stop mark of the next. Reddit asks clients for a descriptive
// User-Agent and about one request a second: set both in the instance config.
import { type ConnectorContext, ConnectorError, defineConnector, type SourceBatch } from '@sl/connector-sdk';
import { z } from 'zod';
import { count, text } from './counts.ts';
import { fromUnixSeconds } from './source-dates.ts';

const configSchema = z.object({
  query: z.string().min(1),
  /** Search one subreddit only (restrict_sr). */
  subreddit: z.string().regex(/^[A-Za-z0-9_]{2,21}$/, 'expected a subreddit name without "r/"').optional(),
  /** @default 'https://www.reddit.com' */
  baseUrl: z.url({ protocol: /^https?$/ }).default('https://www.reddit.com'),
  /** Posts per page (Reddit allows up to 100). @default 100 */
  limit: z.number().int().min(1).max(100).default(100),
  /** @default 'reddit' */
  source: z.string().default('reddit'),
});

const markSchema = z.object({ at: z.number(), ids: z.array(z.string()) });
const checkpointSchema = z.object({
  /** The newest post sent by a finished walk; a walk stops when it reaches it. */
  newest: markSchema.nullable(),
  /** A walk in progress: the next page's cursor, and the newest post this walk has sent. */
  walk: z.object({ after: z.string(), newest: markSchema.nullable() }).nullable(),
});

const listingSchema = z.object({
  data: z.object({
    after: z.string().nullish(),
    children: z.array(z.object({ kind: z.string(), data: z.record(z.string(), z.unknown()) })),
  }),
});

export type RedditConfig = z.output<typeof configSchema>;
export type RedditCheckpoint = z.output<typeof checkpointSchema>;
type Mark = z.output<typeof markSchema>;

export const redditConnector = defineConnector<RedditConfig, RedditCheckpoint>({
  name: 'reddit',
  description: 'Reddit search listing (sitewide or one subreddit), newest first',
  configSchema,
  checkpointSchema,
  async *read(ctx: ConnectorContext<RedditConfig, RedditCheckpoint>): AsyncGenerator<SourceBatch<RedditCheckpoint>> {
    const { config } = ctx;
    const stopAt = ctx.checkpoint?.newest ?? null;
    let cursor = ctx.checkpoint?.walk?.after;
    let walkNewest = ctx.checkpoint?.walk?.newest ?? null;
    while (true) {
      const response = await ctx.http.getJson(pageUrl(config, cursor));
      const listing = listingSchema.safeParse(response.body);
      if (!listing.success) throw new ConnectorError('BAD_RESPONSE', `search.json answered an unexpected shape: ${z.prettifyError(listing.error)}`);
      const items: unknown[] = [];
      let reachedSent = false;
      for (const child of listing.data.data.children) {
        const post = child.data;
        const at = typeof post.created_utc === 'number' ? post.created_utc : undefined;
        const name = String(post.name);
        if (stopAt && at !== undefined && (at < stopAt.at || (at === stopAt.at && stopAt.ids.includes(name)))) {
          reachedSent = true;
          break; // newest first: everything after this was sent by an earlier walk
        }
        if (at !== undefined) walkNewest = mark(walkNewest, at, name);
        items.push(toMention(child.kind, post, config.source));
      }
      const next = listing.data.data.after ?? undefined;
      if (reachedSent || next === undefined || listing.data.data.children.length === 0) {
        yield { items, checkpoint: { newest: merge(stopAt, walkNewest), walk: null } };
        return;
      }
      cursor = next;
      yield { items, checkpoint: { newest: stopAt, walk: { after: next, newest: walkNewest } } };
    }
  },
});

function pageUrl(config: RedditConfig, after: string | undefined): string {
  const path = config.subreddit === undefined ? '/search.json' : `/r/${config.subreddit}/search.json`;
  const params = new URLSearchParams({ q: config.query, sort: 'new', limit: String(config.limit), raw_json: '1' });
  if (config.subreddit !== undefined) params.set('restrict_sr', '1');
  if (after !== undefined) params.set('after', after);
  return `${new URL(path, config.baseUrl)}?${params}`;
}

function mark(current: Mark | null, at: number, id: string): Mark {
  if (current === null || at > current.at) return { at, ids: [id] };
  if (at === current.at && !current.ids.includes(id)) return { at, ids: [...current.ids, id] };
  return current;
}

function merge(old: Mark | null, walk: Mark | null): Mark | null {
  if (walk === null) return old;
  if (old === null || walk.at > old.at) return walk;
  if (walk.at === old.at) return { at: old.at, ids: [...new Set([...old.ids, ...walk.ids])] };
  return old;
}

function toMention(kind: string, post: Record<string, unknown>, source: string): unknown {
  const isComment = kind === 't1';
  const permalink = text(post.permalink);
  return {
    source,
    // The fullname (t3_…, t1_…) is unique across posts and comments.
    id: text(post.name),
    text: text(isComment ? post.body : post.selftext) ?? '',
    title: isComment ? undefined : text(post.title),
    url: permalink === undefined ? undefined : `https://www.reddit.com${permalink}`,
    publishedAt: fromUnixSeconds(post.created_utc),
    author: { handle: post.author === undefined ? undefined : post.author === null ? null : `u/${String(post.author)}` },
    engagement: { likes: count(post.score), replies: count(post.num_comments) },
    parentId: isComment ? text(post.parent_id) : undefined,
  };
}
