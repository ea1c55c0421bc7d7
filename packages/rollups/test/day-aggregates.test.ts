import { describe, expect, it } from 'vitest';
import { authorDayRows, type FoldedAuthors } from '../src/author-day-rows.ts';
import { brandReplyRows } from '../src/brand-reply-rows.ts';
import { driverDayRows } from '../src/driver-day-rows.ts';
import { HOUR, records, scored, spamThresholdOf, T0 } from './rollup-fixtures.ts';

const DAY0 = Date.UTC(2024, 4, 1);
const DAY1 = Date.UTC(2024, 4, 2);

describe('authorDayRows', () => {
  // T0 is 10:00 UTC: +14 h is the next UTC day.
  const batch = records(0, 0, [
    scored({ n: 1, handle: 'ann', followers: 10, compound: 0.5 }),
    scored({ n: 2, handle: 'ann', followers: null, compound: -0.25, publishedAt: T0 + HOUR }),
    scored({ n: 3, handle: 'ann', source: 'forum' }),
    scored({ n: 4, handle: 'bob', followers: 99 }),
    scored({ n: 5, handle: 'bob', isDuplicate: true }),
    scored({ n: 6, handle: 'cy', spamScore: 0.95 }),
    scored({ n: 7, handle: 'ann', publishedAt: T0 + 14 * HOUR }),
  ]);

  it("sums each author's counted mentions per brand and UTC day, names and followers by max", () => {
    const groups = authorDayRows(batch, { spamThresholdOf });
    expect([...groups.keys()]).toEqual([`acme\u0000${DAY0}`, `acme\u0000${DAY1}`]);
    const pick = (key: string) =>
      (groups.get(key) ?? []).map((r) => [
        r.source,
        r.authorHandle,
        r.authorName,
        r.followers,
        r.mentions,
        r.likes,
        r.shares,
        r.replies,
        r.sentimentSum,
        r.isOthers,
        r.authors,
        r.maxMentions,
      ]);
    // ann on rss: n 1 and 2 (likes n, shares n+1, replies n+2); bob's duplicate and cy's spam do not count.
    expect(pick(`acme\u0000${DAY0}`)).toEqual([
      ['rss', 'ann', 'Name 2', 10, 2, 3, 5, 7, 0.25, false, 1, 2],
      ['rss', 'bob', 'Name 4', 99, 1, 4, 5, 6, 0, false, 1, 1],
      ['forum', 'ann', 'Name 3', 30, 1, 3, 4, 5, 0, false, 1, 1],
    ]);
    expect(pick(`acme\u0000${DAY1}`)).toEqual([['rss', 'ann', 'Name 7', 70, 1, 7, 8, 9, 0, false, 1, 1]]);
  });

  it('writes at most the cap per brand and day and folds the rest into one explicit others row, told to the caller', () => {
    const folded: FoldedAuthors[] = [];
    const groups = authorDayRows(batch, { spamThresholdOf, maxAuthorsPerDay: 1, onFolded: (f) => folded.push(f) });
    const day0 = groups.get(`acme\u0000${DAY0}`) ?? [];
    expect(day0.map((r) => [r.source, r.authorHandle, r.mentions, r.likes, r.isOthers, r.authors, r.maxMentions])).toEqual([
      ['rss', 'ann', 2, 3, false, 1, 2],
      [null, null, 2, 7, true, 2, 1],
    ]);
    expect(groups.get(`acme\u0000${DAY1}`)?.length).toBe(1);
    expect(folded).toEqual([{ brandId: 'acme', day: DAY0, authors: 2, mentions: 2 }]);
  });
});

describe('driverDayRows', () => {
  it("sums the counted mentions' drivers per brand, UTC day and lower-cased term, counting every entry", () => {
    const mention = (n: number, drivers: Array<{ term: string; weight: number }>, extra: Parameters<typeof scored>[0] = { n }) => {
      const m = scored({ ...extra, n });
      return { ...m, sentiment: { ...m.sentiment, drivers } };
    };
    const batch = records(0, 0, [
      mention(1, [
        { term: 'Great', weight: 0.5 },
        { term: 'great', weight: 0.25 },
      ]),
      mention(2, [{ term: 'awful', weight: -0.5 }]),
      mention(3, [{ term: 'great', weight: 1 }], { n: 3, spamScore: 0.95 }),
      mention(4, [{ term: 'great', weight: 0.125 }], { n: 4, publishedAt: T0 + 14 * HOUR }),
    ]);
    const groups = driverDayRows(batch, { spamThresholdOf });
    expect([...groups.entries()].map(([key, rows]) => [key, rows.map((r) => [r.term, r.weight, r.mentions])])).toEqual([
      [
        `acme\u0000${DAY0}`,
        [
          ['awful', -0.5, 1],
          ['great', 0.75, 2],
        ],
      ],
      [`acme\u0000${DAY1}`, [['great', 0.125, 1]]],
    ]);
  });
});

describe('brandReplyRows', () => {
  it("keeps the replies written by the brand's own accounts (handle or source:handle, any case, with or without @)", () => {
    const reply = (n: number, handle: string, source = 'rss', parentId: string | null = 'p1') => ({
      ...scored({ n, handle, source }),
      parentId,
    });
    const batch = records(0, 0, [
      reply(1, '@AcmeSupport'),
      reply(2, 'acme', 'forum'),
      reply(3, 'acme', 'rss'),
      reply(4, 'AcmeSupport', 'rss', null),
      reply(5, 'someone'),
    ]);
    const groups = brandReplyRows(batch, (brandId) => (brandId === 'acme' ? ['acmesupport', 'forum:acme'] : []));
    expect([...groups.entries()].map(([key, rows]) => [key, rows.map((r) => [r.mentionId, r.source, r.authorHandle, r.parentId])])).toEqual(
      [
        [
          `acme\u0000${DAY0}`,
          [
            ['rss:m1', 'rss', '@AcmeSupport', 'p1'],
            ['forum:m2', 'forum', 'acme', 'p1'],
          ],
        ],
      ],
    );
  });
});
