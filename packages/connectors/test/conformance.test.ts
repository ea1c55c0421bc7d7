// Every connector against the shared conformance kit, each with its own local source server.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runConnectorConformance } from '@sl/connector-sdk/conformance';
import { feedConnector, hackerNewsConnector, jsonlConnector, mastodonConnector, redditConnector } from '../src/index.ts';
import { startAlgoliaServer, startFeedServer, startMastodonServer, startRedditServer } from './source-servers.ts';

const blog = 'https://blog.example.org/?p=';

runConnectorConformance({
  name: 'rss',
  connector: feedConnector,
  startServer: startFeedServer,
  config: (server) => ({
    feeds: [`${server?.url}/feed/`, `${server?.url}/comments/feed/`, `${server?.url}/2025/11/acme-rocket-skates/comments/atom/`],
    batchSize: 2,
  }),
  expected: {
    ids: ['101', '102', '101#comment-5', '101#comment-6', '102#comment-7', '101#comment-8', '101#comment-9', '101#comment-10'].map((id) => `rss:${blog}${id}`),
    rejected: 2, // an item with neither guid nor link; an item whose pubDate is not a date
  },
  invalidConfig: { config: { feeds: ['not a url'] }, path: 'config.feeds.0' },
});

runConnectorConformance({
  name: 'hackernews',
  connector: hackerNewsConnector,
  startServer: startAlgoliaServer,
  config: (server) => ({ baseUrl: server?.url, query: 'acme', hitsPerPage: 2 }),
  expected: {
    ids: ['41000001', '41000002', '41000003', '41000004', '41000005', '41000007'].map((id) => `hackernews:${id}`),
    rejected: 1, // a flagged comment with no author
  },
  invalidConfig: { config: { query: '' }, path: 'config.query' },
});

runConnectorConformance({
  name: 'mastodon',
  connector: mastodonConnector,
  startServer: startMastodonServer,
  config: (server) => ({ instance: server?.url, tag: 'acme', limit: 2, startMinId: '0' }),
  expected: {
    ids: ['1', '2', '3', '5', '6'].map((n) => `mastodon:11350000000000000${n}`),
    rejected: 1, // created_at is not a date
  },
  invalidConfig: { config: { instance: 'https://mastodon.example', tag: '#acme' }, path: 'config.tag' },
});

runConnectorConformance({
  name: 'mastodon search',
  connector: mastodonConnector,
  startServer: startMastodonServer,
  config: (server) => ({ instance: server?.url, query: 'acme', limit: 4, startMinId: '0' }),
  expected: { ids: ['1', '2', '3', '5', '6'].map((n) => `mastodon:11350000000000000${n}`), rejected: 1 },
  invalidConfig: { config: { instance: 'https://mastodon.example', tag: 'acme', query: 'acme' }, path: 'config.tag' },
});

runConnectorConformance({
  name: 'reddit',
  connector: redditConnector,
  startServer: startRedditServer,
  config: (server) => ({ baseUrl: server?.url, query: 'acme', limit: 3 }),
  expected: {
    ids: ['1', '2', '3', '4', '6', '7'].map((n) => `reddit:t3_1a000${n}`),
    rejected: 1, // a removed post with no author
  },
  invalidConfig: { config: { query: 'acme', subreddit: 'r/gadgets' }, path: 'config.subreddit' },
});

runConnectorConformance({
  name: 'jsonl',
  connector: jsonlConnector,
  config: () => ({ path: fileURLToPath(new URL('./fixtures/backfill', import.meta.url)), batchSize: 2, source: 'backfill' }),
  expected: {
    ids: ['forum:f-1', 'forum:f-2', 'forum:f-3', 'backfill:r-1', 'backfill:r-2', 'backfill:r-3'],
    rejected: 2, // a line that is not JSON; a line whose publishedAt is "yesterday"
  },
  invalidConfig: { config: { path: path.sep, batchSize: 0 }, path: 'config.batchSize' },
});
