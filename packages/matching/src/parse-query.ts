// Recursive descent over the tokens. Precedence, loosest first: OR, then AND (written or implied
// by putting terms side by side), then NOT / `-`. So `a OR b c` is `a OR (b AND c)` and
// `NOT a b` is `(NOT a) AND b`. Operators are upper-case words; lower-case `and`/`or` are terms.
import type { AndNode, OrNode, QueryNode } from './query-ast.ts';
import { QueryError } from './query-error.ts';
import { leafFromToken } from './query-leaf.ts';
import { lexQuery, type QueryToken } from './query-lexer.ts';
import { MAX_QUERY_DEPTH, MAX_QUERY_LENGTH, MAX_QUERY_TERMS } from './query-limits.ts';

const STARTS_OPERAND = new Set(['open', 'not', 'minus', 'phrase', 'term']);

class QueryParser {
  private position = 0;
  /** Parentheses and NOTs open around the token being parsed; bounded so recursion is too. */
  private depth = 0;
  private readonly tokens: QueryToken[];
  private readonly endColumn: number;

  constructor(tokens: QueryToken[], endColumn: number) {
    this.tokens = tokens;
    this.endColumn = endColumn;
  }

  parse(): QueryNode {
    if (this.tokens.length === 0) throw new QueryError('EMPTY_QUERY', 1, 'the query is empty');
    const node = this.parseOr();
    const extra = this.peek();
    if (extra !== undefined) {
      // parseOr stops only at `)` or the end, so what is left is an unmatched `)`.
      throw new QueryError('UNEXPECTED_CLOSING_PARENTHESIS', extra.column, `the ) at column ${extra.column} has no matching (`);
    }
    if (!canMatchAlone(node)) {
      throw new QueryError('ONLY_EXCLUSIONS', 1, 'the query only excludes terms; add at least one term that must appear');
    }
    return node;
  }

  private parseOr(): QueryNode {
    const children = [this.parseAnd()];
    for (let token = this.peek(); token?.kind === 'or'; token = this.peek()) {
      this.position++;
      this.requireOperandAfter(token);
      children.push(this.parseAnd());
    }
    return combine('or', children);
  }

  private parseAnd(): QueryNode {
    const children = [this.parseUnary()];
    for (let token = this.peek(); token !== undefined; token = this.peek()) {
      if (token.kind === 'and') {
        this.position++;
        this.requireOperandAfter(token);
      } else if (!STARTS_OPERAND.has(token.kind)) {
        break;
      }
      children.push(this.parseUnary());
    }
    return combine('and', children);
  }

  private parseUnary(): QueryNode {
    const token = this.peek();
    if (token?.kind === 'not' || token?.kind === 'minus') {
      this.position++;
      this.requireOperandAfter(token);
      if (token.kind === 'minus') return { kind: 'not', child: this.parsePrimary() };
      this.enter(token);
      const child = this.parseUnary();
      this.depth--;
      return { kind: 'not', child };
    }
    return this.parsePrimary();
  }

  private parsePrimary(): QueryNode {
    const token = this.next();
    switch (token.kind) {
      case 'open': {
        const close = this.peek();
        if (close === undefined)
          throw new QueryError('UNCLOSED_PARENTHESIS', token.column, `the ( at column ${token.column} is never closed`);
        if (close.kind === 'close')
          throw new QueryError('EMPTY_GROUP', token.column, `the parentheses at column ${token.column} are empty`);
        this.enter(token);
        const inner = this.parseOr();
        if (this.peek()?.kind !== 'close') {
          throw new QueryError('UNCLOSED_PARENTHESIS', token.column, `the ( at column ${token.column} is never closed`);
        }
        this.position++;
        this.depth--;
        return inner;
      }
      case 'close':
        throw new QueryError('UNEXPECTED_CLOSING_PARENTHESIS', token.column, `the ) at column ${token.column} has no matching (`);
      case 'and':
      case 'or':
        throw new QueryError('MISSING_TERM', token.column, `${token.text} at column ${token.column} needs a term before it`);
      default:
        return leafFromToken(token);
    }
  }

  private enter(token: QueryToken): void {
    this.depth++;
    if (this.depth > MAX_QUERY_DEPTH) {
      throw new QueryError(
        'QUERY_TOO_DEEP',
        token.column,
        `the ${token.text} at column ${token.column} is nested more than ${MAX_QUERY_DEPTH} levels deep; write the query flatter`,
      );
    }
  }

  private requireOperandAfter(operator: QueryToken): void {
    const next = this.peek();
    if (next === undefined || !STARTS_OPERAND.has(next.kind)) {
      const what = operator.kind === 'minus' ? '-' : operator.text;
      const where = next === undefined ? 'the query ends' : `found ${next.source}`;
      throw new QueryError('MISSING_TERM', operator.column, `${what} at column ${operator.column} needs a term after it, but ${where}`);
    }
  }

  private peek(): QueryToken | undefined {
    return this.tokens[this.position];
  }

  private next(): QueryToken {
    const token = this.tokens[this.position++];
    if (token === undefined) throw new QueryError('MISSING_TERM', this.endColumn, 'the query ends where a term was expected');
    return token;
  }
}

function combine(kind: 'and' | 'or', children: QueryNode[]): QueryNode {
  if (children.length === 1) return children[0] as QueryNode;
  // Flatten (a AND b) AND c into one AND: same meaning, shallower evaluation.
  const flat: QueryNode[] = children.flatMap((child) => (child.kind === kind ? (child as AndNode | OrNode).children : [child]));
  return { kind, children: flat };
}

/** False when the query could match a mention that contains none of its terms. */
function canMatchAlone(node: QueryNode): boolean {
  switch (node.kind) {
    case 'not':
      return false;
    case 'and':
      return node.children.some(canMatchAlone);
    case 'or':
      return node.children.every(canMatchAlone);
    default:
      return true;
  }
}

/** Parses a brand query; throws a QueryError (code, 1-based column, readable message). */
export function parseQuery(query: string): QueryNode {
  // Code points never outnumber UTF-16 units, so only a long string needs counting.
  const length = query.length > MAX_QUERY_LENGTH ? Array.from(query).length : query.length;
  if (length > MAX_QUERY_LENGTH) {
    throw new QueryError('QUERY_TOO_LONG', MAX_QUERY_LENGTH + 1, `the query is ${length} characters long; the limit is ${MAX_QUERY_LENGTH}`);
  }
  const tokens = lexQuery(query);
  let terms = 0;
  for (const token of tokens) {
    if (token.kind !== 'term' && token.kind !== 'phrase') continue;
    terms++;
    if (terms > MAX_QUERY_TERMS) {
      throw new QueryError(
        'TOO_MANY_TERMS',
        token.column,
        `the query has more than ${MAX_QUERY_TERMS} terms (term ${terms} is at column ${token.column}); split it into several brands or use prefixes (acme*)`,
      );
    }
  }
  return new QueryParser(tokens, length + 1).parse();
}
