// Every connector a config file can name, by kind.
import type { Connector } from '@sl/connector-sdk';
import { feedConnector } from './feed-connector.ts';
import { hackerNewsConnector } from './hackernews-connector.ts';
import { jsonlConnector } from './jsonl-connector.ts';
import { mastodonConnector } from './mastodon-connector.ts';
import { redditConnector } from './reddit-connector.ts';

/** A connector of any config and checkpoint type, as the catalogue holds them. */
// biome-ignore lint/suspicious/noExplicitAny: the catalogue erases each connector's own types; configs are validated at run time
export type AnyConnector = Connector<any, any>;

export const connectorsByKind: ReadonlyMap<string, AnyConnector> = new Map<string, AnyConnector>(
  [feedConnector, jsonlConnector, hackerNewsConnector, mastodonConnector, redditConnector].map((c) => [c.name, c as AnyConnector]),
);
