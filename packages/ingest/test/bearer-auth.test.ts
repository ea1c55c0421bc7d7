import { describe, expect, it } from 'vitest';
import { BEARER_CHALLENGE, createBearerAuthenticator, INVALID_TOKEN_CHALLENGE } from '../src/bearer-auth.ts';
import { parseIngestTokens } from '../src/ingest-tokens.ts';

const tokens = parseIngestTokens('feeds:rss:feeds-token-0123456789,ci:*:ci-token-0123456789abc');
const authenticate = createBearerAuthenticator(tokens);

describe('bearer authentication', () => {
  it('finds the token a request carries, whatever the case of the scheme', () => {
    expect(authenticate('Bearer feeds-token-0123456789')).toEqual({ ok: true, token: tokens[0] });
    expect(authenticate('bearer ci-token-0123456789abc')).toEqual({ ok: true, token: tokens[1] });
  });

  it('asks for a token when there is none', () => {
    const missing = {
      ok: false,
      challenge: BEARER_CHALLENGE,
      reason: 'missing Authorization header; send "Authorization: Bearer <token>"',
    };
    expect(authenticate(undefined)).toEqual(missing);
    expect(authenticate('  ')).toEqual(missing);
  });

  it('refuses another scheme, an empty bearer and an unknown token as invalid_token', () => {
    const malformed = { ok: false, challenge: INVALID_TOKEN_CHALLENGE, reason: 'the Authorization header must be "Bearer <token>"' };
    expect(authenticate('Basic dXNlcjpwYXNz')).toEqual(malformed);
    expect(authenticate('Bearer')).toEqual(malformed);
    expect(authenticate('Bearer a b')).toEqual(malformed);
    expect(authenticate('Bearer feeds-token-0123456789x')).toEqual({
      ok: false,
      challenge: INVALID_TOKEN_CHALLENGE,
      reason: 'the bearer token is not valid',
    });
    // A prefix of a real token is no closer than any other string.
    expect(authenticate('Bearer feeds-token')).toEqual({
      ok: false,
      challenge: INVALID_TOKEN_CHALLENGE,
      reason: 'the bearer token is not valid',
    });
  });
});
