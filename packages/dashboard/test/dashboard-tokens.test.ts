import { describe, expect, it } from 'vitest';
import { isDashboardTokenError } from '../src/dashboard-token-error.ts';
import { findToken, parseDashboardTokens, parseDashboardTokensFile, tokenAllowsBrand, tokenSha256 } from '../src/dashboard-tokens.ts';

const TOKEN = 'acme-team-token-0123456789';
const DIGEST = tokenSha256('ops-token-abcdefghijklmnop').toString('hex');

describe('SL_DASHBOARD_TOKENS', () => {
  it('reads id:brand|brand:token entries, * for all, sha256: for a digest, keeping digests only', () => {
    const tokens = parseDashboardTokens(` acme-team:acme|acme-eu:${TOKEN} , ops:*:sha256:${DIGEST}`);
    expect(tokens.map((t) => ({ id: t.id, brands: t.brands, sha256: t.sha256.toString('hex') }))).toEqual([
      { id: 'acme-team', brands: ['acme', 'acme-eu'], sha256: tokenSha256(TOKEN).toString('hex') },
      { id: 'ops', brands: ['*'], sha256: DIGEST },
    ]);
    expect(JSON.stringify(tokens)).not.toContain(TOKEN);
    const [team, ops] = tokens as [(typeof tokens)[0], (typeof tokens)[0]];
    expect([tokenAllowsBrand(team, 'acme'), tokenAllowsBrand(team, 'acme-eu'), tokenAllowsBrand(team, 'globex'), tokenAllowsBrand(ops, 'globex')]).toEqual([true, true, false, true]);
    expect(findToken(tokens, TOKEN)?.id).toBe('acme-team');
    expect(findToken(tokens, 'ops-token-abcdefghijklmnop')?.id).toBe('ops');
    expect(findToken(tokens, 'ops-token-abcdefghijklmnoq')).toBeUndefined();
    expect(parseDashboardTokens('')).toEqual([]);
  });

  it('refuses bad entries naming the entry, never echoing the token', () => {
    const cases: Array<[string, string]> = [
      [`acme-team:acme`, 'entry 1 must be id:brand[|brand…]:token'],
      [`Acme:acme:${TOKEN}`, 'entry 1: "Acme" is not a token id (lower-case letters, digits, . _ -)'],
      [`t:Acme Corp:${TOKEN}`, 'entry 1 ("t"): "Acme Corp" is not a brand id (or * for all)'],
      [`t::${TOKEN}`, 'entry 1 ("t"): "" is not a brand id (or * for all)'],
      [`t:*|acme:${TOKEN}`, 'entry 1 ("t"): * already means every brand; list it alone'],
      ['t:acme:short', 'entry 1 ("t"): the token must be at least 16 characters'],
      ['t:acme:has space in the token!', 'entry 1 ("t"): the token may hold only letters, digits and - . _ ~ + / (then =), as a bearer token must'],
      ['t:acme:sha256:abc', 'entry 1 ("t"): sha256: must be followed by 64 hex digits'],
      [`a:acme:${TOKEN},a:globex:${TOKEN}x`, 'token id "a" is used twice'],
      [`a:acme:${TOKEN},b:globex:${TOKEN}`, 'tokens "a" and "b" are the same token; give each person or script its own'],
    ];
    for (const [spec, message] of cases) {
      let caught: unknown;
      try {
        parseDashboardTokens(spec);
      } catch (error) {
        caught = error;
      }
      expect({ spec, code: isDashboardTokenError(caught) ? caught.code : caught, message: (caught as Error).message }).toEqual({ spec, code: 'INVALID_DASHBOARD_TOKENS', message });
    }
  });
});

describe('SL_DASHBOARD_TOKENS_FILE', () => {
  it('reads digests and tokens named by environment variable', () => {
    const text = `- { id: ops, brands: ['*'], tokenSha256: ${DIGEST} }\n- { id: acme-team, brands: [acme], tokenEnv: ACME_DASHBOARD_TOKEN }\n`;
    const tokens = parseDashboardTokensFile(text, 'tokens.yaml', { ACME_DASHBOARD_TOKEN: TOKEN });
    expect(tokens.map((t) => [t.id, t.brands, t.sha256.toString('hex')])).toEqual([
      ['ops', ['*'], DIGEST],
      ['acme-team', ['acme'], tokenSha256(TOKEN).toString('hex')],
    ]);
  });

  it('says which entry and field is wrong', () => {
    const attempt = (text: string, env: NodeJS.ProcessEnv = {}) => {
      try {
        parseDashboardTokensFile(text, 'tokens.yaml', env);
        return 'parsed';
      } catch (error) {
        return (error as Error).message;
      }
    };
    expect(attempt('- { id: a, brands: [acme], token: x }')).toBe('tokens.yaml: [0] unknown field "token" (a token sits in the environment, named by tokenEnv)');
    expect(attempt('- { id: a, brands: [acme] }')).toBe('tokens.yaml: [0] give exactly one of tokenSha256 and tokenEnv');
    expect(attempt('- { id: a, brands: [acme], tokenEnv: MISSING }')).toBe('tokens.yaml: [0] ("a"): tokenEnv names MISSING, which is not set');
    expect(attempt(`- { id: a, brands: [], tokenSha256: ${DIGEST} }`)).toBe('tokens.yaml: [0] ("a"): list at least one brand, or * for all');
    expect(attempt('{ id: a }')).toBe('tokens.yaml: a tokens file is a list of tokens');
  });
});
