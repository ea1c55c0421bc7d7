import type { Brand, RawMention } from '@sl/contracts';
import { brandFixture } from '@sl/testkit';

export const brand = (id: string, query: string, extra: Partial<Brand> = {}): Brand => brandFixture(id, { query, updatedAt: 0, ...extra });

export const mention = (sourceId: string, text: string, extra: Partial<RawMention> = {}): RawMention => ({
  id: `rss:${sourceId}`,
  source: 'rss',
  sourceId,
  text,
  title: null,
  url: null,
  lang: null,
  publishedAt: 1_714_000_000_000,
  ingestedAt: 1_714_000_001_000,
  author: { handle: `author-${sourceId}`, name: null, followers: null },
  engagement: { likes: 0, shares: 0, replies: 0 },
  parentId: null,
  ...extra,
});
