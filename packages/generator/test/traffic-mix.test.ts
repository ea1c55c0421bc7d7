// Two hours of ordinary traffic through the real enricher and sentiment scorer: spam, duplicates
// and negativity in realistic shares, ordinary texts varied enough that the near-duplicate check
// flags only the copies made on purpose, threads and questions well formed, authors and
// engagement in ordinary ranges.
import type { Brand, ScoredMention } from '@sl/contracts';
import { beforeAll, describe, expect, it } from 'vitest';
import { createGenerator, INFLUENTIAL_AUTHOR, MAX_ANSWER_DELAY_MS, type MentionJson } from '../src/index.ts';
import { exampleBrands, pipelineModel } from './pipeline-model.ts';

const T = Date.UTC(2026, 10, 24, 12);
const HOUR = 3_600_000;
const COPY_REMARKS = /^(This\.|So true\.|Exactly this\.|Same experience here\.|Could not agree more\.|Sharing for visibility\.) | (This\.|So true\.|Exactly this\.|Same experience here\.|Could not agree more\.|Sharing for visibility\.)$/;

let brands: Brand[];
let mentions: MentionJson[];
let scored: ScoredMention[];
const share = (part: number, whole: number) => part / whole;

beforeAll(async () => {
  brands = await exampleBrands();
  mentions = createGenerator({ seed: 8, ratePerSecond: 2 }).history(T - 2 * HOUR, T);
  const model = pipelineModel(brands);
  model.ingest(mentions, T);
  scored = model.scored;
}, 120_000);

describe('two hours of ordinary traffic', () => {
  it('holds spam, exact re-sends and copies in realistic shares', () => {
    const spamThreshold = new Map(brands.map((b) => [b.id, b.spamThreshold]));
    const exact = scored.filter((s) => s.isDuplicate && s.duplicateOf === s.id);
    const near = scored.filter((s) => s.isDuplicate && s.duplicateOf !== s.id);
    // Spam whether or not it is also a copy (link drops share templates; promo waves paste one text).
    const spam = scored.filter((s) => s.spamScore >= (spamThreshold.get(s.brandId) ?? 0.7));
    expect(share(exact.length, scored.length)).toBeGreaterThan(0.01);
    expect(share(exact.length, scored.length)).toBeLessThan(0.03);
    expect(share(near.length, scored.length)).toBeGreaterThan(0.01);
    expect(share(near.length, scored.length)).toBeLessThan(0.06);
    expect(share(spam.length, scored.length)).toBeGreaterThan(0.01);
    expect(share(spam.length, scored.length)).toBeLessThan(0.06);
    // Ordinary texts flagged as copies by accident: not a deliberate copy, not a spammer's link, not a brand's canned reply.
    const accidental = near.filter((s) => !COPY_REMARKS.test(s.text) && !s.text.includes('http') && s.matchedTerms.every((t) => !t.startsWith('from:')));
    expect(share(accidental.length, scored.length)).toBeLessThan(0.01);
  });

  it('is negative about each brand 12-28 % of the time, as the sentiment worker scores it', () => {
    for (const brand of brands) {
      const counted = scored.filter((s) => s.brandId === brand.id && !s.isDuplicate && s.spamScore < brand.spamThreshold);
      const negative = counted.filter((s) => s.sentiment.label === 'negative').length;
      expect({ brand: brand.id, enough: counted.length > 1_000 }).toEqual({ brand: brand.id, enough: true });
      expect(share(negative, counted.length)).toBeGreaterThan(0.12);
      expect(share(negative, counted.length)).toBeLessThan(0.28);
    }
  });

  it('comes from every source, in threads whose parents came first', () => {
    const bySource = new Map<string, number>();
    for (const m of mentions) bySource.set(m.source, (bySource.get(m.source) ?? 0) + 1);
    expect([...bySource.keys()].sort()).toEqual(['hackernews', 'mastodon', 'reddit', 'reviews', 'rss']);
    for (const count of bySource.values()) expect(share(count, mentions.length)).toBeGreaterThan(0.05);
    const seen = new Set<string>();
    let replies = 0;
    for (const m of mentions) {
      if (m.parentId !== undefined) {
        replies += 1;
        expect(seen.has(`${m.source}:${m.parentId}`)).toBe(true);
      }
      seen.add(`${m.source}:${m.id}`);
    }
    expect(share(replies, mentions.length)).toBeGreaterThan(0.15);
  });

  it("answers every public question from the brand's own account within 7 minutes, and asks nothing else", () => {
    const questions = mentions.filter((m) => m.text.includes('?'));
    expect(questions.length).toBeGreaterThan(5);
    for (const q of questions) {
      expect(q.text).toMatch(/@(acme|acmesupport|globex)\b/);
      const answer = mentions.find((m) => m.parentId === q.id && m.source === q.source);
      const asker = q.author.handle.split('@')[0] ?? '';
      // The run ends at T: a question asked in its last 7 minutes may be answered after it.
      if (Date.parse(q.publishedAt) < T - MAX_ANSWER_DELAY_MS) {
        expect(answer?.author.handle).toMatch(/^(acme|acmesupport|globex|globexcares)@/);
        expect(answer?.text.startsWith(`@${asker} `)).toBe(true);
        expect(Date.parse(answer?.publishedAt ?? '') - Date.parse(q.publishedAt)).toBeLessThanOrEqual(MAX_ANSWER_DELAY_MS);
      }
    }
  });

  it('has ordinary authors below 40,000 followers and ordinary engagement below 100', () => {
    const followers = mentions.flatMap((m) => (m.author.followers === undefined ? [] : [m.author.followers])).sort((a, b) => a - b);
    expect(followers.at(-1)).toBeLessThan(40_001);
    expect(followers[Math.floor(followers.length / 2)]).toBeGreaterThan(50);
    expect(followers[Math.floor(followers.length / 2)]).toBeLessThan(1_000);
    expect(mentions.some((m) => m.author.handle === INFLUENTIAL_AUTHOR.handle)).toBe(false);
    for (const m of mentions) {
      const e = m.engagement ?? { likes: 0, shares: 0, replies: 0 };
      expect(e.likes + e.shares + e.replies).toBeLessThan(100);
    }
  });
});
