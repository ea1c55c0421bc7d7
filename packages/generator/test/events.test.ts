// Scheduled events happen when the timeline says: the influential post and the question at their
// second, the spike as ten times Acme's rate for its twelve minutes, the surge as mostly negative
// Globex mentions, the viral post and the story as re-observations of one id with growing counts.
import { compileQuery, parseQuery } from '@sl/matching';
import { scoreSentiment } from '@sl/sentiment';
import { beforeAll, describe, expect, it } from 'vitest';
import { createGenerator, DEMO_BRANDS, DEMO_EVENTS, INFLUENTIAL_AUTHOR, type MentionJson, parseEvents, STORY_OBSERVATIONS, VIRAL_OBSERVATIONS } from '../src/index.ts';
import { exampleBrands } from './pipeline-model.ts';

const START = Date.UTC(2026, 10, 24, 14, 0, 0);
const SECOND = 1_000;
const MINUTE = 60 * SECOND;

/** Every tick of a live run: when it was sent and what it held. */
const ticks: Array<{ at: number; mentions: MentionJson[] }> = [];
const all = () => ticks.flatMap((t) => t.mentions);
let matches: (brandId: string, m: MentionJson) => boolean;

beforeAll(async () => {
  const brands = await exampleBrands();
  const matchers = new Map(brands.map((b) => [b.id, compileQuery(parseQuery(b.query))]));
  matches = (brandId, m) => matchers.get(brandId)?.({ text: m.text, title: m.title ?? null, url: m.url ?? null }).matched === true;
  const generator = createGenerator({ seed: 4, ratePerSecond: 2, start: START, events: DEMO_EVENTS });
  generator.history(START - 10 * MINUTE, START);
  for (let at = START + SECOND; at <= START + 20 * MINUTE; at += SECOND) ticks.push({ at, mentions: generator.tick(at) });
});

describe('the demo timeline', () => {
  it('lists the events at their times with the alert each should raise', () => {
    const generator = createGenerator({ start: START, events: DEMO_EVENTS });
    expect(generator.timeline().map((e) => [e.name, e.brand, (e.at - START) / SECOND, (e.until - START) / SECOND, e.expectedAlert])).toEqual([
      ['influencer', 'acme', 45, 45, 'influential_voice'],
      ['question', 'acme', 60, 60, 'unanswered_question'],
      ['spike', 'acme', 90, 810, 'volume_spike'],
      ['surge', 'globex', 150, 1050, 'negative_surge'],
      ['viral', 'initech', 180, 180, 'viral_post'],
      ['story', 'umbrella', 210, 210, 'amplification_opportunity'],
    ]);
    expect(createGenerator({ events: DEMO_EVENTS }).timeline()).toEqual([]);
  });

  it('posts the influential author once, at +45 s, and the unanswered question at +60 s', () => {
    const voices = all().filter((m) => m.author.handle === INFLUENTIAL_AUTHOR.handle);
    expect(voices.map((m) => [m.publishedAt, m.author.followers, matches('acme', m)])).toEqual([['2026-11-24T14:00:45.000Z', 640_000, true]]);
    const question = all().filter((m) => m.text.includes('charged twice') && m.text.includes('?'));
    expect(question.map((m) => [m.publishedAt, matches('acme', m)])).toEqual([['2026-11-24T14:01:00.000Z', true]]);
    expect(all().filter((m) => m.parentId === question[0]?.id)).toEqual([]);
  });

  it("multiplies Acme's mentions by ten for twelve minutes from +90 s", () => {
    const acmePerMinute = (from: number, to: number) => {
      const n = all().filter((m) => Date.parse(m.publishedAt) >= from && Date.parse(m.publishedAt) < to && matches('acme', m)).length;
      return n / ((to - from) / MINUTE);
    };
    const before = acmePerMinute(START, START + 90 * SECOND);
    const during = acmePerMinute(START + 2 * MINUTE, START + 12 * MINUTE);
    const after = acmePerMinute(START + 14 * MINUTE, START + 20 * MINUTE);
    expect(during / before).toBeGreaterThan(7);
    expect(during / before).toBeLessThan(13);
    expect(after / before).toBeGreaterThan(0.6);
    expect(after / before).toBeLessThan(1.5);
  });

  it('turns Globex mostly negative from +150 s', () => {
    const negativeShare = (from: number, to: number) => {
      const globex = all().filter((m) => Date.parse(m.publishedAt) >= from && Date.parse(m.publishedAt) < to && matches('globex', m) && !m.text.includes('http'));
      return globex.filter((m) => scoreSentiment(m.title ? `${m.title}. ${m.text}` : m.text).label === 'negative').length / globex.length;
    };
    expect(negativeShare(START, START + 150 * SECOND)).toBeLessThan(0.35);
    expect(negativeShare(START + 3 * MINUTE, START + 18 * MINUTE)).toBeGreaterThan(0.75);
  });

  it('re-sends the viral post every 20 s with spread accelerating, and the story every 30 s with likes growing', () => {
    const observations = (start: number) => {
      const first = all().find((m) => m.publishedAt === new Date(start).toISOString() && m.author.followers !== undefined && m.author.handle.startsWith(start === START + 180 * SECOND ? 'deskjet_dan' : 'local_news_liz'));
      expect(first).toBeDefined();
      return ticks.flatMap((t) => t.mentions.filter((m) => m.id === first?.id && m.source === first?.source).map((m) => ({ at: t.at, e: m.engagement ?? { likes: 0, shares: 0, replies: 0 } })));
    };
    const viral = observations(START + 180 * SECOND);
    expect(viral.map((o) => (o.at - START) / SECOND)).toEqual([181, 201, 221, 241, 261, 281]);
    expect(viral.map((o) => o.e.shares + o.e.replies)).toEqual([...VIRAL_OBSERVATIONS.spread]);
    const story = observations(START + 210 * SECOND);
    expect(story.map((o) => (o.at - START) / SECOND)).toEqual([211, 241, 271, 301]);
    expect(story.map((o) => o.e.likes)).toEqual([...STORY_OBSERVATIONS.likes]);
  });
});

describe('parseEvents', () => {
  it('takes names, an optional brand and an optional offset in seconds', () => {
    expect(parseEvents('spike, surge:acme@20, viral@7.5', DEMO_BRANDS)).toEqual([
      { name: 'spike', brand: 'acme', offsetMs: 90_000, durationMs: 720_000, multiplier: 10 },
      { name: 'surge', brand: 'acme', offsetMs: 20_000, durationMs: 900_000, multiplier: 1.4, negativeShare: 0.9 },
      { name: 'viral', brand: 'initech', offsetMs: 7_500 },
    ]);
    expect(() => parseEvents('spike,boom', DEMO_BRANDS)).toThrow('unknown event "boom": expected one of influencer, question, spike, surge, viral, story, optionally with :brand and @seconds (spike:acme@90)');
    expect(() => parseEvents('spike:hooli', DEMO_BRANDS)).toThrow('event "spike:hooli" names brand "hooli", which is not one of acme, globex, initech, umbrella');
  });
});
