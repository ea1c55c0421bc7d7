import { describe, expect, it } from 'vitest';
import { type SentimentTarget, scoreSentiment, scoreTowardTargets } from '../src/index.ts';

const targets: SentimentTarget[] = [
  { id: 'acme', terms: ['Acme', 'Acme Corp'] },
  { id: 'globex', terms: ['Globex'] },
];

function labels(text: string): Record<string, string> {
  return Object.fromEntries(scoreTowardTargets(text, targets).map((r) => [r.id, r.sentiment.label]));
}

describe('scoreTowardTargets', () => {
  it('gives the new brand of a switch the praise and the old one the opposite', () => {
    expect(labels('switched from Globex to Acme, night and day')).toEqual({ acme: 'positive', globex: 'negative' });
    expect(labels('ditched Globex for Acme')).toEqual({ acme: 'positive', globex: 'negative' });
    expect(labels('Globex -> Acme, big mistake')).toEqual({ acme: 'negative', globex: 'positive' });
  });

  it('reads comparisons', () => {
    expect(labels('Acme is better than Globex')).toEqual({ acme: 'positive', globex: 'negative' });
    expect(labels('Acme is not better than Globex')).toEqual({ acme: 'negative', globex: 'positive' });
    expect(labels('Acme is way worse than Globex')).toEqual({ acme: 'negative', globex: 'positive' });
    expect(labels('Acme > Globex')).toEqual({ acme: 'positive', globex: 'negative' });
    expect(labels('I prefer Globex over Acme')).toEqual({ acme: 'negative', globex: 'positive' });
  });

  it('gives each brand the clauses and sentences about it', () => {
    expect(labels('Acme support is awesome. Globex never replied.')).toEqual({ acme: 'positive', globex: 'negative' });
    expect(labels('I love Acme. Their support is amazing. Globex is terrible though')).toEqual({ acme: 'positive', globex: 'negative' });
    expect(labels('@acme you guys rock, unlike #globex which sucks')).toEqual({ acme: 'positive', globex: 'negative' });
    const [acme] = scoreTowardTargets('I love Acme. Their support is amazing. Globex is terrible though', targets);
    expect(acme?.sentiment.drivers.map((d) => d.term)).toEqual(['love', 'amazing', 'support']);
  });

  it('gives a lone brand the overall score and marks the others as not mentioned', () => {
    const text = 'Acme Corp support fixed it in minutes, thank you!';
    const [acme, globex] = scoreTowardTargets(text, targets);
    expect(acme).toEqual({ id: 'acme', mentioned: true, sentiment: scoreSentiment(text) });
    expect(globex?.mentioned).toBe(false);
  });

  it('returns one result per target, in order, for texts naming none of them', () => {
    const results = scoreTowardTargets('love this phone', targets);
    expect(results.map((r) => [r.id, r.mentioned, r.sentiment.label])).toEqual([
      ['acme', false, 'positive'],
      ['globex', false, 'positive'],
    ]);
  });

  it('in a long post, counts only the sentences that name the brand or refer back to it', () => {
    const klout = [{ id: 'klout', terms: ['Klout'] }];
    const intro =
      'I spent the weekend comparing social tools and it was a great, fun, wonderful experience. The dashboards were beautiful and the team was lovely. Everyone was helpful and kind, and the venue was perfect. ';
    const outro = ' The coffee was excellent too. I would happily do it again next year.';
    const low = `${intro}His Klout score is low compared to many others.${outro}`;
    expect(scoreSentiment(low).compound).toBe(0.9481);
    expect(scoreTowardTargets(low, klout)[0]?.sentiment).toEqual({
      compound: -0.2732,
      label: 'neutral',
      drivers: [{ term: 'low', weight: -0.2732 }],
    });
    const crashing = `${intro}Klout keeps crashing on my phone. It loses my settings every day.${outro}`;
    expect(scoreTowardTargets(crashing, klout)[0]?.sentiment).toEqual({
      compound: -0.6249,
      label: 'negative',
      drivers: [
        { term: 'crashing', weight: -0.3628 },
        { term: 'loses', weight: -0.2621 },
      ],
    });
  });

  it('keeps news, links and questions that name a brand neutral toward it', () => {
    const acme = [{ id: 'acme', terms: ['Acme'] }];
    const news = 'Acme reports a strong quarter http://t.co/AbC123';
    expect(scoreSentiment(news).label).toBe('positive');
    expect(scoreTowardTargets(news, acme)[0]?.sentiment).toEqual({
      compound: 0.2846,
      label: 'neutral',
      drivers: [{ term: 'strong', weight: 0.2846 }],
    });
    // A personal voice makes it an opinion again.
    expect(scoreTowardTargets('I love that Acme reports a strong quarter http://t.co/AbC123', acme)[0]?.sentiment.label).toBe('positive');
    expect(scoreTowardTargets('Is the new Acme phone any good?', acme)[0]?.sentiment).toEqual({
      compound: 0,
      label: 'neutral',
      drivers: [],
    });
  });

  it('reads a long post with no personal voice as a report: its words count half toward the brand', () => {
    const acme = [{ id: 'acme', terms: ['Acme'] }];
    const report =
      'Acme announced a new line of anvils on Tuesday, with a better warranty than the old range. The company said the anvils will ship to stores in March and replace the older models. Analysts expect the launch to lift sales in the spring quarter, after a quiet winter for the whole industry.';
    expect(scoreTowardTargets(report, acme)[0]?.sentiment).toEqual({
      compound: 0.2382,
      label: 'neutral',
      drivers: [{ term: 'better', weight: 0.2382 }],
    });
    const voiced = report.replace('Analysts expect', 'We at the shop expect');
    expect(scoreTowardTargets(voiced, acme)[0]?.sentiment).toEqual({
      compound: 0.4404,
      label: 'positive',
      drivers: [{ term: 'better', weight: 0.4404 }],
    });
  });

  it('labels toward a brand at |compound| >= targetThreshold', () => {
    const acme = [{ id: 'acme', terms: ['Acme'] }];
    expect(scoreTowardTargets('Acme is ok', acme)[0]?.sentiment).toEqual({
      compound: 0.128,
      label: 'neutral',
      drivers: [{ term: 'ok', weight: 0.128 }],
    });
    expect(scoreTowardTargets('Acme is ok', acme, { targetThreshold: 0.1 })[0]?.sentiment.label).toBe('positive');
    expect(scoreTowardTargets('Acme is good', acme)[0]?.sentiment.label).toBe('positive');
    expect(() => scoreTowardTargets('Acme is ok', acme, { targetThreshold: 1 })).toThrow(
      new RangeError('targetThreshold must be in [0, 1): 1'),
    );
  });

  it('is deterministic', () => {
    const text = 'switched from Globex to Acme, night and day';
    expect(scoreTowardTargets(text, targets)).toEqual(scoreTowardTargets(text, targets));
  });
});
