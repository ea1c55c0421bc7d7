// Hacker News through the Algolia search API (`/api/v1/search_by_date`): stories and comments
// matching a query, newest first. A run pins its upper bound (created_at_i <= the run's start) so
// pages stay put while new items arrive, and walks the pages; the checkpoint holds that walk's
// page so a stopped run resumes on the next page. When the walk ends, the newest item seen
// becomes the lower bound of the next run (ids at that exact second are kept to skip repeats).
// Algolia serves at most 1,000 hits per query: poll often enough that one run stays below it.
import { type ConnectorContext, ConnectorError, defineConnector, type SourceBatch } from '@sl/connector-sdk';
import { z } from 'zod';
import { count, text } from './counts.ts';
import { htmlToText } from './html-to-text.ts';
import { fromUnixSeconds } from './source-dates.ts';

const configSchema = z.object({
  /** Search terms, e.g. 'acme'. */
  query: z.string().min(1),
  /** Algolia tags filter. @default '(story,comment)' */
  tags: z.string().default('(story,comment)'),
  /** @default 'https://hn.algolia.com' */
  baseUrl: z.url({ protocol: /^https?$/ }).default('https://hn.algolia.com'),
  /** Hits per page (Algolia allows up to 1000). @default 100 */
  hitsPerPage: z.number().int().min(1).max(1000).default(100),
  /** @default 'hackernews' */
  source: z.string().default('hackernews'),
});

const boundarySchema = z.object({ at: z.number().int(), ids: z.array(z.string()) });
const checkpointSchema = z.object({
  /** Items at or after this second are new, except those listed (already sent). */
  after: boundarySchema.nullable(),
  /** A walk in progress: its pinned upper bound, next page, and the newest item it has seen. */
  walk: z.object({ upTo: z.number().int(), page: z.number().int().min(0), newest: boundarySchema.nullable() }).nullable(),
});

const hitsSchema = z.object({
  hits: z.array(z.unknown()),
  page: z.number().int(),
  nbPages: z.number().int(),
});

export type HackerNewsConfig = z.output<typeof configSchema>;
export type HackerNewsCheckpoint = z.output<typeof checkpointSchema>;
type Boundary = z.output<typeof boundarySchema>;

interface Hit {
  objectID?: unknown;
  created_at_i?: unknown;
  created_at?: unknown;
  title?: unknown;
  url?: unknown;
  author?: unknown;
  points?: unknown;
  num_comments?: unknown;
  story_text?: unknown;
  comment_text?: unknown;
  parent_id?: unknown;
  story_id?: unknown;
  _tags?: unknown;
}

export const hackerNewsConnector = defineConnector<HackerNewsConfig, HackerNewsCheckpoint>({
  name: 'hackernews',
  description: 'Hacker News stories and comments matching a query (Algolia search_by_date API)',
  configSchema,
  checkpointSchema,
  async *read(ctx: ConnectorContext<HackerNewsConfig, HackerNewsCheckpoint>): AsyncGenerator<SourceBatch<HackerNewsCheckpoint>> {
    const { config } = ctx;
    const after = ctx.checkpoint?.after ?? null;
    let walk = ctx.checkpoint?.walk ?? { upTo: Math.floor(ctx.now() / 1000), page: 0, newest: null };
    while (true) {
      const filters = [`created_at_i<=${walk.upTo}`, ...(after ? [`created_at_i>=${after.at}`] : [])];
      const url = new URL('/api/v1/search_by_date', config.baseUrl);
      url.search = new URLSearchParams({
        query: config.query,
        tags: config.tags,
        numericFilters: filters.join(','),
        hitsPerPage: String(config.hitsPerPage),
        page: String(walk.page),
      }).toString();
      const response = await ctx.http.getJson(url.toString());
      const page = hitsSchema.safeParse(response.body);
      if (!page.success) throw new ConnectorError('BAD_RESPONSE', `search_by_date answered an unexpected shape: ${z.prettifyError(page.error)}`);
      const hits = page.data.hits as Hit[];
      const fresh = hits.filter((hit) => !(after && hit.created_at_i === after.at && after.ids.includes(String(hit.objectID))));
      const newest = fresh.reduce<Boundary | null>((best, hit) => newer(best, hit), walk.newest);
      const done = hits.length === 0 || walk.page + 1 >= page.data.nbPages;
      const items = fresh.map((hit) => toMention(hit, config.source));
      if (done) {
        // The walk is over: everything up to its bound is sent; the next run starts at the newest seen.
        const nextAfter = newest === null ? after : after && newest.at === after.at ? { at: after.at, ids: [...new Set([...after.ids, ...newest.ids])] } : newest;
        yield { items, checkpoint: { after: nextAfter, walk: null } };
        return;
      }
      walk = { upTo: walk.upTo, page: walk.page + 1, newest };
      yield { items, checkpoint: { after, walk } };
    }
  },
});

function newer(best: Boundary | null, hit: Hit): Boundary | null {
  if (typeof hit.created_at_i !== 'number') return best;
  const id = String(hit.objectID);
  if (best === null || hit.created_at_i > best.at) return { at: hit.created_at_i, ids: [id] };
  if (hit.created_at_i === best.at && !best.ids.includes(id)) return { at: best.at, ids: [...best.ids, id] };
  return best;
}

function toMention(hit: Hit, source: string): unknown {
  const id = hit.objectID === undefined || hit.objectID === null ? undefined : String(hit.objectID);
  const tags = Array.isArray(hit._tags) ? hit._tags : [];
  const isComment = tags.includes('comment') || typeof hit.comment_text === 'string';
  const html = text(isComment ? hit.comment_text : hit.story_text);
  const title = text(hit.title);
  return {
    source,
    id,
    // A link story has no text of its own: its title is what it says.
    text: html === undefined ? (isComment ? '' : (title ?? '')) : htmlToText(html),
    title: isComment ? undefined : title,
    url: text(hit.url) ?? (id === undefined ? undefined : `https://news.ycombinator.com/item?id=${id}`),
    publishedAt: fromUnixSeconds(hit.created_at_i) ?? hit.created_at,
    author: { handle: hit.author },
    engagement: { likes: count(hit.points), replies: count(hit.num_comments) },
    parentId: isComment && hit.parent_id !== undefined && hit.parent_id !== null ? String(hit.parent_id) : undefined,
    lang: undefined,
  };
}
