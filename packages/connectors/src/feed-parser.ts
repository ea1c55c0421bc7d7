// RSS 2.0 and Atom (RFC 4287) into one entry shape, with the conventions blogs use for comment
// feeds so a comment points at what it replies to:
// - Atom threading (RFC 4685): <thr:in-reply-to ref="…"/> names the parent entry's <id>;
// - WordPress-style RSS comment feeds: a comment's guid (or link) is its post's guid (or link)
//   plus "#comment-N", so the parent is the part before '#'; <thr:in-reply-to> is used when given.
import { XMLParser } from 'fast-xml-parser';
import { ConnectorError } from '@sl/connector-sdk';
import { htmlToText } from './html-to-text.ts';

export interface FeedEntry {
  /** guid / Atom id, else the link; undefined when the entry has neither. */
  id: string | undefined;
  title: string | undefined;
  url: string | undefined;
  /** Plain text of the richest body given (content:encoded / content, else description / summary). */
  text: string;
  /** The date as written; parsed later so an unreadable one can be reported as it was. */
  published: string | undefined;
  author: string | undefined;
  parentId: string | undefined;
  replies: number | undefined;
  lang: string | undefined;
  /** The entry as parsed, for dead letters. */
  original: unknown;
}

export interface ParsedFeed {
  format: 'rss' | 'atom';
  title: string | undefined;
  lang: string | undefined;
  entries: FeedEntry[];
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  parseTagValue: false, // a guid "123" stays a string
  parseAttributeValue: false,
  trimValues: true,
  processEntities: true,
  htmlEntities: true,
  isArray: (name) => ['item', 'entry', 'link', 'category', 'thr:in-reply-to', 'author', 'dc:creator'].includes(name),
});

export function parseFeed(xml: string): ParsedFeed {
  let document: Record<string, unknown>;
  try {
    document = parser.parse(xml) as Record<string, unknown>;
  } catch (cause) {
    throw new ConnectorError('BAD_RESPONSE', `not well-formed XML: ${(cause as Error).message}`, { cause });
  }
  const rss = document.rss as { channel?: Record<string, unknown> } | undefined;
  if (rss?.channel) return parseRss(rss.channel);
  const feed = document.feed as Record<string, unknown> | undefined;
  if (feed) return parseAtom(feed);
  throw new ConnectorError('BAD_RESPONSE', 'not an RSS 2.0 or Atom feed: no <rss><channel> or <feed> root');
}

function parseRss(channel: Record<string, unknown>): ParsedFeed {
  const items = asArray(channel.item) as Array<Record<string, unknown>>;
  return {
    format: 'rss',
    title: textOf(channel.title),
    lang: textOf(channel.language),
    entries: items.map((item) => {
      const guid = textOf(item.guid);
      const link = textOf(first(item.link));
      const id = guid ?? link;
      const body = textOf(item['content:encoded']) ?? textOf(item.description) ?? '';
      const inReplyTo = attribute(first(item['thr:in-reply-to']), 'ref');
      return {
        id,
        title: optionalText(item.title),
        url: link ?? (isPermaLink(item.guid) ? guid : undefined),
        text: htmlToText(body),
        published: textOf(item.pubDate) ?? textOf(item['dc:date']),
        author: textOf(first(item['dc:creator'])) ?? rssAuthorName(textOf(first(item.author))),
        parentId: inReplyTo ?? commentParent(guid) ?? commentParent(link),
        replies: integer(textOf(item['slash:comments'])),
        lang: undefined,
        original: item,
      };
    }),
  };
}

function parseAtom(feed: Record<string, unknown>): ParsedFeed {
  const entries = asArray(feed.entry) as Array<Record<string, unknown>>;
  const feedAuthor = atomAuthor(feed.author);
  return {
    format: 'atom',
    title: textOf(feed.title),
    lang: attribute(feed, 'xml:lang'),
    entries: entries.map((entry) => {
      const links = asArray(entry.link) as Array<Record<string, unknown>>;
      const alternate = links.find((l) => (attribute(l, 'rel') ?? 'alternate') === 'alternate');
      const url = attribute(alternate, 'href');
      const content = entry.content ?? entry.summary;
      const body = textOf(content) ?? '';
      const contentType = attribute(content, 'type');
      return {
        id: textOf(entry.id) ?? url,
        title: optionalText(entry.title),
        url,
        text: contentType === 'text' ? body : htmlToText(body),
        published: textOf(entry.published) ?? textOf(entry.updated),
        author: atomAuthor(entry.author) ?? feedAuthor,
        parentId: attribute(first(entry['thr:in-reply-to']), 'ref'),
        replies: integer(attribute(links.find((l) => attribute(l, 'rel') === 'replies'), 'thr:count')),
        lang: attribute(entry, 'xml:lang'),
        original: entry,
      };
    }),
  };
}

/** "https://blog/?p=12#comment-40" → "https://blog/?p=12": a WordPress comment's post. */
export function commentParent(id: string | undefined): string | undefined {
  if (id === undefined) return undefined;
  const match = /^(.*?)#comment-\d+$/.exec(id);
  return match?.[1] || undefined;
}

/** RSS <author> is "email (Name)"; the name when given, else the address. */
function rssAuthorName(author: string | undefined): string | undefined {
  if (author === undefined) return undefined;
  const named = /\(([^)]+)\)\s*$/.exec(author);
  return named?.[1]?.trim() || author;
}

function atomAuthor(value: unknown): string | undefined {
  const author = first(value) as Record<string, unknown> | undefined;
  return author ? (textOf(author.name) ?? textOf(author.email)) : undefined;
}

function isPermaLink(guid: unknown): boolean {
  return typeof guid !== 'object' || guid === null || attribute(guid, 'isPermaLink') !== 'false';
}

function asArray(value: unknown): unknown[] {
  return value === undefined || value === null ? [] : Array.isArray(value) ? value : [value];
}

function first(value: unknown): unknown {
  return Array.isArray(value) ? value[0] : value;
}

/** The text of an element, whether it came as a string or an object with attributes. */
function textOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim() === '' ? undefined : value.trim();
  if (typeof value === 'number') return String(value);
  if (typeof value === 'object' && value !== null && '#text' in value) return textOf((value as Record<string, unknown>)['#text']);
  return undefined;
}

function optionalText(value: unknown): string | undefined {
  const raw = textOf(value);
  return raw === undefined ? undefined : htmlToText(raw);
}

function attribute(value: unknown, name: string): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const found = (value as Record<string, unknown>)[`@_${name}`];
  return typeof found === 'string' && found !== '' ? found : undefined;
}

function integer(value: string | undefined): number | undefined {
  return value !== undefined && /^\d+$/.test(value) ? Number(value) : undefined;
}
