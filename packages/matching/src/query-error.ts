// Errors raised when a brand query cannot be parsed. They are the brand manager's to fix, so the
// message names the place (1-based column, counted in characters) in plain words; `code` is stable
// for tools, and retrying never helps.

export type QueryErrorCode =
  /** Nothing but spaces. */
  | 'EMPTY_QUERY'
  /** A `"` with no closing `"`. */
  | 'UNCLOSED_QUOTE'
  /** `""` or a phrase with no letters or digits. */
  | 'EMPTY_PHRASE'
  /** `(` with no matching `)`. */
  | 'UNCLOSED_PARENTHESIS'
  /** `)` with no matching `(`. */
  | 'UNEXPECTED_CLOSING_PARENTHESIS'
  /** `()`. */
  | 'EMPTY_GROUP'
  /** AND, OR or NOT with nothing (or another operator) where a term should be. */
  | 'MISSING_TERM'
  /** A term with no letters or digits (`#`, `@`, `!!!`). */
  | 'EMPTY_TERM'
  /** `*` anywhere but at the end of a term, or after fewer than MIN_PREFIX_LENGTH characters. */
  | 'BAD_WILDCARD'
  /** `site:` followed by something that is not a domain. */
  | 'BAD_DOMAIN'
  /** A #hashtag or @handle with characters such tags cannot hold. */
  | 'BAD_TERM'
  /** A query that only excludes (`NOT acme`) would match almost everything. */
  | 'ONLY_EXCLUSIONS'
  /** Longer than MAX_QUERY_LENGTH characters. */
  | 'QUERY_TOO_LONG'
  /** Parentheses or NOTs nested deeper than MAX_QUERY_DEPTH. */
  | 'QUERY_TOO_DEEP'
  /** More than MAX_QUERY_TERMS terms. */
  | 'TOO_MANY_TERMS';

const queryErrorBrand = Symbol.for('@sl/matching.QueryError');

export class QueryError extends Error {
  readonly code: QueryErrorCode;
  /** 1-based column (in characters) where the problem starts. */
  readonly column: number;
  readonly retriable = false as const;
  readonly [queryErrorBrand] = true;

  constructor(code: QueryErrorCode, column: number, message: string) {
    super(message);
    this.name = 'QueryError';
    this.code = code;
    this.column = column;
  }
}

export function isQueryError(error: unknown): error is QueryError {
  return typeof error === 'object' && error !== null && (error as Record<symbol, unknown>)[queryErrorBrand] === true;
}
