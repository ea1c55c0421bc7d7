// The grammar of bearer tokens scoped to a list of names, shared by the ingest gateway (tokens
// scoped to sources, SL_INGEST_TOKENS) and the dashboard (scoped to brands, SL_DASHBOARD_TOKENS).
// Only a token's SHA-256 is kept: the configuration may hold the digest alone (a file under
// version control, a secret store), and a token read from the environment is hashed as soon as it
// is read. Messages name an entry by position and id, never the token itself.
//
//   <id>:<name>[|<name>…]:<token>        or   <id>:*:sha256:<64 hex>
//   tokens file: [{id, <scope field>: [..] or ["*"], tokenSha256 | tokenEnv}]
import { createHash, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';

/** In a token's scope: every name. */
export const ANY_NAME = '*';
/** Shortest token accepted in plain text (a digest is always 32 bytes). */
export const MIN_TOKEN_LENGTH = 16;

const TOKEN_ID = /^[a-z0-9][a-z0-9_.-]{0,63}$/;
// RFC 6750's b64token: what may follow "Bearer " in a header (so no ",", ":" or spaces either).
const TOKEN_CHARS = /^[A-Za-z0-9._~+/-]+=*$/;
const SHA256_HEX = /^[0-9a-fA-F]{64}$/;
const ENV_NAME = /^[A-Z_][A-Z0-9_]{0,127}$/;

export interface ScopedToken {
  /** Names the token in logs, metrics and messages; never the token itself. */
  id: string;
  /** The names it may act on; ["*"] for all. */
  scope: readonly string[];
  /** SHA-256 of the token, 32 bytes. */
  sha256: Buffer;
}

/** What a kind of scope is called and looks like, and the errors its configuration raises. */
export interface TokenScopeRules {
  /** The tokens file's field holding the scope: "sources", "brands". */
  field: string;
  /** One name, as messages say it: "source", "brand". */
  noun: string;
  /** What a valid name is: "a source slug", "a brand id". */
  nameLabel: string;
  /** What the file's field must hold: "sources", "brand ids". */
  listLabel: string;
  /** What "*" stands for in messages: "any", "all". */
  every: string;
  pattern: RegExp;
  /** Said when two entries hold the same token: "give each client its own". */
  sameTokenAdvice: string;
  invalid(message: string): Error;
  unreadable(message: string, cause: unknown): Error;
}

export function tokenSha256(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}

/**
 * The token whose digest matches, compared in constant time against every configured digest,
 * match or not, so the time taken says nothing about which token came close.
 */
export function findToken<T extends { sha256: Buffer }>(tokens: readonly T[], presented: string): T | undefined {
  const digest = tokenSha256(presented);
  let found: T | undefined;
  for (const token of tokens) {
    if (timingSafeEqual(digest, token.sha256) && found === undefined) found = token;
  }
  return found;
}

function checkScope(scope: readonly string[], where: string, rules: TokenScopeRules): void {
  if (scope.length === 0) throw rules.invalid(`${where}: list at least one ${rules.noun}, or * for ${rules.every}`);
  for (const name of scope) {
    if (name !== ANY_NAME && !rules.pattern.test(name)) throw rules.invalid(`${where}: "${name}" is not ${rules.nameLabel} (or * for ${rules.every})`);
  }
  if (scope.includes(ANY_NAME) && scope.length > 1) throw rules.invalid(`${where}: * already means every ${rules.noun}; list it alone`);
}

function plainTokenDigest(token: string, where: string, rules: TokenScopeRules): Buffer {
  if (token.length < MIN_TOKEN_LENGTH) throw rules.invalid(`${where}: the token must be at least ${MIN_TOKEN_LENGTH} characters`);
  if (!TOKEN_CHARS.test(token)) throw rules.invalid(`${where}: the token may hold only letters, digits and - . _ ~ + / (then =), as a bearer token must`);
  return tokenSha256(token);
}

/** Parses `id:name[|name…]:token` entries, comma-separated; the token may be `sha256:<hex>`. */
export function parseScopedTokens(spec: string, rules: TokenScopeRules): ScopedToken[] {
  const tokens: ScopedToken[] = [];
  const entries = spec
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  entries.forEach((entry, index) => {
    const first = entry.indexOf(':');
    const second = first === -1 ? -1 : entry.indexOf(':', first + 1);
    // The entry holds a token: name it by position and id, never echo it.
    if (second === -1) throw rules.invalid(`entry ${index + 1} must be id:${rules.noun}[|${rules.noun}…]:token`);
    const id = entry.slice(0, first);
    const where = `entry ${index + 1} ("${id}")`;
    if (!TOKEN_ID.test(id)) throw rules.invalid(`entry ${index + 1}: "${id}" is not a token id (lower-case letters, digits, . _ -)`);
    const scope = entry.slice(first + 1, second).split('|');
    checkScope(scope, where, rules);
    const secret = entry.slice(second + 1);
    let sha256: Buffer;
    if (secret.startsWith('sha256:')) {
      const hex = secret.slice('sha256:'.length);
      if (!SHA256_HEX.test(hex)) throw rules.invalid(`${where}: sha256: must be followed by 64 hex digits`);
      sha256 = Buffer.from(hex, 'hex');
    } else {
      sha256 = plainTokenDigest(secret, where, rules);
    }
    tokens.push({ id, scope, sha256 });
  });
  return checkUniqueTokens(tokens, rules);
}

interface FileEntry {
  id: string;
  scope: string[];
  tokenSha256?: string;
  tokenEnv?: string;
}

function fileSchema(rules: TokenScopeRules) {
  const entry = z
    .strictObject(
      {
        id: z.string({ error: 'must be text' }).regex(TOKEN_ID, { error: 'must be a token id (lower-case letters, digits, . _ -)' }),
        [rules.field]: z.array(z.string({ error: 'must be text' }), { error: `must be a list of ${rules.listLabel}, or ["*"]` }),
        tokenSha256: z.string({ error: 'must be text' }).regex(SHA256_HEX, { error: 'must be 64 hex digits (the SHA-256 of the token)' }).optional(),
        tokenEnv: z.string({ error: 'must be text' }).regex(ENV_NAME, { error: 'must name an environment variable (A-Z, 0-9, _)' }).optional(),
      },
      { error: `each token must be a set of fields (id, ${rules.field}, tokenSha256 or tokenEnv)` },
    )
    .refine((e) => (e.tokenSha256 === undefined) !== (e.tokenEnv === undefined), { error: 'give exactly one of tokenSha256 and tokenEnv' });
  return z.array(entry, { error: 'a tokens file is a list of tokens' });
}

/** Parses a tokens file (YAML, or JSON, which YAML reads too); tokenEnv is looked up in `env`. */
export function parseScopedTokensFile(text: string, fileName: string, env: NodeJS.ProcessEnv, rules: TokenScopeRules): ScopedToken[] {
  let data: unknown;
  try {
    data = parseYaml(text);
  } catch (error) {
    throw rules.invalid(`${fileName}: not valid YAML or JSON: ${(error as Error).message.split('\n')[0]}`);
  }
  const parsed = fileSchema(rules).safeParse(data ?? []);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = (issue?.path ?? []).map((key) => (typeof key === 'number' ? `[${key}]` : `.${String(key)}`)).join('');
    const message =
      issue?.code === 'unrecognized_keys' ? `unknown field "${issue.keys.join('", "')}" (a token sits in the environment, named by tokenEnv)` : issue?.message;
    throw rules.invalid(`${fileName}: ${path ? `${path.replace(/^\./, '')} ` : ''}${message ?? 'is not a tokens file'}`);
  }
  // The scope's field has a name of the rules' choosing, so zod types every field alike.
  const entries = parsed.data.map((e) => ({ ...e, scope: e[rules.field] }) as unknown as FileEntry);
  const tokens = entries.map((entry, index): ScopedToken => {
    const where = `${fileName}: [${index}] ("${entry.id}")`;
    checkScope(entry.scope, where, rules);
    if (entry.tokenSha256 !== undefined) return { id: entry.id, scope: entry.scope, sha256: Buffer.from(entry.tokenSha256, 'hex') };
    const name = entry.tokenEnv as string;
    const token = env[name];
    if (token === undefined || token === '') throw rules.invalid(`${where}: tokenEnv names ${name}, which is not set`);
    return { id: entry.id, scope: entry.scope, sha256: plainTokenDigest(token, where, rules) };
  });
  return checkUniqueTokens(tokens, rules);
}

export function loadScopedTokensFile(path: string, env: NodeJS.ProcessEnv, rules: TokenScopeRules): ScopedToken[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (cause) {
    throw rules.unreadable(`cannot read the tokens file: ${(cause as Error).message}`, cause);
  }
  return parseScopedTokensFile(text, path, env, rules);
}

/** The union of token lists, refused when two share an id or a token (which one would it be?). */
export function checkUniqueTokens<T extends { id: string; sha256: Buffer }>(tokens: T[], rules: Pick<TokenScopeRules, 'invalid' | 'sameTokenAdvice'>): T[] {
  const ids = new Set<string>();
  const digests = new Map<string, string>();
  for (const token of tokens) {
    if (ids.has(token.id)) throw rules.invalid(`token id "${token.id}" is used twice`);
    ids.add(token.id);
    const digest = token.sha256.toString('hex');
    const other = digests.get(digest);
    if (other !== undefined) throw rules.invalid(`tokens "${other}" and "${token.id}" are the same token; ${rules.sameTokenAdvice}`);
    digests.set(digest, token.id);
  }
  return tokens;
}
