// Who may open the dashboard, and which brands each may see. The grammar is the ingest gateway's
// (SL_INGEST_TOKENS), scoped to brands instead of sources; only a token's SHA-256 is kept: the
// configuration may hold the digest alone, and a token read from the environment is hashed as
// soon as it is read.
//
//   SL_DASHBOARD_TOKENS=acme-team:acme|acme-eu:<token>,ops:*:sha256:<64 hex>
//   SL_DASHBOARD_TOKENS_FILE=tokens.yaml   # [{id, brands: [..] or ["*"], tokenSha256 | tokenEnv}]
import { createHash, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { BRAND_ID } from '@sl/brands';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { DashboardTokenError } from './dashboard-token-error.ts';

/** In a token's brands: every brand. */
export const ANY_BRAND = '*';
/** Shortest token accepted in plain text (a digest is always 32 bytes). */
export const MIN_TOKEN_LENGTH = 16;

const TOKEN_ID = /^[a-z0-9][a-z0-9_.-]{0,63}$/;
// RFC 6750's b64token: what may follow "Bearer " in a header.
const TOKEN_CHARS = /^[A-Za-z0-9._~+/-]+=*$/;
const SHA256_HEX = /^[0-9a-fA-F]{64}$/;
const ENV_NAME = /^[A-Z_][A-Z0-9_]{0,127}$/;

export interface DashboardToken {
  /** Names the token in logs and messages; never the token itself. */
  id: string;
  /** Brands this token may see; ["*"] for all. */
  brands: readonly string[];
  /** SHA-256 of the token, 32 bytes. */
  sha256: Buffer;
}

export function tokenSha256(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}

export function tokenAllowsBrand(token: DashboardToken, brandId: string): boolean {
  return token.brands.includes(ANY_BRAND) || token.brands.includes(brandId);
}

/**
 * The token whose digest matches, compared in constant time against every configured digest,
 * match or not, so the time taken says nothing about which token came close.
 */
export function findToken(tokens: readonly DashboardToken[], presented: string): DashboardToken | undefined {
  const digest = tokenSha256(presented);
  let found: DashboardToken | undefined;
  for (const token of tokens) {
    if (timingSafeEqual(digest, token.sha256) && found === undefined) found = token;
  }
  return found;
}

const invalid = (message: string) => new DashboardTokenError('INVALID_DASHBOARD_TOKENS', message);

function checkBrands(brands: readonly string[], where: string): void {
  if (brands.length === 0) throw invalid(`${where}: list at least one brand, or * for all`);
  for (const brand of brands) {
    if (brand !== ANY_BRAND && !BRAND_ID.test(brand)) throw invalid(`${where}: "${brand}" is not a brand id (or * for all)`);
  }
  if (brands.includes(ANY_BRAND) && brands.length > 1) throw invalid(`${where}: * already means every brand; list it alone`);
}

function plainTokenDigest(token: string, where: string): Buffer {
  if (token.length < MIN_TOKEN_LENGTH) throw invalid(`${where}: the token must be at least ${MIN_TOKEN_LENGTH} characters`);
  if (!TOKEN_CHARS.test(token)) throw invalid(`${where}: the token may hold only letters, digits and - . _ ~ + / (then =), as a bearer token must`);
  return tokenSha256(token);
}

/** Parses `id:brand[|brand…]:token` entries, comma-separated; the token may be `sha256:<hex>`. */
export function parseDashboardTokens(spec: string): DashboardToken[] {
  const tokens: DashboardToken[] = [];
  const entries = spec
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  entries.forEach((entry, index) => {
    const first = entry.indexOf(':');
    const second = first === -1 ? -1 : entry.indexOf(':', first + 1);
    // The entry holds a token: name it by position and id, never echo it.
    if (second === -1) throw invalid(`entry ${index + 1} must be id:brand[|brand…]:token`);
    const id = entry.slice(0, first);
    const where = `entry ${index + 1} ("${id}")`;
    if (!TOKEN_ID.test(id)) throw invalid(`entry ${index + 1}: "${id}" is not a token id (lower-case letters, digits, . _ -)`);
    const brands = entry.slice(first + 1, second).split('|');
    checkBrands(brands, where);
    const secret = entry.slice(second + 1);
    let sha256: Buffer;
    if (secret.startsWith('sha256:')) {
      const hex = secret.slice('sha256:'.length);
      if (!SHA256_HEX.test(hex)) throw invalid(`${where}: sha256: must be followed by 64 hex digits`);
      sha256 = Buffer.from(hex, 'hex');
    } else {
      sha256 = plainTokenDigest(secret, where);
    }
    tokens.push({ id, brands, sha256 });
  });
  return checkUnique(tokens);
}

const fileEntrySchema = z
  .strictObject(
    {
      id: z.string({ error: 'must be text' }).regex(TOKEN_ID, { error: 'must be a token id (lower-case letters, digits, . _ -)' }),
      brands: z.array(z.string({ error: 'must be text' }), { error: 'must be a list of brand ids, or ["*"]' }),
      tokenSha256: z.string({ error: 'must be text' }).regex(SHA256_HEX, { error: 'must be 64 hex digits (the SHA-256 of the token)' }).optional(),
      tokenEnv: z.string({ error: 'must be text' }).regex(ENV_NAME, { error: 'must name an environment variable (A-Z, 0-9, _)' }).optional(),
    },
    { error: 'each token must be a set of fields (id, brands, tokenSha256 or tokenEnv)' },
  )
  .refine((entry) => (entry.tokenSha256 === undefined) !== (entry.tokenEnv === undefined), { error: 'give exactly one of tokenSha256 and tokenEnv' });

const fileSchema = z.array(fileEntrySchema, { error: 'a tokens file is a list of tokens' });

/** Parses a tokens file (YAML, or JSON, which YAML reads too); tokenEnv is looked up in `env`. */
export function parseDashboardTokensFile(text: string, fileName: string, env: NodeJS.ProcessEnv): DashboardToken[] {
  let data: unknown;
  try {
    data = parseYaml(text);
  } catch (error) {
    throw invalid(`${fileName}: not valid YAML or JSON: ${(error as Error).message.split('\n')[0]}`);
  }
  const parsed = fileSchema.safeParse(data ?? []);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const at = (issue?.path ?? []).map((key) => (typeof key === 'number' ? `[${key}]` : `.${String(key)}`)).join('');
    const message =
      issue?.code === 'unrecognized_keys' ? `unknown field "${issue.keys.join('", "')}" (a token sits in the environment, named by tokenEnv)` : issue?.message;
    throw invalid(`${fileName}: ${at ? `${at.replace(/^\./, '')} ` : ''}${message ?? 'is not a tokens file'}`);
  }
  const tokens = parsed.data.map((entry, index): DashboardToken => {
    const where = `${fileName}: [${index}] ("${entry.id}")`;
    checkBrands(entry.brands, where);
    if (entry.tokenSha256 !== undefined) return { id: entry.id, brands: entry.brands, sha256: Buffer.from(entry.tokenSha256, 'hex') };
    const name = entry.tokenEnv as string;
    const token = env[name];
    if (token === undefined || token === '') throw invalid(`${where}: tokenEnv names ${name}, which is not set`);
    return { id: entry.id, brands: entry.brands, sha256: plainTokenDigest(token, where) };
  });
  return checkUnique(tokens);
}

export function loadDashboardTokensFile(file: string, env: NodeJS.ProcessEnv): DashboardToken[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (cause) {
    throw new DashboardTokenError('DASHBOARD_TOKENS_FILE_UNREADABLE', `cannot read the tokens file: ${(cause as Error).message}`, { cause });
  }
  return parseDashboardTokensFile(text, file, env);
}

/** The union of token lists, refused when two share an id or a token (which one would it be?). */
export function checkUnique(tokens: DashboardToken[]): DashboardToken[] {
  const ids = new Set<string>();
  const digests = new Map<string, string>();
  for (const token of tokens) {
    if (ids.has(token.id)) throw invalid(`token id "${token.id}" is used twice`);
    ids.add(token.id);
    const digest = token.sha256.toString('hex');
    const other = digests.get(digest);
    if (other !== undefined) throw invalid(`tokens "${other}" and "${token.id}" are the same token; give each person or script its own`);
    digests.set(digest, token.id);
  }
  return tokens;
}
