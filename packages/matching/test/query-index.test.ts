import { describe, expect, it } from 'vitest';
import { benchBrands, benchTexts, seededRandom } from '../bench/bench-corpus.ts';
import { compileQuery, type MatchDocument, parseQuery, QueryIndex, type QueryNode, tokenizeDocument } from '../src/index.ts';

type Query = string | QueryNode;
const tree = (query: Query) => (typeof query === 'string' ? parseQuery(query) : query);
/** The queries whose matcher says yes, found by evaluating every one. */
const matchAll = (queries: readonly Query[], doc: MatchDocument) => {
  const tokenized = tokenizeDocument(doc);
  return queries.flatMap((query, i) => (compileQuery(tree(query))(tokenized).matched ? [i] : []));
};
/** The same, evaluating only the index's candidates. */
const matchIndexed = (queries: readonly Query[], doc: MatchDocument) => {
  const tokenized = tokenizeDocument(doc);
  const index = new QueryIndex(queries.map(tree));
  return index.candidates(tokenized).filter((i) => compileQuery(tree(queries[i] as Query))(tokenized).matched);
};
const word = (text: string, column = 1): QueryNode => ({ kind: 'words', words: [text], prefix: false, source: text, column });

describe('QueryIndex', () => {
  it('lists only the queries a document could match, ascending', () => {
    const index = new QueryIndex(['globex', 'acme', 'initech OR acme'].map((q) => parseQuery(q)));
    expect(index.candidates(tokenizeDocument({ text: 'Acme and Initech' }))).toEqual([1, 2]);
    expect(index.candidates(tokenizeDocument({ text: 'nothing here' }))).toEqual([]);
    expect(new QueryIndex([]).candidates(tokenizeDocument({ text: 'acme' }))).toEqual([]);
  });

  it('always lists a query that can match with none of its terms present (only NOT terms in a branch)', () => {
    // parseQuery rejects such queries (ONLY_EXCLUSIONS), but a hand-built tree must still be right.
    const onlyNot: QueryNode = { kind: 'not', child: word('hiring') };
    const notOrAcme: QueryNode = { kind: 'or', children: [onlyNot, word('acme', 16)] };
    const queries: Query[] = [onlyNot, notOrAcme, 'globex'];
    const index = new QueryIndex(queries.map(tree));
    expect(index.candidates(tokenizeDocument({ text: 'a text about nothing' }))).toEqual([0, 1]);
    for (const doc of [{ text: 'a text about nothing' }, { text: 'hiring at globex' }, { text: 'hiring at acme' }]) {
      expect(matchIndexed(queries, doc)).toEqual(matchAll(queries, doc));
    }
    expect(matchIndexed(queries, { text: 'a text about nothing' })).toEqual([0, 1]);
    expect(matchIndexed(queries, { text: 'hiring at globex' })).toEqual([2]);
    expect(matchIndexed(queries, { text: 'hiring at acme' })).toEqual([1]);
  });

  it('indexes a prefix shorter than its key by listing the query always', () => {
    const short: QueryNode = { kind: 'words', words: ['ac'], prefix: true, source: 'ac*', column: 1 };
    expect(matchIndexed([short, 'globex'], { text: 'acme rocks' })).toEqual([0]);
  });

  it('finds a query through one branch of an AND and ignores its NOT terms', () => {
    const queries = ['acme AND widget -recall', 'NOT (NOT acme) globex'];
    expect(matchIndexed(queries, { text: 'the acme widget' })).toEqual([0]);
    expect(matchIndexed(queries, { text: 'the acme widget recall' })).toEqual([]);
    expect(matchIndexed(queries, { text: 'acme and globex' })).toEqual([1]);
  });

  it('finds prefix terms, phrases, hashtags, handles and sites', () => {
    const queries = [
      'acmeapp*',
      'acme-wid*',
      '#acme*',
      '@acme*',
      'site:acme.com',
      '@acme@mastodon.social',
      '星巴克',
      'e-commerce',
      '#ab_c',
    ];
    const cases: Array<[MatchDocument, number[]]> = [
      [{ text: 'try AcmeApps today' }, [0]],
      [{ text: 'the acme widgets' }, [1]],
      [{ text: 'love #AcmeFans' }, [2]],
      [{ text: 'thanks @acme_support' }, [3]],
      [{ text: 'thanks @acme@mastodon.social' }, [3, 5]],
      [{ text: 'a post', url: 'https://blog.shop.acme.com/p/1' }, [4]],
      [{ text: 'down again: acme.com' }, [4]],
      [{ text: 'see https://notacme.com/' }, []],
      [{ text: '我喜欢星巴克的咖啡' }, [6]],
      [{ text: 'E-Commerce rules' }, [7]],
      [{ text: 'thanks!', handles: ['@AcmeCorp'] }, [3]],
      [{ text: 'tagged #AB_C' }, [8]],
      [{ text: 'acm ac acmeap' }, []],
    ];
    for (const [doc, expected] of cases) {
      expect(matchAll(queries, doc)).toEqual(expected);
      expect(matchIndexed(queries, doc)).toEqual(expected);
    }
  });

  it('gives the same matches as evaluating every query, on generated mentions', () => {
    const brands = benchBrands(100);
    const queries = [
      ...brands.map((brand) => brand.query),
      'globex -hiring',
      'the love*',
      '"great service" OR #cafe*',
      'site:www.com',
      '@acme* OR ete',
    ];
    const index = new QueryIndex(queries.map((query) => parseQuery(query)));
    const matchers = queries.map((query) => compileQuery(parseQuery(query)));
    const random = seededRandom(5);
    const names = brands.map((brand) => brand.name);
    let matches = 0;
    for (const text of benchTexts(3000, brands, 9)) {
      const doc = tokenizeDocument({
        text,
        title: random() < 0.2 ? `news on ${names[Math.floor(random() * names.length)]}` : null,
        url: random() < 0.2 ? `https://www.${names[Math.floor(random() * names.length)]}.com/x` : null,
      });
      const all = matchers.flatMap((matcher, i) => (matcher(doc).matched ? [i] : []));
      const candidates = index.candidates(doc);
      expect(candidates).toEqual([...candidates].sort((a, b) => a - b));
      expect(candidates.filter((i) => (matchers[i] as (typeof matchers)[number])(doc).matched)).toEqual(all);
      matches += all.length;
    }
    // Enough matches for the comparison to mean something.
    expect(matches).toBeGreaterThan(3000);
  });
});
