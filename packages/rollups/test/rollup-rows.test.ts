import { describe, expect, it } from 'vitest';
import { authorHash } from '../src/authors-sketch.ts';
import { type Grain, type RollupRow, rollupRows, windowStart } from '../src/rollup-rows.ts';
import { hashtagsOf, termsOf, topCounts } from '../src/top-terms.ts';
import { HOUR, MINUTE, records, scored, spamThresholdOf, T0 } from './rollup-fixtures.ts';

const DAY = 24 * HOUR;

const handMade = [
  scored({ n: 1, publishedAt: T0 + 10_000, compound: 0.6, handle: 'h1', text: 'Love the #Acme phone battery' }),
  scored({ n: 2, publishedAt: T0 + 20_000, compound: -0.5, handle: 'h1', text: 'battery died again #acme' }),
  scored({ n: 3, publishedAt: T0 + 30_000, isDuplicate: true, spamScore: 0.95 }),
  scored({ n: 4, publishedAt: T0 + 40_000, spamScore: 0.7 }),
  scored({ n: 5, publishedAt: T0 + 70_000, compound: 0, detectedLang: null, lang: 'fr' }),
  scored({ n: 6, source: 'news', publishedAt: T0 + 10_000, compound: 0.3, detectedLang: null, lang: null, followers: null }),
  scored({ n: 7, brandId: 'globex', publishedAt: T0 + 10_000, spamScore: 0.6 }),
  scored({ n: 8, publishedAt: T0 + 10_000, delay: 2 * HOUR, compound: -0.2 }),
  scored({ n: 9, publishedAt: T0 + HOUR + 5_000, compound: 0.2 }),
  scored({ n: 10, publishedAt: T0 + DAY, spamScore: 0.69, compound: 0.4 }),
];

function find(
  rows: RollupRow[],
  grain: Grain,
  brandId: string,
  start: number,
  source: string,
  lang: string,
  isCorrection = false,
): RollupRow {
  const row = rows.find(
    (r) =>
      r.grain === grain &&
      r.brandId === brandId &&
      r.windowStart === start &&
      r.source === source &&
      r.lang === lang &&
      r.isCorrection === isCorrection,
  );
  if (!row) throw new Error(`no row ${grain} ${brandId} ${new Date(start).toISOString()} ${source} ${lang} ${isCorrection}`);
  return row;
}

const options = { spamThresholdOf };

describe('rollupRows', () => {
  const rows = rollupRows(records(0, 100, handMade), options);

  it('sums a window exactly, with duplicates and spam in their own columns', () => {
    const minute = find(rows, 'minute', 'acme', T0, 'rss', 'en');
    expect(minute).toMatchObject({
      mentions: 2,
      duplicates: 1,
      spam: 1,
      positive: 1,
      neutral: 0,
      negative: 1,
      reach: 30,
      likes: 3,
      shares: 5,
      replies: 7,
      authorsSketch: [authorHash('rss', 'h1')],
      authorsEstimate: 1,
      topHashtags: [{ term: '#acme', count: 2 }],
      topTerms: [
        { term: 'battery', count: 2 },
        { term: 'again', count: 1 },
        { term: 'died', count: 1 },
        { term: 'love', count: 1 },
        { term: 'phone', count: 1 },
      ],
    });
    expect(minute.sentimentSum).toBeCloseTo(0.1, 12);
    expect(minute.sentimentSumSq).toBeCloseTo(0.61, 12);
    // The hour holds the same records for rss/en (n=5 is French, n=9 the next hour).
    expect(find(rows, 'hour', 'acme', T0, 'rss', 'en')).toMatchObject({ mentions: 2, duplicates: 1, spam: 1 });
  });

  it('keys by grain window, source and language (detected, else declared, else und)', () => {
    expect(find(rows, 'minute', 'acme', T0 + MINUTE, 'rss', 'fr')).toMatchObject({ mentions: 1, neutral: 1, reach: 50 });
    expect(find(rows, 'minute', 'acme', T0, 'news', 'und')).toMatchObject({ mentions: 1, positive: 1, reach: 0 });
    expect(find(rows, 'hour', 'acme', T0 + HOUR, 'rss', 'en')).toMatchObject({ mentions: 1, positive: 1 });
    const day = find(rows, 'day', 'acme', windowStart('day', T0), 'rss', 'en');
    expect(day).toMatchObject({ mentions: 3, duplicates: 1, spam: 1, positive: 2, negative: 1, reach: 120 });
    expect(find(rows, 'day', 'acme', windowStart('day', T0 + DAY), 'rss', 'en')).toMatchObject({ mentions: 1, spam: 0, positive: 1 });
  });

  it("applies each brand's own spam threshold (score at or above it is spam)", () => {
    expect(find(rows, 'minute', 'globex', T0, 'rss', 'en')).toMatchObject({ mentions: 0, spam: 1, authorsSketch: [], topTerms: [] });
  });

  it('puts a record ingested later than allowed in its own correction row', () => {
    expect(find(rows, 'minute', 'acme', T0, 'rss', 'en', true)).toMatchObject({ mentions: 1, negative: 1, reach: 80 });
    expect(find(rows, 'day', 'acme', windowStart('day', T0), 'rss', 'en', true)).toMatchObject({ mentions: 1 });
    // A larger allowance makes the same record ordinary.
    const lenient = rollupRows(records(0, 100, handMade), { spamThresholdOf, lateAfterMs: 3 * HOUR });
    expect(lenient.filter((r) => r.isCorrection)).toEqual([]);
    expect(find(lenient, 'minute', 'acme', T0, 'rss', 'en')).toMatchObject({ mentions: 3, negative: 2 });
  });

  it('accounts for every record once per grain: mentions + duplicates + spam = records', () => {
    for (const grain of ['minute', 'hour', 'day'] as const) {
      const of = rows.filter((r) => r.grain === grain);
      expect(of.reduce((sum, r) => sum + r.mentions + r.duplicates + r.spam, 0)).toBe(handMade.length);
    }
  });

  it('orders rows by grain, brand, window, source, language, correction', () => {
    const keys = rows.map((r) => `${r.grain}|${r.brandId}|${r.windowStart}|${r.source}|${r.lang}|${r.isCorrection}`);
    expect(keys.slice(0, 7)).toEqual([
      `minute|acme|${T0}|news|und|false`,
      `minute|acme|${T0}|rss|en|false`,
      `minute|acme|${T0}|rss|en|true`,
      `minute|acme|${T0 + MINUTE}|rss|fr|false`,
      `minute|acme|${T0 + HOUR}|rss|en|false`,
      `minute|acme|${T0 + DAY}|rss|en|false`,
      `minute|globex|${T0}|rss|en|false`,
    ]);
  });

  it('adds up: rows from any split of the input sum to the rows of the whole', () => {
    const all = records(0, 100, handMade);
    const parts = [all.slice(0, 3), all.slice(3, 4), all.slice(4, 9), all.slice(9)].map((p) => rollupRows(p, options));
    const sum = new Map<string, number[]>();
    for (const row of parts.flat()) {
      const key = `${row.grain}|${row.brandId}|${row.windowStart}|${row.source}|${row.lang}|${row.isCorrection}`;
      const values = [
        row.mentions,
        row.duplicates,
        row.spam,
        row.positive,
        row.neutral,
        row.negative,
        row.reach,
        row.likes,
        row.shares,
        row.replies,
      ];
      sum.set(
        key,
        (sum.get(key) ?? values.map(() => 0)).map((v, i) => v + (values[i] ?? 0)),
      );
    }
    const whole = new Map(
      rows.map((row) => [
        `${row.grain}|${row.brandId}|${row.windowStart}|${row.source}|${row.lang}|${row.isCorrection}`,
        [row.mentions, row.duplicates, row.spam, row.positive, row.neutral, row.negative, row.reach, row.likes, row.shares, row.replies],
      ]),
    );
    expect(sum).toEqual(whole);
  });
});

describe('terms and hashtags', () => {
  it('keeps words of three letters or more, drops stopwords, URLs, handles and hashtags from terms', () => {
    expect([...termsOf('The NEW Acme phone, see https://acme.com/x @bob #Launch it’s great 2024')].sort()).toEqual([
      'acme',
      'great',
      "it's",
      'phone',
    ]);
    expect([...hashtagsOf('#Launch day! #launch #2024 #café a#b')].sort()).toEqual(['#café', '#launch']);
  });

  it('ranks by count, then term, and keeps the top N', () => {
    const counts = new Map([
      ['b', 2],
      ['a', 2],
      ['c', 5],
      ['d', 1],
    ]);
    expect(topCounts(counts, 3)).toEqual([
      { term: 'c', count: 5 },
      { term: 'a', count: 2 },
      { term: 'b', count: 2 },
    ]);
  });
});
