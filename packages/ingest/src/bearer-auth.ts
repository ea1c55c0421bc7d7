// Who is calling POST /v1/mentions: the token in `Authorization: Bearer <token>`, found by
// comparing SHA-256 digests in constant time. Every configured digest is compared, match or not,
// so the time taken says nothing about which token came close.
import type { IngestToken } from './ingest-tokens.ts';
import { findToken } from './scoped-tokens.ts';

/** The challenge for a request without a token (RFC 6750 §3). */
export const BEARER_CHALLENGE = 'Bearer realm="sl-ingest"';
/** The challenge for a request whose token is malformed or unknown. */
export const INVALID_TOKEN_CHALLENGE = 'Bearer realm="sl-ingest", error="invalid_token"';

export type BearerVerdict = { ok: true; token: IngestToken } | { ok: false; challenge: string; reason: string };

export function createBearerAuthenticator(tokens: readonly IngestToken[]): (authorization: string | undefined) => BearerVerdict {
  return (authorization) => {
    if (authorization === undefined || authorization.trim() === '') {
      return { ok: false, challenge: BEARER_CHALLENGE, reason: 'missing Authorization header; send "Authorization: Bearer <token>"' };
    }
    const match = /^Bearer +(\S+) *$/i.exec(authorization);
    if (!match) return { ok: false, challenge: INVALID_TOKEN_CHALLENGE, reason: 'the Authorization header must be "Bearer <token>"' };
    const found = findToken(tokens, match[1] as string);
    if (found === undefined) return { ok: false, challenge: INVALID_TOKEN_CHALLENGE, reason: 'the bearer token is not valid' };
    return { ok: true, token: found };
  };
}
