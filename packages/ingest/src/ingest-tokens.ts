// Bearer tokens for POST /v1/mentions, each scoped to the sources it may send, in the grammar of
// scoped-tokens.ts (only a token's SHA-256 is kept).
//
//   SL_INGEST_TOKENS=partner-blog:blog:<token>,ci:*:sha256:<64 hex>,feeds:rss|mastodon:<token>
//   SL_INGEST_TOKENS_FILE=tokens.yaml   # [{id, sources: [..] or ["*"], tokenSha256 | tokenEnv}]
import { IngestTokenError } from './ingest-token-error.ts';
import { ANY_NAME, checkUniqueTokens, loadScopedTokensFile, parseScopedTokens, parseScopedTokensFile, type ScopedToken, type TokenScopeRules } from './scoped-tokens.ts';

export { MIN_TOKEN_LENGTH, tokenSha256 } from './scoped-tokens.ts';

/** In a token's sources: every source. */
export const ANY_SOURCE = ANY_NAME;

export interface IngestToken {
  /** Names the token in logs, metrics and messages; never the token itself. */
  id: string;
  /** Sources this token may send mentions for; ["*"] for any. */
  sources: readonly string[];
  /** SHA-256 of the token, 32 bytes. */
  sha256: Buffer;
}

export function tokenAllowsSource(token: IngestToken, source: string): boolean {
  return token.sources.includes(ANY_SOURCE) || token.sources.includes(source);
}

const SOURCE_SCOPE: TokenScopeRules = {
  field: 'sources',
  noun: 'source',
  nameLabel: 'a source slug',
  listLabel: 'sources',
  every: 'any',
  pattern: /^[a-z0-9][a-z0-9_-]{0,63}$/,
  sameTokenAdvice: 'give each client its own',
  invalid: (message) => new IngestTokenError('INVALID_INGEST_TOKENS', message),
  unreadable: (message, cause) => new IngestTokenError('INGEST_TOKENS_FILE_UNREADABLE', message, { cause }),
};

const asIngestToken = ({ id, scope, sha256 }: ScopedToken): IngestToken => ({ id, sources: scope, sha256 });

/** Parses `id:source[|source…]:token` entries, comma-separated; the token may be `sha256:<hex>`. */
export function parseIngestTokens(spec: string): IngestToken[] {
  return parseScopedTokens(spec, SOURCE_SCOPE).map(asIngestToken);
}

/** Parses a tokens file (YAML, or JSON, which YAML reads too); tokenEnv is looked up in `env`. */
export function parseIngestTokensFile(text: string, fileName: string, env: NodeJS.ProcessEnv): IngestToken[] {
  return parseScopedTokensFile(text, fileName, env, SOURCE_SCOPE).map(asIngestToken);
}

export function loadIngestTokensFile(path: string, env: NodeJS.ProcessEnv): IngestToken[] {
  return loadScopedTokensFile(path, env, SOURCE_SCOPE).map(asIngestToken);
}

/** The union of token lists, refused when two share an id or a token (which one would it be?). */
export function checkUnique(tokens: IngestToken[]): IngestToken[] {
  return checkUniqueTokens(tokens, SOURCE_SCOPE);
}
