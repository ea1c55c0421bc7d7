import { describe, expect, it } from 'vitest';
import { scoreSentiment } from '../src/index.ts';

function terms(text: string): string[] {
  return scoreSentiment(text).drivers.map((d) => d.term);
}

describe('scoreSentiment', () => {
  it('scores plain praise and complaint with the word as driver', () => {
    expect(scoreSentiment('The food is good')).toEqual({
      compound: 0.4404,
      label: 'positive',
      drivers: [{ term: 'good', weight: 0.4404 }],
    });
    expect(scoreSentiment('The food is terrible').label).toBe('negative');
  });

  it('negates within the clause, and a negated negative is faint praise', () => {
    expect(scoreSentiment('The food is not good')).toMatchObject({ label: 'negative', drivers: [{ term: 'not good' }] });
    expect(scoreSentiment('The food is not bad')).toMatchObject({ label: 'positive', drivers: [{ term: 'not bad' }] });
    expect(scoreSentiment("I don't think this is good at all")).toMatchObject({
      label: 'negative',
      drivers: [{ term: "don't think this is good" }],
    });
    expect(scoreSentiment("doesn't work")).toMatchObject({ label: 'negative', drivers: [{ term: "doesn't work" }] });
    expect(scoreSentiment('doesnt work, dont buy').label).toBe('negative');
    expect(scoreSentiment('no complaints').label).toBe('positive');
    expect(scoreSentiment('nothing but love')).toMatchObject({ label: 'positive', drivers: [{ term: 'love' }] });
  });

  it('stops negation at a clause break', () => {
    expect(scoreSentiment('not again, great job').label).toBe('positive');
  });

  it('intensifiers raise and dampeners lower the magnitude', () => {
    const plain = scoreSentiment('good').compound;
    expect(scoreSentiment('very good').compound).toBeGreaterThan(plain);
    expect(scoreSentiment('extremely good').compound).toBeGreaterThan(scoreSentiment('very good').compound);
    expect(scoreSentiment('somewhat good').compound).toBeLessThan(plain);
    expect(scoreSentiment('kinda good').compound).toBeGreaterThan(0);
    expect(terms('very good')).toEqual(['very good']);
  });

  it('weighs the clause after "but" over the one before, and concedes "although" clauses', () => {
    expect(scoreSentiment('The screen is great but the battery is awful').label).toBe('negative');
    expect(scoreSentiment('The screen is awful but the battery is great').label).toBe('positive');
    expect(scoreSentiment('Although the screen is great, the battery is awful').label).toBe('negative');
    expect(scoreSentiment('Although shipping was slow, the quality is excellent').label).toBe('positive');
    expect(terms('The screen is great but the battery is awful')).toEqual(['awful', 'great']);
  });

  it('treats capitals and repeated exclamation marks as emphasis', () => {
    expect(scoreSentiment('GOOD service').compound).toBeGreaterThan(scoreSentiment('good service').compound);
    expect(scoreSentiment('good!!!').compound).toBeGreaterThan(scoreSentiment('good').compound);
    expect(terms('good!!!')).toEqual(['good', '!!!']);
    // A post all in capitals is not emphasis word by word.
    expect(scoreSentiment('GOOD SERVICE').compound).toBe(scoreSentiment('good service').compound);
  });

  it('reads elongated words', () => {
    expect(scoreSentiment('sooo goood')).toMatchObject({ label: 'positive', drivers: [{ term: 'sooo goood' }] });
    expect(scoreSentiment('this is sooooo bad').label).toBe('negative');
    expect(scoreSentiment('sooo goood').compound).toBeGreaterThan(scoreSentiment('so good').compound);
  });

  it('scores emoji and emoticons', () => {
    expect(scoreSentiment('😍')).toMatchObject({ label: 'positive', drivers: [{ term: '😍' }] });
    expect(scoreSentiment('😡').label).toBe('negative');
    expect(scoreSentiment('❤️❤️')).toMatchObject({ label: 'positive', drivers: [{ term: '❤️' }] });
    expect(scoreSentiment('thanks :)').label).toBe('positive');
    expect(scoreSentiment('missed my flight :(')).toMatchObject({ label: 'negative' });
    expect(terms('missed my flight :(')).toContain(':(');
  });

  it('knows slang and common misspellings', () => {
    expect(scoreSentiment('this slaps')).toMatchObject({ label: 'positive', drivers: [{ term: 'slaps' }] });
    expect(scoreSentiment('gr8 service')).toMatchObject({ label: 'positive', drivers: [{ term: 'gr8' }] });
    expect(scoreSentiment('terible food')).toMatchObject({ label: 'negative', drivers: [{ term: 'terible' }] });
    expect(scoreSentiment('so dissapointed').label).toBe('negative');
    expect(scoreSentiment('the update is trash tbh').label).toBe('negative');
  });

  it('scores hashtags, split when camel-cased or run together', () => {
    expect(scoreSentiment('#fail')).toMatchObject({ label: 'negative', drivers: [{ term: '#fail' }] });
    expect(scoreSentiment('on hold for an hour #epicfail').drivers.map((d) => d.term)).toContain('#epicfail');
    expect(scoreSentiment('#love').label).toBe('positive');
    expect(scoreSentiment('#NeverAgain')).toMatchObject({ label: 'negative', drivers: [{ term: '#NeverAgain' }] });
    expect(scoreSentiment('#happycustomer')).toMatchObject({ label: 'positive', drivers: [{ term: '#happycustomer' }] });
    expect(scoreSentiment('#SoAnnoyed').label).toBe('negative');
    expect(scoreSentiment('#saturday #devops')).toEqual({ compound: 0, label: 'neutral', drivers: [] });
  });

  it('does not take praise asked about in a question as praise, but keeps complaints', () => {
    expect(scoreSentiment('Is it any good?')).toEqual({ compound: 0, label: 'neutral', drivers: [] });
    expect(scoreSentiment('Is it worth upgrading?').label).toBe('neutral');
    expect(scoreSentiment('Why is it so bad?')).toMatchObject({ label: 'negative', drivers: [{ term: 'so bad' }] });
  });

  it('is neutral with no drivers for posts that are only links and handles', () => {
    const neutral = { compound: 0, label: 'neutral', drivers: [] };
    expect(scoreSentiment('https://t.co/abc')).toEqual(neutral);
    expect(scoreSentiment('@acme @globex')).toEqual(neutral);
    expect(scoreSentiment('@acme https://t.co/abc123')).toEqual(neutral);
    expect(scoreSentiment('RT @acmenews: https://acme.com/blog/launch')).toEqual(neutral);
    expect(scoreSentiment('')).toEqual(neutral);
  });

  it('reads a link as a link, not as the words in it', () => {
    expect(scoreSentiment('see http://bad.example/awful-terrible')).toEqual({ compound: 0, label: 'neutral', drivers: [] });
  });

  it('keeps the polarity after "never ... such/so" and reads closing thanks after complaints as sarcasm', () => {
    expect(scoreSentiment('Have never had such poor customer service at Acme before!')).toEqual({
      compound: -0.5562,
      label: 'negative',
      drivers: [
        { term: 'such poor', weight: -0.4935 },
        { term: '!', weight: -0.0627 },
      ],
    });
    expect(scoreSentiment('I updated and lost every photo on my phone... thanks Acme').drivers).toEqual([
      { term: 'thanks', weight: -0.3782 },
      { term: 'lost', weight: -0.2588 },
    ]);
    expect(scoreSentiment('thanks Acme, fixed in minutes').label).toBe('positive');
    expect(scoreSentiment('Initech printer software crashed again during the TPS reports. Great.').drivers).toEqual([
      { term: 'Great', weight: -0.509 },
      { term: 'crashed', weight: -0.2627 },
    ]);
    // Praise closing a post that was not a complaint stays praise.
    expect(scoreSentiment('The printer arrived on Monday. Great.').label).toBe('positive');
  });

  it('takes praise after a wish, a hope, an "if" or "would be" as asked for, not given', () => {
    expect(scoreSentiment('It would be great if Acme fixed sync').drivers).toEqual([{ term: 'great', weight: 0.1962 }]);
    expect(scoreSentiment('I hope Acme adds dark mode').drivers).toEqual([{ term: 'hope', weight: 0.1217 }]);
    expect(scoreSentiment('I would recommend Acme').drivers).toEqual([{ term: 'recommend', weight: 0.3612 }]);
  });

  it('knows products that fail: tags ending in "fail", things that will not connect', () => {
    expect(scoreSentiment('Acme keynote was a mess #launchfail').drivers).toEqual([
      { term: '#launchfail', weight: -0.4211 },
      { term: 'a mess', weight: -0.3369 },
    ]);
    expect(scoreSentiment("my phone won't connect to Acme wifi")).toEqual({
      compound: -0.4215,
      label: 'negative',
      drivers: [{ term: "won't connect", weight: -0.4215 }],
    });
  });

  it('does not let a long post saturate: past three sentences it scores like an average three', () => {
    const one = 'Day 1 of the trip was good.';
    const twelve = Array.from({ length: 12 }, (_, i) => `Day ${i + 1} of the trip was good.`).join(' ');
    const three = Array.from({ length: 3 }, (_, i) => `Day ${i + 1} of the trip was good.`).join(' ');
    expect(scoreSentiment(one).compound).toBe(0.4404);
    expect(scoreSentiment(twelve).compound).toBe(scoreSentiment(three).compound);
    expect(scoreSentiment(twelve).compound).toBe(0.8271);
  });

  it('reads ratings and fixed phrases', () => {
    expect(scoreSentiment('10/10 would buy again').label).toBe('positive');
    expect(scoreSentiment('2/10 would not buy again').label).toBe('negative');
    expect(scoreSentiment('Stopped working after two weeks. Total waste of money.').label).toBe('negative');
    expect(scoreSentiment('open 24/7').label).toBe('neutral');
  });

  it('keeps compound in [-1, 1], drivers strongest first, summing to compound', () => {
    const s = scoreSentiment('LOVE LOVE this!!! best. day. ever 😍😍 but the queue was awful');
    expect(Math.abs(s.compound)).toBeLessThanOrEqual(1);
    const weights = s.drivers.map((d) => Math.abs(d.weight));
    expect(weights).toEqual([...weights].sort((x, y) => y - x));
    const all = scoreSentiment('great food, awful service, lovely view', { maxDrivers: 10 });
    const sum = all.drivers.reduce((acc, d) => acc + d.weight, 0);
    expect(Math.abs(sum - all.compound)).toBeLessThan(0.001);
    expect(scoreSentiment('great food, awful service, lovely view', { maxDrivers: 1 }).drivers).toHaveLength(1);
  });

  it('is deterministic and independent of what was scored before', () => {
    const text = 'The camera is great but the battery dies in 3 hours #fail';
    const first = scoreSentiment(text);
    scoreSentiment('a much longer text '.repeat(100));
    scoreSentiment('😍😍 :) LOVE');
    expect(scoreSentiment(text)).toEqual(first);
  });

  it('applies the neutral threshold option', () => {
    expect(scoreSentiment('fine', { neutralThreshold: 0.5 }).label).toBe('neutral');
    expect(() => scoreSentiment('fine', { neutralThreshold: 2 })).toThrow(RangeError);
  });
});
