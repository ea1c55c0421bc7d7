import { DEFAULT_ALERT_THRESHOLDS } from '@sl/contracts';
import { describe, expect, it } from 'vitest';
import { createEnricher } from '../src/index.ts';
import { brand, mention } from './fixtures.ts';

const ORIGINAL = 'The new Acme blender broke after two days and support never answered my emails about it';
const brands = [brand('acme', 'acme OR @acme'), brand('globex', 'globex'), brand('initech', 'initech')];

describe('createEnricher', () => {
  it('emits one record per matched brand, sorted by brand id, with the raw fields kept', () => {
    const enricher = createEnricher({ brands });
    const raw = mention('1', 'Acme or Globex? I switched from Globex to Acme last year and I am happy');
    expect(enricher.enrich(raw)).toEqual([
      {
        ...raw,
        brandId: 'acme',
        matchedTerms: ['acme'],
        isDuplicate: false,
        duplicateOf: null,
        // The model's probability: an ordinary comment, well under the default threshold 0.7.
        spamScore: 0.009,
        spamReasons: [],
        detectedLang: 'en',
        role: 'mention',
        // A post that is not a reply starts its own thread.
        threadId: raw.id,
        similarTo: [],
        spamScoreBeforeCopies: 0.009,
        spamThreshold: 0.7,
      },
      {
        ...raw,
        brandId: 'globex',
        matchedTerms: ['globex'],
        isDuplicate: false,
        duplicateOf: null,
        spamScore: 0.009,
        spamReasons: [],
        detectedLang: 'en',
        role: 'mention',
        threadId: raw.id,
        similarTo: [],
        spamScoreBeforeCopies: 0.009,
        spamThreshold: 0.7,
      },
    ]);
    expect(enricher.enrich(mention('2', 'nothing to see here'))).toEqual([]);
  });

  it('assesses a mention no brand matches too: spam and language, with the same state changes as enrich', () => {
    const assessing = createEnricher({ brands });
    const enriching = createEnricher({ brands });
    const spam = mention('1', 'Buy 5000 real instagram followers cheap at http://followers-shop.example.com today');
    const verdict = assessing.assess(spam);
    expect(verdict.mentions).toEqual([]);
    expect(verdict.spam.reasons).toEqual(['link_selling']);
    expect(verdict.spam.score).toBeGreaterThanOrEqual(0.9);
    expect(verdict.detectedLang).toBe('en');
    expect(enriching.enrich(spam)).toEqual([]);
    // Both remember the unmatched text: a copy naming acme is its duplicate for neither (it never matched acme).
    const copy = mention('2', 'Acme: Buy 5000 real instagram followers cheap at http://followers-shop.example.com today');
    const assessed = assessing.assess(copy);
    expect(assessed.mentions).toEqual(enriching.enrich(copy));
    expect(assessed.spam).toEqual({ score: assessed.mentions[0]?.spamScore, reasons: assessed.mentions[0]?.spamReasons });
  });

  it("matches what the brand's own accounts post even when the text does not name the brand", () => {
    const enricher = createEnricher({
      brands: [
        brand('acme', 'acme', { handles: ['acmesupport', 'mastodon:acme_help'] }),
        brand('globex', 'globex', { handles: ['rss:globexcares'] }),
      ],
    });
    const reply = (sourceId: string, handle: string, source = 'rss') =>
      enricher.enrich(
        mention(sourceId, 'Sorry to hear that, we have sent you a DM', {
          source,
          id: `${source}:${sourceId}`,
          author: { handle, name: null, followers: null },
        }),
      );
    expect(reply('1', '@AcmeSupport').map((m) => [m.brandId, m.matchedTerms])).toEqual([['acme', ['from:@AcmeSupport']]]);
    expect(reply('2', 'acme_help@social.example', 'mastodon').map((m) => m.brandId)).toEqual(['acme']);
    // A source-specific handle answers on that source only.
    expect(reply('3', 'acme_help', 'rss')).toEqual([]);
    expect(reply('4', 'globexcares').map((m) => m.brandId)).toEqual(['globex']);
    expect(reply('5', 'someone')).toEqual([]);
  });

  it('marks a re-sent id as a duplicate of itself', () => {
    const enricher = createEnricher({ brands });
    expect(enricher.enrich(mention('1', 'acme rocks'))[0]).toMatchObject({ isDuplicate: false, duplicateOf: null });
    expect(enricher.enrich(mention('1', 'acme rocks'))[0]).toMatchObject({ isDuplicate: true, duplicateOf: 'rss:1' });
  });

  it('marks a copy with a few words added as a near duplicate of the original, and a copy of the copy too', () => {
    const enricher = createEnricher({ brands });
    enricher.enrich(mention('1', ORIGINAL));
    const copy = enricher.enrich(mention('2', `Same here!! ${ORIGINAL} what a joke`));
    expect(copy.map((m) => [m.brandId, m.isDuplicate, m.duplicateOf])).toEqual([['acme', true, 'rss:1']]);
    const copyOfCopy = enricher.enrich(mention('3', `Same here!! ${ORIGINAL} what a joke honestly`));
    expect(copyOfCopy[0]).toMatchObject({ isDuplicate: true, duplicateOf: 'rss:1' });
    const different = enricher.enrich(mention('4', 'My Acme blender works great after two years, support answered my emails fast'));
    expect(different[0]).toMatchObject({ isDuplicate: false, duplicateOf: null });
  });

  it('does not call short texts near duplicates for sharing a stock phrase', () => {
    const enricher = createEnricher({ brands });
    const texts = ['thanks acme, love it', 'thanks acme, love it!!', 'love it thanks acme', 'thanks acme love it so much'];
    const results = texts.map((text, i) => enricher.enrich(mention(String(i), text))[0]);
    expect(results.map((r) => r?.isDuplicate)).toEqual([false, false, false, false]);
  });

  it('does not call longer texts near duplicates for sharing one common phrase', () => {
    const enricher = createEnricher({ brands });
    enricher.enrich(mention('1', 'thank you so much for the quick reply acme, the replacement part arrived today'));
    const other = enricher.enrich(mention('2', 'thank you so much for the discount acme, my daughter loves her new scooter'));
    expect(other[0]).toMatchObject({ isDuplicate: false, duplicateOf: null });
  });

  it('judges duplicates per brand: a copy that names a brand the original did not is not a duplicate for it', () => {
    const enricher = createEnricher({ brands });
    const base = 'the delivery took three weeks and the box arrived crushed, never ordering from them again';
    enricher.enrich(mention('1', `globex ${base}`));
    const copy = enricher.enrich(mention('2', `globex ${base} acme`));
    expect(copy.map((m) => [m.brandId, m.isDuplicate, m.duplicateOf])).toEqual([
      ['acme', false, null],
      ['globex', true, 'rss:1'],
    ]);
  });

  it('forgets the oldest mentions past the configured capacity', () => {
    const enricher = createEnricher({ brands, options: { nearDuplicateCapacity: 2 } });
    enricher.enrich(mention('1', ORIGINAL));
    enricher.enrich(mention('2', 'Initech printers jam every single morning and the office manager does not care at all'));
    enricher.enrich(mention('3', 'Globex shipped the wrong order twice this month and the hotline keeps hanging up on me'));
    expect(enricher.enrich(mention('4', `${ORIGINAL} again`))[0]).toMatchObject({ isDuplicate: false });
  });

  it('counts what each bounded memory holds and forgot', () => {
    const enricher = createEnricher({
      brands,
      options: { nearDuplicateCapacity: 2, exactDuplicateCapacity: 2, threadPostCapacity: 2, authorCapacity: 2, postCapacity: 2 },
    });
    enricher.enrich(mention('1', ORIGINAL));
    enricher.enrich(mention('2', 'Initech printers jam every single morning and the office manager does not care at all'));
    enricher.enrich(mention('3', 'Globex shipped the wrong order twice this month and the hotline keeps hanging up on me'));
    enricher.enrich(mention('4', 'short one, no brand'));
    expect(enricher.stateStats).toEqual({
      nearDuplicates: { size: 2, evicted: 1 },
      recentIds: { size: 2, evicted: 2 },
      threadPosts: { size: 2, evicted: 1 },
      waitingReplies: { size: 0, evicted: 0 },
      // Four authors; three texts long enough to keep (the fourth has four words).
      authors: { size: 2, evicted: 2 },
      recentPosts: { size: 2, evicted: 1 },
    });
  });

  it('scores link-selling comments with reasons', () => {
    const enricher = createEnricher({ brands });
    const [spam] = enricher.enrich(mention('1', 'Acme fans: buy 1000 followers cheap http://fast-followers.example/acme'));
    expect(spam).toMatchObject({ spamScore: 0.987, spamReasons: ['link_selling'] });
    const [pitch] = enricher.enrich(mention('2', 'Acme discount code inside, DM me https://promo.example'));
    expect(pitch).toMatchObject({ spamScore: 0.996, spamReasons: ['promo_link'] });
  });

  it('flags the same text posted by many authors as copy-paste, growing with the count', () => {
    const enricher = createEnricher({ brands });
    const text = 'Acme is the best brand ever, I recommend it to everyone I know, five stars';
    const scores = [1, 2, 3, 4, 5].map((i) => enricher.enrich(mention(String(i), text))[0]);
    expect(scores.map((s) => [s?.spamScore, s?.spamReasons])).toEqual([
      [0.056, []],
      [0.056, []],
      [0.622, ['copy_paste']],
      [0.764, ['copy_paste']],
      [0.906, ['copy_paste']],
    ]);
    // The same author posting again is not a new voice.
    const again = enricher.enrich(mention('6', text, { author: { handle: 'author-5', name: null, followers: null } }))[0];
    expect(again?.spamScore).toBe(0.906);
  });

  it('flags keyword stuffing and hashtag piles', () => {
    const enricher = createEnricher({ brands });
    expect(enricher.enrich(mention('1', 'acme acme acme acme best deals acme'))[0]?.spamReasons).toEqual(['keyword_stuffing']);
    expect(enricher.enrich(mention('2', 'wow #acme #deal #sale #cheap #free #win #promo #gift'))[0]?.spamReasons).toEqual([
      'keyword_stuffing',
    ]);
    expect(enricher.enrich(mention('3', 'I told my friend about acme and she said acme is fine'))[0]?.spamReasons).toEqual([]);
  });

  it('flags an author who only posts links, after five posts', () => {
    const enricher = createEnricher({ brands });
    const author = { handle: 'linkbot', name: null, followers: null };
    const reasons = [1, 2, 3, 4, 5].map(
      (i) =>
        enricher.enrich(
          mention(
            String(i),
            `Acme opened store number ${i} in the city centre today, the queue went round the block https://news${i}.example/a`,
            { author },
          ),
        )[0]?.spamReasons,
    );
    expect(reasons).toEqual([[], [], [], [], ['broadcast_only']]);
    const reply = enricher.enrich(
      mention('6', 'Acme replied to my complaint about the delivery within an hour', { author, parentId: '5' }),
    )[0];
    expect(reply?.spamReasons).toEqual([]);
  });

  it('combines reasons as independent evidence', () => {
    const enricher = createEnricher({ brands });
    const [m] = enricher.enrich(mention('1', 'buy followers acme acme acme acme acme https://x.example'));
    expect(m).toMatchObject({ spamScore: 0.957, spamReasons: ['link_selling', 'keyword_stuffing'] });
  });

  it('changes brands live and reports queries that do not parse', () => {
    const enricher = createEnricher({ brands: [brand('acme', 'acme')] });
    const update = enricher.setBrands([brand('acme', 'acme', { deleted: true }), brand('globex', 'globex'), brand('bad', 'globex OR')]);
    expect(update.active).toEqual(['globex']);
    expect(update.rejected.map((r) => [r.brandId, r.error.code, r.error.column])).toEqual([['bad', 'MISSING_TERM', 8]]);
    expect(enricher.enrich(mention('1', 'acme and globex')).map((m) => m.brandId)).toEqual(['globex']);
  });

  it("stamps each record with its brand's spam threshold at the time, and a changed threshold from the next record on", () => {
    const enricher = createEnricher({ brands: [brand('acme', 'acme', { spamThreshold: 0.7 }), brand('globex', 'globex', { spamThreshold: 0.55 })] });
    const first = enricher.enrich(mention('1', 'acme and globex, both sold out by noon'));
    expect(first.map((m) => [m.brandId, m.spamThreshold])).toEqual([
      ['acme', 0.7],
      ['globex', 0.55],
    ]);
    enricher.setBrands([brand('acme', 'acme', { spamThreshold: 0.4 }), brand('globex', 'globex', { spamThreshold: 0.55 })]);
    const second = enricher.enrich(mention('2', 'acme restocked the shelves this morning'));
    expect(second.map((m) => [m.brandId, m.spamThreshold])).toEqual([['acme', 0.4]]);
  });

  it('gives the same output for the same input order (replay after a crash)', () => {
    const inputs = [
      mention('1', ORIGINAL),
      mention('2', `Same here!! ${ORIGINAL}`),
      mention('3', 'buy followers acme https://x.example'),
      mention('1', ORIGINAL),
      mention('4', `${ORIGINAL} globex`),
    ];
    const run = () => {
      const enricher = createEnricher({ brands });
      return inputs.flatMap((raw) => enricher.enrich(raw));
    };
    expect(run()).toEqual(run());
  });

  it('rejects invalid options', () => {
    expect(() => createEnricher({ brands, options: { nearDuplicateThreshold: 1.5 } })).toThrow(
      'enricher option nearDuplicateThreshold must be in (0, 1], got 1.5',
    );
  });
});

describe('replay after a crash or an aborted transaction', () => {
  it('gives the same duplicate verdicts when the same records are read again (same origin), and still flags a real re-send', async () => {
    const { createEnricher } = await import('../src/create-enricher.ts');
    const brand = {
      id: 'acme',
      name: 'Acme',
      query: 'acme',
      competitors: [],
      spamThreshold: 0.7,
      alertThresholds: { ...DEFAULT_ALERT_THRESHOLDS },
      handles: [],
      categoryTerms: [],
      influencers: [],
      webhooks: [],
      timeZone: null,
      updatedAt: 0,
      deleted: false,
    };
    const raw = (id: string, text: string) => ({
      id,
      source: 'rss',
      sourceId: id.split(':')[1] ?? id,
      text,
      title: null,
      url: null,
      lang: null,
      publishedAt: 1,
      ingestedAt: 1,
      author: { handle: `h-${id}`, name: null, followers: null },
      engagement: { likes: 0, shares: 0, replies: 0 },
      parentId: null,
    });
    const original = raw('rss:a', 'The new Acme kettle boils water in under a minute and the handle stays cool to the touch');
    const copy = raw('rss:b', 'The new Acme kettle boils water in under a minute and the handle stays cool to the touch, wow');
    const enricher = createEnricher({ brands: [brand] });
    const verdicts = (id: string, origin: string, mention = id === 'rss:a' ? original : copy) =>
      enricher.enrich(mention, origin).map((m) => ({ id: m.id, isDuplicate: m.isDuplicate, duplicateOf: m.duplicateOf }));
    const first = [verdicts('rss:a', '0:5'), verdicts('rss:b', '3:9')];
    expect(first).toEqual([
      [{ id: 'rss:a', isDuplicate: false, duplicateOf: null }],
      [{ id: 'rss:b', isDuplicate: true, duplicateOf: 'rss:a' }],
    ]);
    // The same records read again: the same verdicts, not "a duplicate of itself".
    expect([verdicts('rss:a', '0:5'), verdicts('rss:b', '3:9')]).toEqual(first);
    // The same mention sent again (another record): an exact duplicate.
    expect(verdicts('rss:a', '0:17')).toEqual([{ id: 'rss:a', isDuplicate: true, duplicateOf: 'rss:a' }]);
  });
});
