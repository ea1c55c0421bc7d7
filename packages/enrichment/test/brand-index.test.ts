import { compileQuery, parseQuery, tokenizeDocument } from '@sl/matching';
import { describe, expect, it } from 'vitest';
import { benchBrands, benchTexts } from '../../matching/bench/bench-corpus.ts';
import { createEnricher } from '../src/index.ts';
import { brand, mention } from './fixtures.ts';

describe('createEnricher brand index', () => {
  it('emits the same brands and terms as evaluating every brand, on generated mentions', () => {
    const brands = benchBrands(100);
    const enricher = createEnricher({ brands: brands.map(({ id, query }) => brand(id, query)) });
    const sorted = [...brands].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const matchers = sorted.map(({ id, query }) => ({ id, match: compileQuery(parseQuery(query)) }));
    let records = 0;
    benchTexts(3000, brands, 4).forEach((text, i) => {
      const doc = tokenizeDocument({ text });
      const expected = matchers.flatMap(({ id, match }) => {
        const result = match(doc);
        return result.matched ? [[id, result.terms]] : [];
      });
      const got = enricher.enrich(mention(String(i), text)).map((record) => [record.brandId, record.matchedTerms]);
      expect(got).toEqual(expected);
      records += got.length;
    });
    expect(records).toBeGreaterThan(1000);
  });
});
