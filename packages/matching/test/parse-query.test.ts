import { describe, expect, it } from 'vitest';
import { isQueryError, parseQuery, type QueryNode } from '../src/index.ts';

const term = (word: string, column: number) => ({ kind: 'words', words: [word], prefix: false, source: word, column });

function errorOf(query: string): { code: string; column: number; message: string } {
  try {
    parseQuery(query);
  } catch (error) {
    if (!isQueryError(error)) throw error;
    return { code: error.code, column: error.column, message: error.message };
  }
  throw new Error(`expected ${query} to fail`);
}

describe('parseQuery', () => {
  it('binds AND (written or implied) tighter than OR: a OR b c = a OR (b AND c)', () => {
    const implied = parseQuery('a OR b c');
    expect(implied).toEqual({ kind: 'or', children: [term('a', 1), { kind: 'and', children: [term('b', 6), term('c', 8)] }] });
    expect(parseQuery('a OR b AND c')).toEqual({
      kind: 'or',
      children: [term('a', 1), { kind: 'and', children: [term('b', 6), term('c', 12)] }],
    });
  });

  it('scopes NOT and - to the next item only', () => {
    expect(parseQuery('NOT a b')).toEqual({ kind: 'and', children: [{ kind: 'not', child: term('a', 5) }, term('b', 7)] });
    expect(parseQuery('b -a')).toEqual({ kind: 'and', children: [term('b', 1), { kind: 'not', child: term('a', 4) }] });
    expect(parseQuery('b -(a OR c)')).toEqual({
      kind: 'and',
      children: [term('b', 1), { kind: 'not', child: { kind: 'or', children: [term('a', 5), term('c', 10)] } }],
    });
  });

  it('treats a hyphen inside a term as part of it (a phrase of its words), and lower-case and/or as words', () => {
    expect(parseQuery('e-commerce')).toEqual({ kind: 'words', words: ['e', 'commerce'], prefix: false, source: 'e-commerce', column: 1 });
    expect(parseQuery('rock and roll')).toEqual({ kind: 'and', children: [term('rock', 1), term('and', 6), term('roll', 10)] });
  });

  it('parses phrases, hashtags, handles, sites and prefixes, folded', () => {
    const node = parseQuery('"Café Acme" #Acme @Acme_Support site:https://www.Acme.com/shop acme*') as QueryNode & { kind: 'and' };
    expect(node.children).toEqual([
      { kind: 'words', words: ['cafe', 'acme'], prefix: false, source: '"Café Acme"', column: 1 },
      { kind: 'hashtag', tag: 'acme', prefix: false, source: '#Acme', column: 13 },
      { kind: 'handle', handle: 'acme_support', prefix: false, source: '@Acme_Support', column: 19 },
      { kind: 'site', domain: 'www.acme.com', source: 'site:https://www.Acme.com/shop', column: 33 },
      { kind: 'words', words: ['acme'], prefix: true, source: 'acme*', column: 64 },
    ]);
  });

  it.each([
    ['acme OR "acme widget', 'UNCLOSED_QUOTE', 9, 'unclosed quote starting at column 9'],
    ['(acme OR globex', 'UNCLOSED_PARENTHESIS', 1, 'the ( at column 1 is never closed'],
    ['acme)', 'UNEXPECTED_CLOSING_PARENTHESIS', 5, 'the ) at column 5 has no matching ('],
    ['acme OR', 'MISSING_TERM', 6, 'OR at column 6 needs a term after it, but the query ends'],
    ['acme AND OR b', 'MISSING_TERM', 6, 'AND at column 6 needs a term after it, but found OR'],
    ['OR acme', 'MISSING_TERM', 1, 'OR at column 1 needs a term before it'],
    ['acme ()', 'EMPTY_GROUP', 6, 'the parentheses at column 6 are empty'],
    ['  ', 'EMPTY_QUERY', 1, 'the query is empty'],
    ['acme ""', 'EMPTY_PHRASE', 6, 'the phrase "" at column 6 has no letters or digits'],
    ['acme # b', 'EMPTY_TERM', 6, '# at column 6 is a hashtag with no name'],
    ['#acme-fans', 'BAD_TERM', 1, '#acme-fans at column 1 is not a valid hashtag: use only letters, digits and _'],
    ['ac*', 'BAD_WILDCARD', 1, 'ac* at column 1: put at least 3 letters before *, or it matches too many words'],
    ['x a*b', 'BAD_WILDCARD', 4, 'a*b at column 3: * is only allowed at the end of a term'],
    ['site:nothing', 'BAD_DOMAIN', 1, 'site:nothing at column 1: site: needs a domain such as site:acme.com'],
    ['NOT acme', 'ONLY_EXCLUSIONS', 1, 'the query only excludes terms; add at least one term that must appear'],
    ['-acme OR -globex', 'ONLY_EXCLUSIONS', 1, 'the query only excludes terms; add at least one term that must appear'],
  ])('rejects %s with %s at column %i', (query, code, column, message) => {
    expect(errorOf(query)).toEqual({ code, column, message });
  });

  it('counts columns in characters, not UTF-16 units', () => {
    expect(errorOf('🎉 café "open')).toEqual({ code: 'UNCLOSED_QUOTE', column: 8, message: 'unclosed quote starting at column 8' });
  });
});
