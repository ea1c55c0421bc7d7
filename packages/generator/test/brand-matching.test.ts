// Generated texts about a brand match that brand's query in examples/brands.yaml (the real
// queries, parsed and compiled by @sl/matching), noise matches none, and a comparison matches both.
import type { Brand } from '@sl/contracts';
import { compileQuery, type Matcher, parseQuery } from '@sl/matching';
import { beforeAll, describe, expect, it } from 'vitest';
import { composeBody, type Polarity } from '../src/compose-text.ts';
import { unansweredQuestion } from '../src/event-traffic.ts';
import type { MentionJson } from '../src/index.ts';
import { createGenerator, DEMO_BRANDS } from '../src/index.ts';
import { answeredQuestion, brandMention, offTopic, plainReply } from '../src/ordinary-traffic.ts';
import { OFF_TOPIC } from '../src/phrases.ts';
import { createRandom } from '../src/random.ts';
import { createWorld } from '../src/world.ts';
import { exampleBrands } from './pipeline-model.ts';

let brands: Brand[];
let matchers: Map<string, Matcher>;
const T = Date.UTC(2026, 10, 24, 12);

beforeAll(async () => {
  brands = await exampleBrands();
  matchers = new Map(brands.map((b) => [b.id, compileQuery(parseQuery(b.query))]));
});

const doc = (m: MentionJson) => ({ text: m.text, title: m.title ?? null, url: m.url ?? null });
const matching = (m: MentionJson) => [...matchers].filter(([, match]) => match(doc(m)).matched).map(([id]) => id);

describe('demo brands against examples/brands.yaml', () => {
  it('profiles one brand for every brand in the file, and every name and tag matches on its own', () => {
    expect(DEMO_BRANDS.map((b) => b.id).sort()).toEqual(brands.map((b) => b.id).sort());
    for (const profile of DEMO_BRANDS) {
      const brand = brands.find((b) => b.id === profile.id) as Brand;
      expect(profile.handles).toEqual(brand.handles);
      for (const name of [...profile.names, ...profile.tags, ...profile.askAt.map((h) => `@${h}`)]) {
        expect({ brand: profile.id, name, matched: matchers.get(profile.id)?.({ text: `news about ${name} today` }).matched }).toEqual({ brand: profile.id, name, matched: true });
      }
    }
  });

  it("writes every brand's ordinary, launch and backlash texts so that its query matches, on every source", () => {
    const world = createWorld(11, DEMO_BRANDS);
    for (const brand of DEMO_BRANDS) {
      for (let i = 0; i < 400; i += 1) {
        const mood = (['ordinary', 'spike', 'surge'] as const)[i % 3];
        const polarity = (['positive', 'neutral', 'negative'] as const)[i % 3] as Polarity;
        const mention = brandMention(world, T + i, brand, { mood, polarity });
        expect({ text: mention.text, title: mention.title, matches: matching(mention).includes(brand.id) }).toEqual({ text: mention.text, title: mention.title, matches: true });
      }
    }
  });

  it('names a competitor now and then, and then both brands match', () => {
    const random = createRandom(5);
    for (const brand of DEMO_BRANDS) {
      for (const rival of DEMO_BRANDS.filter((b) => b.id !== brand.id)) {
        for (let i = 0; i < 20; i += 1) {
          const text = composeBody(random, brand, { polarity: 'positive', rival });
          expect({ text, matched: matching({ text } as MentionJson).sort() }).toEqual({ text, matched: [brand.id, rival.id].sort() });
        }
      }
    }
  });

  it('puts public questions to brands with accounts in words their query matches', () => {
    const world = createWorld(13, DEMO_BRANDS);
    for (let i = 0; i < 200; i += 1) {
      const question = answeredQuestion(world, T + i * 1000) as MentionJson;
      expect(question.text).toContain('?');
      expect(matching(question).length).toBeGreaterThan(0);
    }
    for (const brand of DEMO_BRANDS) expect(matching(unansweredQuestion(world, T, brand))).toContain(brand.id);
  });

  it('writes noise that no query matches: off-topic posts (the queries leave them out) and replies that name nobody', () => {
    const random = createRandom(3);
    for (const template of OFF_TOPIC) {
      const text = template.replace(/\{[A-Z]\}/g, () => random.pick(['Oslo', 'Monday', 'office']));
      expect({ text, matched: matching({ text } as MentionJson) }).toEqual({ text, matched: [] });
    }
    const world = createWorld(17, DEMO_BRANDS);
    for (let i = 0; i < 50; i += 1) brandMention(world, T, DEMO_BRANDS[i % 4] ?? (DEMO_BRANDS[0] as never));
    for (let i = 0; i < 200; i += 1) {
      const noise = [offTopic(world, T), plainReply(world, T)].filter((m): m is MentionJson => m !== undefined);
      for (const m of noise) expect({ text: m.text, matched: matching(m) }).toEqual({ text: m.text, matched: [] });
    }
  });

  it('makes most of an hour about the brands: 88-95 % of mentions match a query', () => {
    const mentions = createGenerator({ seed: 21, ratePerSecond: 3 }).history(T - 3_600_000, T);
    const matched = mentions.filter((m) => matching(m).length > 0).length;
    expect(matched / mentions.length).toBeGreaterThan(0.88);
    expect(matched / mentions.length).toBeLessThan(0.95);
  });
});
