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

  it('is deterministic', () => {
    const text = 'switched from Globex to Acme, night and day';
    expect(scoreTowardTargets(text, targets)).toEqual(scoreTowardTargets(text, targets));
  });
});
