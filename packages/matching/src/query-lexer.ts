// Splits a query into tokens, each with its 1-based column counted in characters (code points),
// which is what a person counts when an error message says "column 12".
import { QueryError } from './query-error.ts';

export type QueryTokenKind = 'open' | 'close' | 'and' | 'or' | 'not' | 'minus' | 'phrase' | 'term';

export interface QueryToken {
  kind: QueryTokenKind;
  /** The token's text: for a phrase, what is between the quotes. */
  text: string;
  /** As written, quotes included. */
  source: string;
  column: number;
}

const KEYWORDS: Record<string, QueryTokenKind> = { AND: 'and', OR: 'or', NOT: 'not' };
const ENDS_TERM = new Set(['(', ')', '"']);

export function lexQuery(query: string): QueryToken[] {
  const chars = Array.from(query);
  const tokens: QueryToken[] = [];
  let i = 0;
  while (i < chars.length) {
    const char = chars[i] as string;
    const column = i + 1;
    if (/\s/u.test(char)) {
      i++;
    } else if (char === '(' || char === ')') {
      tokens.push({ kind: char === '(' ? 'open' : 'close', text: char, source: char, column });
      i++;
    } else if (char === '"') {
      const close = chars.indexOf('"', i + 1);
      if (close === -1) throw new QueryError('UNCLOSED_QUOTE', column, `unclosed quote starting at column ${column}`);
      const text = chars.slice(i + 1, close).join('');
      tokens.push({ kind: 'phrase', text, source: `"${text}"`, column });
      i = close + 1;
    } else if (char === '-' && i + 1 < chars.length && !/\s/u.test(chars[i + 1] as string)) {
      // `-acme` excludes, like NOT acme; a `-` inside a term (`e-commerce`) is part of it.
      tokens.push({ kind: 'minus', text: '-', source: '-', column });
      i++;
    } else {
      let end = i;
      while (end < chars.length && !/\s/u.test(chars[end] as string) && !ENDS_TERM.has(chars[end] as string)) end++;
      const text = chars.slice(i, end).join('');
      tokens.push({ kind: KEYWORDS[text] ?? 'term', text, source: text, column });
      i = end;
    }
  }
  return tokens;
}
