// Turns one term as written (`acme*`, `#acme`, `@acme`, `site:acme.com`, `"acme widget"`) into
// a leaf of the query tree, checking it on the way.
import type { LeafNode } from './query-ast.ts';
import { QueryError } from './query-error.ts';
import type { QueryToken } from './query-lexer.ts';
import { foldText } from './text-fold.ts';
import { hostOf } from './tokenize-document.ts';
import { splitWords } from './word-split.ts';

/** `ac*` would match far too much; a prefix needs at least this many characters. */
export const MIN_PREFIX_LENGTH = 3;

const TAG_BODY = /^[\p{L}\p{N}\p{M}_]+$/u;
const HANDLE_BODY = /^[\p{L}\p{N}_](?:[\p{L}\p{N}_.-]*[\p{L}\p{N}_])?(?:@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+)?$/u;
const DOMAIN = /^[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?(?:\.[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?)+$/u;

export function leafFromToken(token: QueryToken): LeafNode {
  const { column, source } = token;
  if (token.kind === 'phrase') {
    const words = splitWords(foldText(token.text));
    if (words.length === 0)
      throw new QueryError('EMPTY_PHRASE', column, `the phrase ${source} at column ${column} has no letters or digits`);
    return { kind: 'words', words, prefix: false, source, column };
  }
  const text = token.text;
  if (text.toLowerCase().startsWith('site:')) return siteLeaf(text.slice('site:'.length), source, column);

  const star = text.indexOf('*');
  const prefix = star !== -1;
  if (prefix && star !== text.length - 1) {
    throw new QueryError('BAD_WILDCARD', column + star, `${source} at column ${column}: * is only allowed at the end of a term`);
  }
  const body = prefix ? text.slice(0, -1) : text;
  const sigil = body[0];
  if (sigil === '#' || sigil === '@') {
    const folded = foldText(body.slice(1));
    const valid = sigil === '#' ? TAG_BODY : HANDLE_BODY;
    const what = sigil === '#' ? 'hashtag' : 'handle';
    if (folded === '') throw new QueryError('EMPTY_TERM', column, `${source} at column ${column} is a ${what} with no name`);
    if (!valid.test(folded)) {
      throw new QueryError('BAD_TERM', column, `${source} at column ${column} is not a valid ${what}: use only letters, digits and _`);
    }
    checkPrefixLength(folded, prefix, source, column);
    return sigil === '#'
      ? { kind: 'hashtag', tag: folded, prefix, source, column }
      : { kind: 'handle', handle: folded, prefix, source, column };
  }

  const words = splitWords(foldText(body));
  const last = words[words.length - 1];
  if (last === undefined) throw new QueryError('EMPTY_TERM', column, `the term ${source} at column ${column} has no letters or digits`);
  checkPrefixLength(last, prefix, source, column);
  return { kind: 'words', words, prefix, source, column };
}

function checkPrefixLength(stem: string, prefix: boolean, source: string, column: number): void {
  if (prefix && Array.from(stem).length < MIN_PREFIX_LENGTH) {
    throw new QueryError(
      'BAD_WILDCARD',
      column,
      `${source} at column ${column}: put at least ${MIN_PREFIX_LENGTH} letters before *, or it matches too many words`,
    );
  }
}

function siteLeaf(target: string, source: string, column: number): LeafNode {
  const domain = target === '' ? null : hostOf(target);
  if (domain === null || !DOMAIN.test(domain)) {
    throw new QueryError('BAD_DOMAIN', column, `${source} at column ${column}: site: needs a domain such as site:acme.com`);
  }
  return { kind: 'site', domain, source, column };
}
