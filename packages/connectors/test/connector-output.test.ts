// What each connector makes of its source's fields, through the real run loop and fixture server.
import { createMemoryCheckpointStore, createMemoryMentionSink, runConnector } from '@sl/connector-sdk';
import type { FixtureServer } from '@sl/connector-sdk/conformance';
import { testLogger } from '@sl/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { feedConnector, hackerNewsConnector, mastodonConnector, redditConnector } from '../src/index.ts';
import { startAlgoliaServer, startFeedServer, startMastodonServer, startRedditServer } from './source-servers.ts';

let server: FixtureServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function read(connector: Parameters<typeof runConnector>[0]['connector'], config: unknown) {
  const sink = createMemoryMentionSink();
  await runConnector({ connector, instance: 't', config, checkpoints: createMemoryCheckpointStore(), sink, logger: testLogger() });
  return new Map(sink.mentions.map((m) => [m.sourceId, m]));
}

describe('hackernews', () => {
  it('maps stories and comments, with comments pointing at their parent', async () => {
    server = await startAlgoliaServer();
    const byId = await read(hackerNewsConnector, { baseUrl: server.url, query: 'acme', hitsPerPage: 3 });
    expect(byId.get('41000001')).toMatchObject({
      text: 'Acme Corp releases open-source anvil SDK',
      title: 'Acme Corp releases open-source anvil SDK',
      url: 'https://acme.example/blog/anvil-sdk',
      author: { handle: 'wile' },
      engagement: { likes: 142, shares: 0, replies: 3 },
      publishedAt: Date.parse('2025-11-24T08:00:00Z'),
      parentId: null,
    });
    expect(byId.get('41000002')).toMatchObject({
      text: 'The Acme SDK docs are great, but the "beep" API is missing.\nAlso no rate limits documented.',
      url: 'https://news.ycombinator.com/item?id=41000002',
      parentId: '41000001',
    });
    expect(byId.get('41000003')?.parentId).toBe('41000002');
  });
});

describe('feeds', () => {
  it("takes a comment's text as what was said, not the blog's title for it, and points it at its post", async () => {
    server = await startFeedServer();
    const byId = await read(feedConnector, { feeds: [`${server.url}/feed/`, `${server.url}/comments/feed/`] });
    // The comment feed's item is titled "Comment on Acme Rocket Skates: a week later by Coyote Fan".
    const comment = byId.get('https://blog.example.org/?p=101#comment-5');
    expect(comment).toMatchObject({ text: 'Same here, mine went through a wall.', title: null, parentId: 'https://blog.example.org/?p=101' });
    // A post keeps its title: its author wrote it.
    expect(byId.get('https://blog.example.org/?p=101')?.title).toBe('Acme Rocket Skates: a week later');
  });
});

describe('mastodon', () => {
  it('maps statuses: text from HTML, user@server handles, counts, replies, content warnings as titles', async () => {
    server = await startMastodonServer();
    const byId = await read(mastodonConnector, { instance: server.url, tag: 'acme', startMinId: '0' });
    const host = new URL(server.url).host;
    expect(byId.get('113500000000000001')).toMatchObject({
      text: 'Trying the new #acme skates today.\n\nWish me luck & send help.',
      author: { handle: `wile@${host}`, name: 'Wile E. Coyote', followers: 1200 },
      engagement: { likes: 10, shares: 4, replies: 1 },
      lang: 'en',
      url: 'https://mastodon.example/@wile/113500000000000001',
    });
    expect(byId.get('113500000000000002')).toMatchObject({ author: { handle: 'rr@other.example' }, parentId: '113500000000000001' });
    expect(byId.get('113500000000000003')).toMatchObject({ title: 'product rant', text: 'Acme Amboss kaputt.\nSchon wieder.', author: { name: null } });
  });

  it('starts at the newest page when no start is given', async () => {
    server = await startMastodonServer();
    const byId = await read(mastodonConnector, { instance: server.url, tag: 'acme', limit: 2 });
    expect([...byId.keys()].sort()).toEqual(['113500000000000005', '113500000000000006']);
  });
});

describe('reddit', () => {
  it('maps posts with fullnames as ids, public permalinks, and negative scores as 0 likes', async () => {
    server = await startRedditServer();
    const byId = await read(redditConnector, { baseUrl: server.url, query: 'acme', subreddit: 'gadgets', limit: 4 });
    expect(byId.get('t3_1a0001')).toMatchObject({
      title: 'Acme rocket skates review after a week',
      text: "Bought the Acme skates. Brakes? None.\n\nWould not recommend &amp; yes that's raw text.",
      url: 'https://www.reddit.com/r/gadgets/comments/1a0001/acme_rocket_skates_review/',
      author: { handle: 'u/wile_e' },
      engagement: { likes: 321, shares: 0, replies: 45 },
      publishedAt: 1763971200000,
    });
    expect(byId.get('t3_1a0002')?.engagement.likes).toBe(0);
  });
});
