// Who may open the dashboard, and which brands each may see. The grammar is the ingest gateway's
// (SL_INGEST_TOKENS, `scoped-tokens.ts` in @sl/ingest), scoped to brands instead of sources; only
// a token's SHA-256 is kept.
//
//   SL_DASHBOARD_TOKENS=acme-team:acme|acme-eu:<token>,ops:*:sha256:<64 hex>
//   SL_DASHBOARD_TOKENS_FILE=tokens.yaml   # [{id, brands: [..] or ["*"], tokenSha256 | tokenEnv}]
import { BRAND_ID } from '@sl/brands';
import { ANY_NAME, checkUniqueTokens, loadScopedTokensFile, parseScopedTokens, parseScopedTokensFile, type ScopedToken, type TokenScopeRules } from '@sl/ingest';
import { DashboardTokenError } from './dashboard-token-error.ts';

export { findToken, MIN_TOKEN_LENGTH, tokenSha256 } from '@sl/ingest';

/** In a token's brands: every brand. */
export const ANY_BRAND = ANY_NAME;

export interface DashboardToken {
  /** Names the token in logs and messages; never the token itself. */
  id: string;
  /** Brands this token may see; ["*"] for all. */
  brands: readonly string[];
  /** SHA-256 of the token, 32 bytes. */
  sha256: Buffer;
}

export function tokenAllowsBrand(token: DashboardToken, brandId: string): boolean {
  return token.brands.includes(ANY_BRAND) || token.brands.includes(brandId);
}

const BRAND_SCOPE: TokenScopeRules = {
  field: 'brands',
  noun: 'brand',
  nameLabel: 'a brand id',
  listLabel: 'brand ids',
  every: 'all',
  pattern: BRAND_ID,
  sameTokenAdvice: 'give each person or script its own',
  invalid: (message) => new DashboardTokenError('INVALID_DASHBOARD_TOKENS', message),
  unreadable: (message, cause) => new DashboardTokenError('DASHBOARD_TOKENS_FILE_UNREADABLE', message, { cause }),
};

const asDashboardToken = ({ id, scope, sha256 }: ScopedToken): DashboardToken => ({ id, brands: scope, sha256 });

/** Parses `id:brand[|brand…]:token` entries, comma-separated; the token may be `sha256:<hex>`. */
export function parseDashboardTokens(spec: string): DashboardToken[] {
  return parseScopedTokens(spec, BRAND_SCOPE).map(asDashboardToken);
}

/** Parses a tokens file (YAML, or JSON, which YAML reads too); tokenEnv is looked up in `env`. */
export function parseDashboardTokensFile(text: string, fileName: string, env: NodeJS.ProcessEnv): DashboardToken[] {
  return parseScopedTokensFile(text, fileName, env, BRAND_SCOPE).map(asDashboardToken);
}

export function loadDashboardTokensFile(file: string, env: NodeJS.ProcessEnv): DashboardToken[] {
  return loadScopedTokensFile(file, env, BRAND_SCOPE).map(asDashboardToken);
}

/** The union of token lists, refused when two share an id or a token (which one would it be?). */
export function checkUnique(tokens: DashboardToken[]): DashboardToken[] {
  return checkUniqueTokens(tokens, BRAND_SCOPE);
}
