// RSS 2.0 and Atom feeds, blog comment feeds included. A feed is a window of its newest entries,
// fetched whole; entries are sent oldest first in batches, and each feed's checkpoint is the
// last entry sent, as (published ms, id). The next poll sends only entries after it.
// Known limit: an entry whose date is edited to before the checkpoint is not sent again (its id
// is the same, so nothing would be gained downstream anyway).
import { type ConnectorContext, defineConnector, malformed, type SourceBatch } from '@sl/connector-sdk';
import { z } from 'zod';
import { type FeedEntry, parseFeed } from './feed-parser.ts';
import { parseFeedDate } from './source-dates.ts';

const configSchema = z.object({
  /** Feed URLs: posts feeds and comment feeds (e.g. https://blog.example.org/comments/feed/). */
  feeds: z.array(z.url({ protocol: /^https?$/ })).min(1),
  /** The `source` of the mentions. @default 'rss' */
  source: z.string().default('rss'),
  /** Entries per batch (one Kafka send + one checkpoint). @default 100 */
  batchSize: z.number().int().positive().default(100),
});

const cursorSchema = z.object({ publishedMs: z.number(), id: z.string() });
const checkpointSchema = z.object({ feeds: z.record(z.string(), cursorSchema) });

export type FeedConfig = z.output<typeof configSchema>;
export type FeedCheckpoint = z.output<typeof checkpointSchema>;
type Cursor = z.output<typeof cursorSchema>;

export const feedConnector = defineConnector<FeedConfig, FeedCheckpoint>({
  name: 'rss',
  description: 'RSS 2.0 and Atom feeds, including blog comment feeds (comments carry parentId = their post)',
  configSchema,
  checkpointSchema,
  async *read(ctx: ConnectorContext<FeedConfig, FeedCheckpoint>): AsyncGenerator<SourceBatch<FeedCheckpoint>> {
    const cursors: Record<string, Cursor> = { ...ctx.checkpoint?.feeds };
    for (const feedUrl of ctx.config.feeds) {
      const response = await ctx.http.getText(feedUrl, { headers: { accept: 'application/rss+xml, application/atom+xml, application/xml;q=0.9, */*;q=0.1' } });
      const feed = parseFeed(response.body);
      const fallbackAuthor = feed.title ?? new URL(feedUrl).hostname;
      const after = cursors[feedUrl];
      // Oldest first, ties by id: the order the cursor is defined over.
      const ordered = feed.entries
        .map((entry) => ({ entry, position: positionOf(entry) }))
        .sort((a, b) => compare(a.position, b.position))
        .filter(({ position }) => after === undefined || compare(position, after) > 0);
      for (let start = 0; start < ordered.length; start += ctx.config.batchSize) {
        const slice = ordered.slice(start, start + ctx.config.batchSize);
        const last = slice.at(-1);
        if (last) cursors[feedUrl] = last.position;
        yield {
          items: slice.map(({ entry }) => toMention(entry, ctx.config.source, fallbackAuthor, feed.lang)),
          checkpoint: { feeds: { ...cursors } },
        };
      }
    }
  },
});

function positionOf(entry: FeedEntry): Cursor {
  const published = parseFeedDate(entry.published);
  // An entry with no readable date sorts first: it is dead-lettered on the first poll, not every poll.
  return { publishedMs: published === undefined ? 0 : Date.parse(published), id: entry.id ?? '' };
}

function compare(a: Cursor, b: Cursor): number {
  return a.publishedMs - b.publishedMs || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

function toMention(entry: FeedEntry, source: string, fallbackAuthor: string, feedLang: string | undefined): unknown {
  if (entry.id === undefined) return malformed('entry has no guid, id or link to identify it', entry.original);
  return {
    source,
    id: entry.id,
    text: entry.text,
    // A comment's title is the blog's, not the commenter's ("Comment on <post> by <name>"): it
    // would put the post's words (a brand's name, a "Best") in every comment. What the comment
    // says is its text; it joins the post's conversation through parentId.
    title: entry.parentId === undefined ? entry.title : undefined,
    url: entry.url,
    // Unreadable dates are passed as written, so the dead letter says what the feed had.
    publishedAt: parseFeedDate(entry.published) ?? entry.published,
    lang: normaliseLang(entry.lang ?? feedLang),
    author: { handle: entry.author ?? fallbackAuthor },
    engagement: entry.replies === undefined ? undefined : { replies: entry.replies },
    parentId: entry.parentId,
  };
}

/** RSS <language> is often lower-case "en-us"; keep it a tag the contract reads. */
function normaliseLang(lang: string | undefined): string | undefined {
  if (lang === undefined) return undefined;
  const [primary, ...rest] = lang.trim().split(/[-_]/);
  if (!primary) return undefined;
  return [primary.toLowerCase(), ...rest.map((part) => (part.length === 2 ? part.toUpperCase() : part))].join('-');
}
