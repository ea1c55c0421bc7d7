// Mastodon: a hashtag timeline (/api/v1/timelines/tag/:tag) or a status search
// (/api/v2/search?type=statuses). The walk goes forward with min_id, which Mastodon answers with
// the page of statuses immediately newer than it: the checkpoint is one id, the newest sent.
// The first run starts at the newest page, or at `startMinId` ('0' backfills what the server has).
import { type ConnectorContext, ConnectorError, defineConnector, type SourceBatch } from '@sl/connector-sdk';
import { z } from 'zod';
import { count, text } from './counts.ts';
import { htmlToText } from './html-to-text.ts';
import { compareNumericIds } from './source-dates.ts';

const configSchema = z
  .object({
    /** The server, e.g. https://mastodon.social */
    instance: z.url({ protocol: /^https?$/ }),
    /** A hashtag without '#'. Exactly one of tag or query. */
    tag: z.string().regex(/^[\p{L}\p{N}_]+$/u, 'expected a hashtag without "#"').optional(),
    /** A search query (the server may require accessToken for full-text search). */
    query: z.string().min(1).optional(),
    /** Sent as a bearer token; never logged. */
    accessToken: z.string().min(1).optional(),
    /** Statuses per page (Mastodon allows up to 40). @default 40 */
    limit: z.number().int().min(1).max(40).default(40),
    /** Where the first run starts: absent = the newest page; '0' = the oldest the server holds. */
    startMinId: z.string().regex(/^\d+$/).optional(),
    /** @default 'mastodon' */
    source: z.string().default('mastodon'),
  })
  .refine((c) => (c.tag === undefined) !== (c.query === undefined), { error: 'give exactly one of tag or query', path: ['tag'] });

const checkpointSchema = z.object({ minId: z.string().regex(/^\d+$/) });

export type MastodonConfig = z.output<typeof configSchema>;
export type MastodonCheckpoint = z.output<typeof checkpointSchema>;

interface Status {
  id?: unknown;
  uri?: unknown;
  url?: unknown;
  created_at?: unknown;
  content?: unknown;
  spoiler_text?: unknown;
  language?: unknown;
  in_reply_to_id?: unknown;
  reblog?: unknown;
  favourites_count?: unknown;
  reblogs_count?: unknown;
  replies_count?: unknown;
  account?: { acct?: unknown; display_name?: unknown; followers_count?: unknown };
}

export const mastodonConnector = defineConnector<MastodonConfig, MastodonCheckpoint>({
  name: 'mastodon',
  description: 'Mastodon hashtag timeline or status search',
  configSchema,
  checkpointSchema,
  async *read(ctx: ConnectorContext<MastodonConfig, MastodonCheckpoint>): AsyncGenerator<SourceBatch<MastodonCheckpoint>> {
    const { config } = ctx;
    const host = new URL(config.instance).host;
    const headers = config.accessToken ? { authorization: `Bearer ${config.accessToken}` } : undefined;
    let minId = ctx.checkpoint?.minId ?? config.startMinId;
    while (true) {
      const url = pageUrl(config, minId);
      const response = await ctx.http.getJson(url, headers ? { headers } : {});
      const statuses = config.tag === undefined ? (response.body as { statuses?: unknown } | null)?.statuses : response.body;
      if (!Array.isArray(statuses)) throw new ConnectorError('BAD_RESPONSE', `${new URL(url).pathname} did not answer a list of statuses`);
      const ids = (statuses as Status[]).map((s) => s.id).filter((id): id is string => typeof id === 'string' && /^\d+$/.test(id));
      if (ids.length === 0) return; // caught up
      const newest = ids.reduce((a, b) => (compareNumericIds(a, b) >= 0 ? a : b));
      // Boosts repeat a status already counted where it was posted.
      const items = (statuses as Status[]).filter((s) => s.reblog === null || s.reblog === undefined).map((s) => toMention(s, config.source, host));
      const started = minId !== undefined;
      minId = newest;
      yield { items, checkpoint: { minId } };
      // Without a starting point the first page is the newest: nothing is newer to walk to.
      if (!started) return;
    }
  },
});

function pageUrl(config: MastodonConfig, minId: string | undefined): string {
  const params = new URLSearchParams({ limit: String(config.limit) });
  if (minId !== undefined) params.set('min_id', minId);
  if (config.tag !== undefined) return `${new URL(`/api/v1/timelines/tag/${encodeURIComponent(config.tag)}`, config.instance)}?${params}`;
  params.set('q', config.query ?? '');
  params.set('type', 'statuses');
  params.set('resolve', 'false');
  return `${new URL('/api/v2/search', config.instance)}?${params}`;
}

/** "@jdoe" for local accounts is ambiguous across servers: handles are always user@server. */
export function fullHandle(acct: unknown, host: string): unknown {
  if (typeof acct !== 'string' || acct === '') return acct;
  return acct.includes('@') ? acct : `${acct}@${host}`;
}

function toMention(status: Status, source: string, host: string): unknown {
  const spoiler = text(status.spoiler_text);
  return {
    source,
    id: typeof status.id === 'string' ? status.id : undefined,
    text: typeof status.content === 'string' ? htmlToText(status.content) : status.content,
    title: spoiler === '' ? undefined : spoiler,
    url: text(status.url) ?? text(status.uri),
    publishedAt: status.created_at,
    lang: text(status.language),
    author: {
      handle: fullHandle(status.account?.acct, host),
      name: text(status.account?.display_name) || undefined,
      followers: count(status.account?.followers_count),
    },
    engagement: { likes: count(status.favourites_count), shares: count(status.reblogs_count), replies: count(status.replies_count) },
    parentId: text(status.in_reply_to_id),
  };
}
