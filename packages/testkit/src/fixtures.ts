// Records for tests: complete, valid values with every field set, overridable field by field,
// so a test states only what it is about.
import { type Brand, DEFAULT_ALERT_THRESHOLDS, type EnrichedMention, type RawMention } from '@sl/contracts';

export function brandFixture(id: string, overrides: Partial<Brand> = {}): Brand {
  return {
    id,
    name: id,
    query: id,
    competitors: [],
    spamThreshold: 0.7,
    alertThresholds: { ...DEFAULT_ALERT_THRESHOLDS },
    handles: [],
    categoryTerms: [],
    influencers: [],
    webhooks: [],
    timeZone: null,
    updatedAt: 1,
    deleted: false,
    ...overrides,
  };
}

/** A raw mention `<source>:<n>` published at a fixed instant plus n ms. */
export function rawMentionFixture(n: number, overrides: Partial<RawMention> = {}, source = 'test'): RawMention {
  return {
    id: `${source}:${n}`,
    source,
    sourceId: String(n),
    text: `mention number ${n}`,
    title: null,
    url: null,
    lang: null,
    publishedAt: 1_764_000_000_000 + n,
    ingestedAt: 1_764_000_000_000,
    author: { handle: `author${n % 97}`, name: null, followers: null },
    engagement: { likes: 0, shares: 0, replies: 0 },
    parentId: null,
    ...overrides,
  };
}

export function enrichedMentionFixture(n: number, brandId: string, overrides: Partial<EnrichedMention> = {}, source = 'test'): EnrichedMention {
  return {
    ...rawMentionFixture(n, {}, source),
    brandId,
    matchedTerms: [brandId],
    isDuplicate: false,
    duplicateOf: null,
    spamScore: 0,
    spamReasons: [],
    detectedLang: 'en',
    role: 'mention',
    threadId: null,
    similarTo: null,
    spamScoreBeforeCopies: null,
    spamThreshold: null,
    ...overrides,
  };
}
