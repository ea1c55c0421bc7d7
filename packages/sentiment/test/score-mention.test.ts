import { type Brand, DEFAULT_ALERT_THRESHOLDS, type EnrichedMention } from '@sl/contracts';
import { describe, expect, it } from 'vitest';
import { brandTarget, brandTerms, scoreMention, scoreSentiment } from '../src/index.ts';

const brand = (id: string, name: string, competitors: string[]): Brand => ({
  id,
  name,
  query: id,
  competitors,
  spamThreshold: 0.7,
  alertThresholds: { ...DEFAULT_ALERT_THRESHOLDS },
  handles: [],
  categoryTerms: [],
  influencers: [],
  webhooks: [],
  timeZone: null,
  updatedAt: 0,
  deleted: false,
});
const brands = new Map([
  ['acme', brand('acme', 'Acme Corporation', ['globex'])],
  ['globex', brand('globex', 'Globex', ['acme'])],
]);

function enriched(brandId: string, text: string, extra: Partial<EnrichedMention> = {}): EnrichedMention {
  return {
    id: 'rss:1',
    source: 'rss',
    sourceId: '1',
    text,
    title: null,
    url: null,
    lang: null,
    publishedAt: 0,
    ingestedAt: 0,
    author: { handle: 'a', name: null, followers: null },
    engagement: { likes: 0, shares: 0, replies: 0 },
    parentId: null,
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
    ...extra,
  };
}

describe('scoreMention', () => {
  it('gives each brand the sentiment of the part of the post about it', () => {
    const text = 'Switched from Globex to Acme last month, night and day. Globex support was awful, Acme is fantastic';
    const acme = scoreMention(enriched('acme', text), brands);
    const globex = scoreMention(enriched('globex', text), brands);
    expect(acme.sentiment.label).toBe('positive');
    expect(globex.sentiment.label).toBe('negative');
    expect(acme.sentiment.compound).toBeGreaterThan(0);
    expect(globex.sentiment.compound).toBeLessThan(0);
  });

  it('keeps every enriched field, flags included', () => {
    const spam = enriched('acme', 'Acme is great, buy followers here', {
      isDuplicate: true,
      duplicateOf: 'rss:0',
      spamScore: 0.9,
      spamReasons: ['sells_engagement'],
    });
    const scored = scoreMention(spam, brands);
    const { sentiment, ...rest } = scored;
    expect(rest).toEqual(spam);
    expect(sentiment.label).toBe('positive');
  });

  it('names a brand by id, full name, first word of the name and its own handles', () => {
    expect(brandTerms(brands.get('acme'), 'acme')).toEqual(['acme', 'Acme Corporation', 'Acme']);
    expect(brandTerms(undefined, 'initech')).toEqual(['initech']);
    expect(brandTerms({ ...brand('acme', 'Acme Corporation', []), handles: ['acmesupport', 'mastodon:acme_eu'] }, 'acme')).toEqual([
      'acme',
      'Acme Corporation',
      'Acme',
      'acmesupport',
      'acme_eu',
    ]);
    expect(brandTarget(brands.get('globex'), 'globex', ['globex', '#globexdeals'])).toEqual({
      id: 'globex',
      terms: ['globex', 'Globex', '#globexdeals'],
    });
  });

  it('scores the mention toward its brand, not the whole post', () => {
    // News naming the brand with a link, no personal voice: positive overall, neutral toward Acme.
    const text = 'Acme reports a strong quarter http://t.co/AbC123';
    expect(scoreSentiment(text).label).toBe('positive');
    expect(scoreMention(enriched('acme', text), brands).sentiment).toEqual({
      compound: 0.2846,
      label: 'neutral',
      drivers: [{ term: 'strong', weight: 0.2846 }],
    });
  });
});
