import type { Brand, RawMention } from '@sl/contracts';

export const brand = (id: string, query: string, extra: Partial<Brand> = {}): Brand => ({
  id,
  name: id,
  query,
  competitors: [],
  spamThreshold: 0.7,
  alertThresholds: {
    volumeSpikeRatio: 3,
    negativeSurgeShare: 0.4,
    minMentionsPerWindow: 10,
    influentialFollowers: 100_000,
    viralEngagement: 1000,
  },
  updatedAt: 0,
  deleted: false,
  ...extra,
});

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
