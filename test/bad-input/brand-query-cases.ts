// The bad-input corpus for brand queries and brands files: what a brand manager (or a script, or
// an attacker with write access to the brands file) might paste, and the exact refusal. A query
// is evaluated against every mention, so a hostile one must fail at `sl brands apply`, with its
// code and column, not in the enricher.
import { MAX_QUERY_DEPTH, MAX_QUERY_LENGTH, MAX_QUERY_TERMS } from '@sl/matching';

export interface BrandQueryCase {
  kind: string;
  about: string;
  query: string;
  code: string;
  column: number;
  message: string;
}

const orList = (count: number) => Array.from({ length: count }, (_, n) => `w${n}`).join(' OR ');
// Column of term `n` (1-based) in orList: "w0 OR w1 OR ..." — each earlier term plus " OR ".
const orColumn = (n: number) => Array.from({ length: n - 1 }, (_, k) => `w${k} OR `.length).reduce((a, b) => a + b, 0) + 1;

export const brandQueryCases: BrandQueryCase[] = [
  { kind: 'query.empty', about: 'an empty query', query: '', code: 'EMPTY_QUERY', column: 1, message: 'the query is empty' },
  { kind: 'query.blank', about: 'only spaces and tabs', query: ' \t  ', code: 'EMPTY_QUERY', column: 1, message: 'the query is empty' },
  {
    kind: 'query.unclosed-paren',
    about: 'an opening parenthesis never closed',
    query: '(acme OR globex',
    code: 'UNCLOSED_PARENTHESIS',
    column: 1,
    message: 'the ( at column 1 is never closed',
  },
  {
    kind: 'query.stray-close',
    about: 'a closing parenthesis with no opening one',
    query: 'acme) OR globex',
    code: 'UNEXPECTED_CLOSING_PARENTHESIS',
    column: 5,
    message: 'the ) at column 5 has no matching (',
  },
  {
    kind: 'query.opens-only',
    about: 'a run of opening parentheses',
    query: '((((acme',
    code: 'UNCLOSED_PARENTHESIS',
    column: 4,
    message: 'the ( at column 4 is never closed',
  },
  {
    kind: 'query.empty-group',
    about: 'empty parentheses',
    query: 'acme ()',
    code: 'EMPTY_GROUP',
    column: 6,
    message: 'the parentheses at column 6 are empty',
  },
  {
    kind: 'query.nesting-10k',
    about: '10,000 nested parentheses',
    query: `${'('.repeat(10_000)}acme${')'.repeat(10_000)}`,
    code: 'QUERY_TOO_LONG',
    column: MAX_QUERY_LENGTH + 1,
    message: `the query is 20004 characters long; the limit is ${MAX_QUERY_LENGTH}`,
  },
  {
    kind: 'query.nesting-4k',
    about: '4,000 nested parentheses, short enough to pass the length check',
    query: `${'('.repeat(4_000)}acme${')'.repeat(4_000)}`,
    code: 'QUERY_TOO_DEEP',
    column: MAX_QUERY_DEPTH + 1,
    message: `the ( at column ${MAX_QUERY_DEPTH + 1} is nested more than ${MAX_QUERY_DEPTH} levels deep; write the query flatter`,
  },
  {
    kind: 'query.not-chain',
    about: '2,000 NOTs in a row (each one a level of recursion)',
    query: `${'NOT '.repeat(2_000)}acme`,
    code: 'QUERY_TOO_DEEP',
    column: MAX_QUERY_DEPTH * 4 + 1,
    message: `the NOT at column ${MAX_QUERY_DEPTH * 4 + 1} is nested more than ${MAX_QUERY_DEPTH} levels deep; write the query flatter`,
  },
  {
    kind: 'query.huge-or',
    about: 'an OR list of 100,000 words',
    query: orList(100_000),
    code: 'QUERY_TOO_LONG',
    column: MAX_QUERY_LENGTH + 1,
    message: `the query is ${orList(100_000).length} characters long; the limit is ${MAX_QUERY_LENGTH}`,
  },
  {
    kind: 'query.too-many-terms',
    about: `an OR list of ${MAX_QUERY_TERMS + 1} short words, under the length limit`,
    query: orList(MAX_QUERY_TERMS + 1),
    code: 'TOO_MANY_TERMS',
    column: orColumn(MAX_QUERY_TERMS + 1),
    message: `the query has more than ${MAX_QUERY_TERMS} terms (term ${MAX_QUERY_TERMS + 1} is at column ${orColumn(MAX_QUERY_TERMS + 1)}); split it into several brands or use prefixes (acme*)`,
  },
  {
    kind: 'query.one-long-word',
    about: 'one word of 10,001 letters',
    query: 'a'.repeat(MAX_QUERY_LENGTH + 1),
    code: 'QUERY_TOO_LONG',
    column: MAX_QUERY_LENGTH + 1,
    message: `the query is ${MAX_QUERY_LENGTH + 1} characters long; the limit is ${MAX_QUERY_LENGTH}`,
  },
  {
    kind: 'query.regex-redos',
    about: 'a catastrophic-backtracking regex, (a+)+$ (the language has no regexes to run)',
    query: '(a+)+$',
    code: 'EMPTY_TERM',
    column: 5,
    message: 'the term +$ at column 5 has no letters or digits',
  },
  {
    kind: 'query.regex-dot-star',
    about: 'a regex wildcard, .*',
    query: 'acme .*',
    code: 'EMPTY_TERM',
    column: 6,
    message: 'the term .* at column 6 has no letters or digits',
  },
  {
    kind: 'query.inner-wildcard',
    about: 'a glob with * inside a word',
    query: 'ac*me',
    code: 'BAD_WILDCARD',
    column: 3,
    message: 'ac*me at column 1: * is only allowed at the end of a term',
  },
  {
    kind: 'query.short-prefix',
    about: 'a prefix too short to mean anything',
    query: 'a*',
    code: 'BAD_WILDCARD',
    column: 1,
    message: 'a* at column 1: put at least 3 letters before *, or it matches too many words',
  },
  {
    kind: 'query.only-not',
    about: 'a query that only excludes',
    query: 'NOT acme',
    code: 'ONLY_EXCLUSIONS',
    column: 1,
    message: 'the query only excludes terms; add at least one term that must appear',
  },
  {
    kind: 'query.dangling-or',
    about: 'OR at the end',
    query: 'acme OR',
    code: 'MISSING_TERM',
    column: 6,
    message: 'OR at column 6 needs a term after it, but the query ends',
  },
  {
    kind: 'query.leading-and',
    about: 'AND at the start',
    query: 'AND acme',
    code: 'MISSING_TERM',
    column: 1,
    message: 'AND at column 1 needs a term before it',
  },
  {
    kind: 'query.unclosed-quote',
    about: 'a phrase never closed',
    query: 'acme "widget pro',
    code: 'UNCLOSED_QUOTE',
    column: 6,
    message: 'unclosed quote starting at column 6',
  },
  {
    kind: 'query.empty-phrase',
    about: 'an empty phrase',
    query: 'acme ""',
    code: 'EMPTY_PHRASE',
    column: 6,
    message: 'the phrase "" at column 6 has no letters or digits',
  },
  {
    kind: 'query.site-traversal',
    about: 'a path in place of a domain',
    query: 'acme site:../../etc/passwd',
    code: 'BAD_DOMAIN',
    column: 6,
    message: 'site:../../etc/passwd at column 6: site: needs a domain such as site:acme.com',
  },
  {
    kind: 'query.bad-handle',
    about: 'a handle with punctuation',
    query: 'acme @ac!me',
    code: 'BAD_TERM',
    column: 6,
    message: '@ac!me at column 6 is not a valid handle: use only letters, digits and _',
  },
];

export interface BrandsFileCase {
  kind: string;
  about: string;
  text: string;
  /** The one problem `sl brands apply` reports, as `file:line:column: message`. */
  problem: string | RegExp;
}

const laughs = [
  'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
  ...'bcdefghi'.split('').map((name, i) => `${name}: &${name} [${Array(9).fill(`*${'abcdefgh'[i]}`).join(',')}]`),
].join('\n');

export const brandsFileCases: BrandsFileCase[] = [
  {
    kind: 'brands.billion-laughs',
    about: 'YAML aliases that expand a billion-fold',
    text: laughs,
    problem: 'brands.yaml:1:1: not valid YAML or JSON: Excessive alias count indicates a resource exhaustion attack',
  },
  {
    kind: 'brands.nesting-100k',
    about: '100,000 nested flow sequences',
    text: `${'['.repeat(100_000)}${']'.repeat(100_000)}`,
    problem: /^brands\.yaml:1:\d+: not valid YAML or JSON: nested too deeply to read$/,
  },
  {
    kind: 'brands.proto-key',
    about: 'a __proto__ field in a brand',
    text: '- id: acme\n  name: Acme\n  query: acme\n  __proto__: {polluted: yes}\n',
    problem: 'brands.yaml:4:3: unknown field "__proto__"',
  },
  {
    kind: 'brands.js-tag',
    about: 'a !!js/function tag (executable YAML in other parsers)',
    text: '- !!js/function "function () { return 1 }"\n',
    problem: /^brands\.yaml:1:\d+: \[0\] each brand must be a set of fields \(id, name, query\.\.\.\)$/,
  },
  {
    kind: 'brands.binary',
    about: 'control bytes instead of YAML',
    text: '\u0000\u0001\u0002',
    problem: 'brands.yaml:1:1: a brands file is a list of brands',
  },
  {
    kind: 'brands.deep-query',
    about: 'a query nested past the limit, located in the file',
    text: `- id: acme\n  name: Acme\n  query: "${'('.repeat(40)}acme${')'.repeat(40)}"\n`,
    problem: `brands.yaml:3:${10 + MAX_QUERY_DEPTH + 1}: query: the ( at column ${MAX_QUERY_DEPTH + 1} is nested more than ${MAX_QUERY_DEPTH} levels deep; write the query flatter`,
  },
];
