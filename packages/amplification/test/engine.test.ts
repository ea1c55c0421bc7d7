import type { Brand, ScoredMention } from '@sl/contracts';
import { brandFixture, enrichedMentionFixture } from '@sl/testkit';
import { describe, expect, it } from 'vitest';
import { type AmplificationEngine, createAmplificationEngine, eventTime } from '../src/index.ts';

const brand = brandFixture('acme', { name: 'Acme', handles: ['acme'] });
const t0 = Date.UTC(2026, 10, 20, 12);
const HOUR = 3_600_000;

function scored(n: number, extra: Partial<ScoredMention> = {}): ScoredMention {
  return {
    ...enrichedMentionFixture(n, 'acme', { text: `acme post ${n}`, publishedAt: t0 + n * 1000, ingestedAt: t0 + n * 1000 + 500 }),
    sentiment: { compound: 0, label: 'neutral', drivers: [] },
    ...extra,
  };
}

const famous = (n: number, extra: Partial<ScoredMention> = {}) =>
  scored(n, { author: { handle: 'star', name: null, followers: 900_000 }, engagement: { likes: 20, shares: 2, replies: 1 }, ...extra });

/** Mentions here are a second apart and ingested half a second after publication. */
const limits = { liveDelayMs: 1_000 };
const newEngine = () => createAmplificationEngine(undefined, limits);

/** Live: each mention is followed by a watermark tick that covers it and no later mention. */
function live(engine: AmplificationEngine, mention: ScoredMention, rules: Brand | undefined = brand) {
  const now = engine.process(mention, rules, 0);
  const ticked = engine.advance(mention.ingestedAt + 1_000, () => rules, 0);
  return { alerts: [...now.alerts, ...ticked.alerts], influence: [...now.influence, ...ticked.influence], corrections: [...now.corrections, ...ticked.corrections] };
}

const kindsOf = (out: { alerts: Array<{ kind: string }> }) => out.alerts.map((a) => a.kind);

describe('amplification engine', () => {
  it('announces an influential author once a day, not for every post', () => {
    const engine = newEngine();
    const kinds = [1, 2, 3].flatMap((n) => kindsOf(live(engine, famous(n))));
    expect(kinds).toEqual(['influential_voice']);
    const nextDay = famous(90_000);
    expect(live(engine, nextDay).alerts.map((a) => a.id)).toEqual(['acme:influential_voice:test:90000']);
  });

  it('announces an influential author reposting their own words a day later, not the same post sent twice in a day', () => {
    const engine = newEngine();
    const text = 'tested the acme rocket skates for a week, full write up is out now on my channel';
    const post = (n: number) => famous(n, { text, similarTo: [] });
    expect(kindsOf(live(engine, post(1)))).toEqual(['influential_voice']);
    expect(live(engine, post(600))).toMatchObject({ alerts: [], influence: [] });
    expect(live(engine, post(90_000)).alerts.map((a) => a.id)).toEqual(['acme:influential_voice:test:90000']);
  });

  it('waits for the watermark: nothing is judged before a tick covers the mention', () => {
    const engine = newEngine();
    const mention = famous(1);
    expect(engine.process(mention, brand, 0)).toEqual({ alerts: [], influence: [], corrections: [] });
    expect(engine.wouldAdvance(mention.ingestedAt)).toBe(false);
    expect(engine.advance(mention.ingestedAt, () => brand, 0).alerts).toEqual([]);
    expect(engine.wouldAdvance(mention.ingestedAt + 1_000)).toBe(true);
    expect(kindsOf(engine.advance(mention.ingestedAt + 1_000, () => brand, 0))).toEqual(['influential_voice']);
  });

  it('ignores spam, copies of other texts, deleted and unknown brands', () => {
    const engine = newEngine();
    expect(live(engine, famous(1, { spamScore: 0.95 }))).toEqual({ alerts: [], influence: [], corrections: [] });
    expect(kindsOf(live(engine, famous(5)))).toContain('influential_voice');
    // The same author's copy counts nowhere; another influential author repeating it is their voice.
    expect(live(engine, famous(6, { isDuplicate: true, duplicateOf: 'test:5' }))).toEqual({ alerts: [], influence: [], corrections: [] });
    expect(kindsOf(live(engine, famous(7, { author: { handle: 'other_star', name: null, followers: 900_000 }, isDuplicate: true, duplicateOf: 'test:5' })))).toEqual(['influential_voice']);
    expect(live(engine, famous(3), { ...brand, deleted: true })).toEqual({ alerts: [], influence: [], corrections: [] });
    // A deleted brand's state goes at the next tick; an unknown brand never gets any.
    expect(engine.brandCount()).toBe(0);
    expect(engine.process(famous(4), undefined, 0)).toEqual({ alerts: [], influence: [], corrections: [] });
    expect(engine.advance(famous(4).ingestedAt + 1_000, () => undefined, 0)).toEqual({ alerts: [], influence: [], corrections: [] });
    expect(engine.brandCount()).toBe(0);
  });

  it('takes the earliest published copy as the original, whichever arrived first', () => {
    const engine = newEngine();
    const early = famous(10, { author: { handle: 'early_star', name: null, followers: 900_000 } });
    const late = famous(20, { author: { handle: 'early_star', name: null, followers: 900_000 }, isDuplicate: false });
    // The enricher read the later one first, so it named that one the original.
    engine.process(late, brand, 0);
    engine.process({ ...early, isDuplicate: true, duplicateOf: late.id }, brand, 0);
    const out = engine.advance(late.ingestedAt + 1_000, () => brand, 0);
    expect(out.alerts.map((a) => a.mentionIds[0])).toEqual(['test:10']);
  });

  it('corrects the enricher where its read-order verdicts differ from event time, and only there', () => {
    const engine = newEngine();
    const text = 'acme rocket skates went through a wall and still roll fine on sand';
    // The enricher read the later copy first: it counted that one and marked the earlier one a copy.
    const early = scored(10, { text, similarTo: [], isDuplicate: true, duplicateOf: 'test:20' });
    const late = scored(20, { text, similarTo: [], isDuplicate: false });
    const linkedEarly = { ...early, similarTo: ['test:20'] };
    // A copy-paste weight the enricher added from copies it read first; before copies it is not spam.
    const weighed = scored(30, { similarTo: [], spamScore: 0.75, spamScoreBeforeCopies: 0.2 });
    // Agreeing verdicts: nothing to correct.
    const plain = scored(40, { similarTo: [] });
    for (const m of [late, linkedEarly, weighed, plain]) engine.process(m, brand, 0);
    const out = engine.advance(plain.ingestedAt + 1_000, () => brand, 0);
    expect(out.corrections.map((c) => [c.mentionId, c.fromKind, c.toKind, c.id])).toEqual([
      ['test:10', 'duplicate', 'counted', 'event_time:acme:test:10'],
      ['test:20', 'counted', 'duplicate', 'event_time:acme:test:20'],
      ['test:30', 'spam', 'counted', 'event_time:acme:test:30'],
    ]);
    const second = out.corrections[1];
    expect(second).toMatchObject({ by: 'event_time', brandId: 'acme', source: late.source, publishedAt: late.publishedAt, ingestedAt: late.ingestedAt, fromSentiment: 'neutral', toSentiment: 'neutral', reason: 'a copy of test:10, published earlier', correctedAt: late.publishedAt });
    // Records without similarTo (older enrichers) keep the enricher's verdicts.
    const old = newEngine();
    old.process({ ...late, similarTo: null }, brand, 0);
    old.process({ ...early, similarTo: null }, brand, 0);
    expect(old.advance(plain.ingestedAt + 1_000, () => brand, 0).corrections).toEqual([]);
  });

  it('returns the author influence for every counted mention', () => {
    const out = live(newEngine(), scored(1, { author: { handle: '@Bea', name: null, followers: 5_000 } }));
    expect(out.influence).toHaveLength(1);
    expect(out.influence[0]).toMatchObject({ brandId: 'acme', source: 'test', handle: 'bea', followers: 5_000, mentions: 1, replies: 0, activeDays: 1 });
  });

  it('judges a late mention by the per-mention detectors, and counts one past the horizon without judging it', () => {
    const engine = newEngine();
    live(engine, scored(10 * 24 * 3_600));
    const hourLate = famous(10 * 24 * 3_600 - 3_600);
    expect(kindsOf(engine.process(hourLate, brand, 0))).toEqual(['influential_voice']);
    const weekLate = famous(1, { author: { handle: 'old_star', name: null, followers: 900_000 } });
    expect(engine.process(weekLate, brand, 0)).toEqual({ alerts: [], influence: [], corrections: [] });
    expect(engine.lateness()).toEqual([{ brandId: 'acme', late: 1, tooLate: 1, pending: 0, watermark: t0 + 10 * 24 * HOUR + 500 }]);
  });

  it('does not believe a publishedAt far past the moment of ingestion', () => {
    const m = scored(1, { publishedAt: Date.UTC(2999, 0, 1), ingestedAt: t0 });
    expect(eventTime(m)).toBe(t0 + 10 * 60_000);
  });

  it('holds a brand being backfilled until its history has arrived, and no other brand', () => {
    const engine = createAmplificationEngine();
    const other = brandFixture('other', { name: 'Other' });
    const brands = new Map([
      ['acme', brand],
      ['other', other],
    ]);
    const loadAt = t0 + 30 * 24 * HOUR;
    // Two days of acme history arriving newest first, while other has live traffic.
    for (let i = 0; i < 48; i += 1) engine.process(scored(i, { publishedAt: loadAt - i * HOUR, ingestedAt: loadAt + i * 100 }), brand, 0);
    engine.process({ ...scored(999, { brandId: 'other', publishedAt: loadAt + 4_000, ingestedAt: loadAt + 4_300 }) }, other, 0);
    engine.advance(loadAt + 10_000, (id) => brands.get(id), 0);
    const byBrand = new Map(engine.lateness().map((l) => [l.brandId, l]));
    expect(byBrand.get('acme')?.pending).toBe(48);
    // other's mention came 300 ms after publication: its watermark trails by that, not the 250 ms floor.
    expect(byBrand.get('other')).toMatchObject({ pending: 0, watermark: loadAt + 9_700 });
    // A minute after the load, the history is judged in event-time order.
    engine.advance(loadAt + 70_000, (id) => brands.get(id), 0);
    expect(new Map(engine.lateness().map((l) => [l.brandId, l])).get('acme')).toMatchObject({ pending: 0, late: 0, watermark: loadAt + 69_750 });
  });

  it("answers a question with a reply from the brand's account, and raises the unanswered ones when their window closes", () => {
    const engine = newEngine();
    const alerts: string[] = [];
    const run = (m: ScoredMention) => alerts.push(...live(engine, m).alerts.map((a) => `${a.kind} ${a.mentionIds.join(',')}`));
    run(scored(1, { text: '@acme is the store open on Sunday?' }));
    run(scored(2, { text: '@acme does the grinder take 220V?', author: { handle: 'asker2', name: null, followers: 10 } }));
    run(scored(60, { text: 'yes, until 6pm', author: { handle: 'acme', name: null, followers: 9_000 }, parentId: '1' }));
    // Time passes: the reply window (15 min) and the window the question fell due in close.
    for (let n = 100; n <= 3_600; n += 100) run(scored(n));
    expect(alerts).toEqual(['unanswered_question test:2']);
  });

  it("takes the brand's canned answers as answers, even when the enricher marks them copies or spam", () => {
    const engine = newEngine();
    const alerts: string[] = [];
    const run = (m: ScoredMention) => alerts.push(...live(engine, m).alerts.map((a) => `${a.kind} ${a.mentionIds.join(',')}`));
    const support = { handle: 'acme', name: null, followers: 9_000 };
    const asker = (n: number) => ({ handle: `asker${n}`, name: null, followers: 10 });
    run(scored(1, { text: '@acme how do I reset the grinder after a move?', author: asker(1) }));
    run(scored(2, { text: '@acme how do I descale the kettle?', author: asker(2) }));
    run(scored(3, { text: '@acme where is my parcel?', author: asker(3) }));
    // The same canned text: the first scored as spam, the second a copy of the first.
    run(scored(40, { text: '@asker1 thanks for asking! Our help centre has a guide: https://acme.example/help', author: support, parentId: '1', spamScore: 0.9 }));
    run(scored(41, { text: '@asker2 thanks for asking! Our help centre has a guide: https://acme.example/help', author: support, parentId: '2', isDuplicate: true, duplicateOf: 'test:40' }));
    for (let n = 100; n <= 3_600; n += 100) run(scored(n));
    expect(alerts).toEqual(['unanswered_question test:3']);
  });

  it('counts replies from other sources by URL toward a post, and raises viral_post and amplification_opportunity in event time', () => {
    const rules = brandFixture('acme', { name: 'Acme', handles: ['acme'], alertThresholds: { ...brand.alertThresholds, viralEngagement: 50, tractionEngagement: 20 } });
    const engine = newEngine();
    const kinds: string[] = [];
    const post = scored(1, {
      text: 'acme saved my morning, lovely people',
      url: 'https://www.blog.example/p/77?utm_medium=rss',
      sentiment: { compound: 0.7, label: 'positive', drivers: [] },
      engagement: { likes: 10, shares: 2, replies: 0 },
    });
    kinds.push(...kindsOf(live(engine, post, rules)));
    // Replies from another source name the post by URL: a few at first, then faster and faster.
    const gaps = [600, 600, 600, 300, 300, 120, 120, 60, 30, 30, 20, 10, 10, ...new Array<number>(60).fill(4)];
    let at = 1;
    for (const [i, gap] of gaps.entries()) {
      at += gap;
      const reply = scored(1_000 + i, { source: 'microblog', id: `microblog:${i}`, publishedAt: t0 + at * 1000, ingestedAt: t0 + at * 1000 + 300, parentId: 'http://blog.example/p/77/', author: { handle: `r${i}`, name: null, followers: 5 } });
      kinds.push(...kindsOf(live(engine, reply, rules)));
    }
    expect(kinds).toEqual(['amplification_opportunity', 'viral_post']);
  });

  it("raises a viral post as critical only when the sentiment worker labelled it negative, as the rollups count it", () => {
    const rules = brandFixture('acme', { name: 'Acme', handles: ['acme'], alertThresholds: { ...brand.alertThresholds, viralEngagement: 50, tractionEngagement: 20 } });
    const severityOf = (sentiment: ScoredMention['sentiment']) => {
      const engine = newEngine();
      const severities: string[] = [];
      const take = (m: ScoredMention) => {
        for (const a of live(engine, m, rules).alerts) if (a.kind === 'viral_post') severities.push(a.severity);
      };
      take(scored(1, { text: 'acme e-bike review, mixed feelings', url: 'https://blog.example/p/9', sentiment, engagement: { likes: 10, shares: 2, replies: 0 } }));
      const gaps = [600, 600, 600, 300, 300, 120, 120, 60, 30, 30, 20, 10, 10, ...new Array<number>(60).fill(4)];
      let at = 1;
      for (const [i, gap] of gaps.entries()) {
        at += gap;
        take(scored(1_000 + i, { id: `blog:r${i}`, publishedAt: t0 + at * 1000, ingestedAt: t0 + at * 1000 + 300, parentId: 'https://blog.example/p/9', author: { handle: `r${i}`, name: null, followers: 5 } }));
      }
      return severities;
    };
    // -0.2 is below VADER's 0.05 line but above the brand-directed label's 0.4: neutral.
    expect(severityOf({ compound: -0.2, label: 'neutral', drivers: [] })).toEqual(['warning']);
    expect(severityOf({ compound: -0.6, label: 'negative', drivers: [] })).toEqual(['critical']);
  });

  it('counts the same short reply from many people toward the post, though the enricher marks them copies', () => {
    const rules = brandFixture('acme', { name: 'Acme', handles: ['acme'], alertThresholds: { ...brand.alertThresholds, viralEngagement: 500, tractionEngagement: 20 } });
    const engine = newEngine();
    const kinds: string[] = [];
    const post = scored(1, { text: 'acme saved my morning, lovely people', sentiment: { compound: 0.7, label: 'positive', drivers: [] }, engagement: { likes: 2, shares: 0, replies: 0 } });
    kinds.push(...kindsOf(live(engine, post, rules)));
    // 25 people reply "Same here!" a minute apart; the enricher marks all but the first a copy.
    for (let i = 0; i < 25; i += 1) {
      const at = 60 * (i + 1);
      const reply = scored(2_000 + i, {
        text: 'Same here!',
        publishedAt: t0 + at * 1000,
        ingestedAt: t0 + at * 1000 + 300,
        parentId: '1',
        author: { handle: `fan${i}`, name: null, followers: 5 },
        isDuplicate: i > 0,
        duplicateOf: i > 0 ? 'test:2000' : null,
      });
      kinds.push(...kindsOf(live(engine, reply, rules)));
    }
    // 2 likes and 25 replies pass the traction bar of 20; the first reply alone would not.
    expect(kinds).toEqual(['amplification_opportunity']);
  });

  it("counts thread replies that do not name the brand toward their post, raises questions asked under the brand's post, and counts none in a window", () => {
    const rules = brandFixture('acme', { name: 'Acme', handles: ['acme'], alertThresholds: { ...brand.alertThresholds, viralEngagement: 500, tractionEngagement: 20 } });
    const engine = newEngine();
    const alerts: string[] = [];
    const run = (m: ScoredMention) => alerts.push(...live(engine, m, rules).alerts.map((a) => `${a.kind} ${a.mentionIds.join(',')}`));
    const thread = { role: 'thread_reply' as const, matchedTerms: [], threadId: 'test:1' };
    run(scored(1, { text: 'acme saved my morning, lovely people', sentiment: { compound: 0.7, label: 'positive', drivers: [] }, engagement: { likes: 2, shares: 0, replies: 0 } }));
    // 25 people answer in the thread without naming the brand; one is a re-send.
    const minute = (i: number) => ({ publishedAt: t0 + 60_000 * (i + 1), ingestedAt: t0 + 60_000 * (i + 1) + 300 });
    for (let i = 0; i < 25; i += 1) {
      run(scored(2_000 + i, { ...thread, ...minute(i), text: `agreed, number ${i}`, parentId: '1', author: { handle: `fan${i}`, name: null, followers: 5 } }));
    }
    run(scored(2_000, { ...thread, ...minute(25), text: 'agreed, number 0', parentId: '1', isDuplicate: true, duplicateOf: 'test:2000' }));
    // The brand posts; a customer asks under it without naming the brand, and nobody answers.
    run(scored(2_100, { text: 'New opening hours from Monday', author: { handle: 'acme', name: null, followers: 9_000 } }));
    run(scored(2_101, { ...thread, threadId: 'test:2100', text: 'does that include Sundays?', parentId: '2100', author: { handle: 'asker', name: null, followers: 10 } }));
    for (let n = 2_200; n <= 6_000; n += 100) run(scored(n));
    expect(alerts).toEqual(['amplification_opportunity test:1', 'unanswered_question test:2101']);
    // The open window holds the mentions made in it, not the three thread replies made in it too.
    for (let n = 6_001; n <= 6_003; n += 1) run(scored(n, { ...thread, threadId: 'test:6000', parentId: '6000' }));
    const windows = Object.values(engine.snapshot().brands.acme?.windows ?? {});
    expect(windows.map((w) => [w.raw, w.mentionIds])).toEqual([[7, ['test:5400', 'test:5500', 'test:5600', 'test:5700', 'test:5800', 'test:5900', 'test:6000']]]);
  });

  it('groups copies by their text in event time: a chain of near-duplicates is one group whichever copy was read first', () => {
    // A is like B (15 of 21 word 3-grams shared), B like C, A not like C (12 of 24): the enricher
    // reading C, A, B pairs B with both, reading A, B, C pairs A-B and B-C; here only the texts count.
    const words = Array.from({ length: 30 }, (_, i) => `acme${String.fromCharCode(97 + (i % 26))}${Math.floor(i / 26)}`);
    const text = (n: number, from: number) => ({ text: words.slice(from, from + 20).join(' '), author: { handle: `writer${n}`, name: null, followers: 10 } });
    const read = (order: 'ABC' | 'CAB') => {
      const a = scored(1, { ...text(1, 0), similarTo: [] });
      const b = scored(2, { ...text(2, 3), similarTo: order === 'ABC' ? ['test:1'] : ['test:3', 'test:1'] });
      const c = scored(3, { ...text(3, 6), similarTo: order === 'ABC' ? ['test:2'] : [] });
      return order === 'ABC' ? [a, b, c] : [c, a, b];
    };
    const counted = (order: 'ABC' | 'CAB') => {
      const engine = newEngine();
      // All three arrive before the watermark passes any (a backfill), in read order.
      for (const m of read(order)) engine.process(m, brand, 0);
      engine.advance(t0 + 10_000, () => brand, 0);
      return Object.values(engine.snapshot().brands.acme?.windows ?? {}).map((w) => [w.raw, w.mentionIds]);
    };
    expect(counted('ABC')).toEqual([[1, ['test:1']]]);
    expect(counted('CAB')).toEqual(counted('ABC'));
  });

  it('finds copies of a flooded text past the enricher\'s caps the same way in every read order', () => {
    // 120 authors post one text with two words of their own; 40 others post texts of their own.
    // The enricher would pair each copy with the 16 copies read just before it; judged in event
    // time, the same copies are counted and the same are copies whatever the read order.
    const flood = 'acme rocket skates are half price today only at the outlet store downtown';
    const mentions = Array.from({ length: 160 }, (_, i) =>
      scored(10 + i, {
        text: i % 4 === 3 ? `acme plain story number ${i} about skates, wheels ${i * 7} and laces ${i * 13} from writer ${i}` : `${flood} says writer${i}`,
        author: { handle: `writer${i}`, name: null, followers: 10 },
        similarTo: [],
      }),
    );
    const verdicts = (arrivals: ScoredMention[]) => {
      const engine = newEngine();
      const outputs = [...arrivals.map((m) => engine.process(m, brand, 0)), engine.advance(t0 + 1_000_000, () => brand, 0)];
      const corrections = outputs.flatMap((out) => out.corrections.map((c) => `${c.mentionId} ${c.toKind}`)).sort();
      return { corrections, influence: outputs.flatMap((out) => out.influence.map((i) => `${i.handle} ${i.mentions}`)).sort() };
    };
    const sorted = verdicts(mentions);
    // The earliest copy and the 40 own texts are counted; the 119 later copies are duplicates.
    expect(sorted.corrections.filter((c) => c.endsWith(' duplicate'))).toHaveLength(119);
    expect(sorted.corrections).toHaveLength(119);
    expect(sorted.corrections.some((c) => c.startsWith('test:10 '))).toBe(false);
    const reversed = verdicts([...mentions].reverse());
    const interleaved = verdicts(mentions.filter((_, i) => i % 2 === 1).concat(mentions.filter((_, i) => i % 2 === 0)));
    expect(reversed).toEqual(sorted);
    expect(interleaved).toEqual(sorted);
  });

  it('weighs copy-paste in event time, and keeps every asker\'s question whichever copy was read first', () => {
    const ask = (n: number, spamScore: number, similarTo: string[]) =>
      scored(n, { text: '@acme where is my refund for order 1234? It has been weeks now', author: { handle: `asker${n}`, name: null, followers: 10 }, spamScore, spamScoreBeforeCopies: 0.3, similarTo });
    // Read newest first, the enricher weighed copy_paste on the oldest (0.9 with 0.3 → 0.93).
    const newestFirst = [ask(4, 0.3, []), ask(3, 0.3, ['test:4']), ask(2, 0.72, ['test:3', 'test:4']), ask(1, 0.93, ['test:2', 'test:3', 'test:4'])];
    const oldestFirst = [ask(1, 0.3, []), ask(2, 0.3, ['test:1']), ask(3, 0.72, ['test:2', 'test:1']), ask(4, 0.825, ['test:3', 'test:2', 'test:1'])];
    const questions = (arrivals: ScoredMention[]) => {
      const engine = newEngine();
      for (const m of arrivals) engine.process(m, brand, 0);
      const alerts = engine.advance(t0 + 10_000, () => brand, 0).alerts;
      // Time passes: the reply window closes, then the window the questions fell due in.
      for (let n = 100; n <= 3_600; n += 100) alerts.push(...live(engine, scored(n)).alerts);
      return alerts.filter((a) => a.kind === 'unanswered_question').flatMap((a) => a.mentionIds);
    };
    // Four people asked; from the third author on the copies weigh as a copy-paste campaign (they
    // no longer count as replies to a post), but each asker's question stays theirs.
    expect(questions(oldestFirst)).toEqual(['test:1', 'test:2', 'test:3', 'test:4']);
    expect(questions(newestFirst)).toEqual(['test:1', 'test:2', 'test:3', 'test:4']);
  });
});
