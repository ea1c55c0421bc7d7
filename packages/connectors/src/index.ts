// @sl/connectors: every connector the runner knows, by kind.
export { type FeedCheckpoint, type FeedConfig, feedConnector } from './feed-connector.ts';
export { commentParent, type FeedEntry, type ParsedFeed, parseFeed } from './feed-parser.ts';
export { type HackerNewsCheckpoint, type HackerNewsConfig, hackerNewsConnector } from './hackernews-connector.ts';
export { decodeEntities, htmlToText } from './html-to-text.ts';
export { type JsonlCheckpoint, type JsonlConfig, jsonlConnector, readLines } from './jsonl-connector.ts';
export { fullHandle, type MastodonCheckpoint, type MastodonConfig, mastodonConnector } from './mastodon-connector.ts';
export { type RedditCheckpoint, type RedditConfig, redditConnector } from './reddit-connector.ts';
export { compareNumericIds, fromUnixSeconds, parseFeedDate } from './source-dates.ts';

export { type AnyConnector, connectorsByKind } from './connector-catalog.ts';
export { type ConnectorInstanceSpec, ConnectorsFileError, parseConnectorsFile } from './connectors-file.ts';
export { type RunInstancesOptions, type RunningInstances, runInstances } from './run-instances.ts';
