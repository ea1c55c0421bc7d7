import { describe, expect, it } from 'vitest';
import { compileQuery, type MatchDocument, parseQuery, tokenizeDocument } from '../src/index.ts';

const match = (query: string, doc: MatchDocument | string) =>
  compileQuery(parseQuery(query))(typeof doc === 'string' ? { text: doc } : doc);
const matches = (query: string, doc: MatchDocument | string) => match(query, doc).matched;

describe('compileQuery', () => {
  it('applies precedence and NOT scope when matching', () => {
    expect(matches('a OR b c', 'a')).toBe(true);
    expect(matches('a OR b c', 'b')).toBe(false);
    expect(matches('a OR b c', 'c b')).toBe(true);
    expect(matches('acme -jobs', 'acme is hiring, see jobs')).toBe(false);
    expect(matches('acme -jobs', 'acme is great')).toBe(true);
    expect(matches('NOT jobs acme OR globex', 'globex jobs')).toBe(true);
  });

  it('reports the terms of satisfied, non-negated branches, in query order, once each', () => {
    expect(match('(acme OR globex) widget -recall', 'Globex widget beats the acme one, acme!')).toEqual({
      matched: true,
      terms: ['acme', 'globex', 'widget'],
    });
    expect(match('(acme gadget) OR globex', 'acme and globex')).toEqual({ matched: true, terms: ['globex'] });
    expect(match('acme -recall', 'acme recall')).toEqual({ matched: false, terms: [] });
  });

  it('respects word boundaries, with a trailing * for prefixes', () => {
    expect(matches('acme', 'welcome to Acmeville')).toBe(false);
    expect(matches('acme*', 'welcome to Acmeville')).toBe(true);
    expect(matches('acme', "Acme's new store")).toBe(true);
    expect(matches('acme', 'acme_fan wrote')).toBe(true);
  });

  it('folds case and accents on both sides', () => {
    expect(matches('cafe', 'Best CAFÉ in town')).toBe(true);
    expect(matches('Café', 'best cafe in town')).toBe(true);
    expect(matches('strasse', 'Hauptstraße 1')).toBe(false);
    expect(matches('hauptstrasse', 'Hauptstraße 1')).toBe(true);
    expect(matches('"crème brûlée"', 'CREME BRULEE!!')).toBe(true);
  });

  it('matches phrases across commas, hyphens and apostrophes but not across sentence ends', () => {
    expect(matches('"acme widget"', 'the Acme-Widget is here')).toBe(true);
    expect(matches('"acme widget"', 'acme, widget, whatever')).toBe(true);
    expect(matches('"acme widget"', 'I left Acme. Widget makers pay more')).toBe(false);
    expect(matches('"acme widget"', 'acme gadget widget')).toBe(false);
    expect(matches('"acme widget"', { text: 'widget review', title: 'Acme' })).toBe(false);
  });

  it('matches #hashtags only as hashtags, while a bare term also matches the hashtag word', () => {
    expect(matches('#acme', 'Love it #Acme')).toBe(true);
    expect(matches('#acme', 'Love acme')).toBe(false);
    expect(matches('acme', 'Love it #Acme')).toBe(true);
    expect(matches('acme', 'Love it #AcmeFans')).toBe(false);
    expect(matches('#acme*', 'Love it #AcmeFans')).toBe(true);
    expect(matches('#acme', 'issue#acme')).toBe(false);
  });

  it('matches @handles, including fediverse handles, given ones, and not e-mail addresses', () => {
    expect(matches('@acme', 'thanks @ACME for the help')).toBe(true);
    expect(matches('@acme', 'thanks @acme@mastodon.social')).toBe(true);
    expect(matches('@acme@mastodon.social', 'thanks @acme@mastodon.social')).toBe(true);
    expect(matches('@acme@mastodon.social', 'thanks @acme@other.example')).toBe(false);
    expect(matches('@acme', 'mail support@acme.com')).toBe(false);
    expect(matches('@acme', { text: 'thanks!', handles: ['@Acme'] })).toBe(true);
    expect(matches('acme', 'thanks @acme')).toBe(true);
  });

  it('matches site: against links, bare domains and the mention url, subdomains included', () => {
    expect(matches('site:acme.com', 'see https://shop.acme.com/deal?x=1')).toBe(true);
    expect(matches('site:acme.com', 'down again: acme.com')).toBe(true);
    expect(matches('site:acme.com', 'see https://notacme.com/')).toBe(false);
    expect(matches('site:acme.com', { text: 'a post', url: 'https://blog.acme.com/p/1' })).toBe(true);
    expect(matches('acme', 'see https://shop.acme.com/deal')).toBe(false);
  });

  it('handles emoji and non-Latin scripts without crashing', () => {
    expect(matches('acme', '🔥🔥 acme 🔥 👩‍👩‍👧')).toBe(true);
    expect(matches('星巴克', '我喜欢星巴克的咖啡')).toBe(true);
    expect(matches('"скидки acme"', 'Большие СКИДКИ ACME сегодня')).toBe(true);
    expect(matches('ёлка', 'Елка')).toBe(true);
    expect(matches('مرحبا', 'مرحبا acme')).toBe(true);
    expect(matches('acme', '\u0000\uD800 lone surrogate acme')).toBe(true);
    expect(matches('acme', '')).toBe(false);
  });

  it('evaluates many queries against one tokenized document', () => {
    const doc = tokenizeDocument({ text: 'Acme vs Globex: which widget?' });
    const results = ['acme', 'globex', 'initech'].map((q) => compileQuery(parseQuery(q))(doc).matched);
    expect(results).toEqual([true, true, false]);
  });
});
