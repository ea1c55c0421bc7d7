// Who is asking, and which brands they may see. With tokens configured every request needs
// `Authorization: Bearer <token>` or a session cookie from the sign-in page: none is a 401, a
// brand outside the token's scope a 403. Without tokens the service listens on loopback only (the
// config refuses anything else) and everyone on this machine sees every brand.
import type http from 'node:http';
import { type DashboardToken, findToken, tokenAllowsBrand } from './dashboard-tokens.ts';
import { cookieValue, SESSION_COOKIE, type SessionStore } from './sessions.ts';

export type Caller = { kind: 'open' } | { kind: 'token'; token: DashboardToken; via: 'bearer' | 'session' };

export type AccessVerdict = { ok: true; caller: Caller } | { ok: false; reason: string };

export function callerMaySee(caller: Caller, brandId: string): boolean {
  return caller.kind === 'open' || tokenAllowsBrand(caller.token, brandId);
}

/** What the caller is called in logs: a token id, never a token. */
export function callerName(caller: Caller): string {
  return caller.kind === 'open' ? 'loopback' : caller.token.id;
}

export function createAccess(tokens: readonly DashboardToken[], sessions: SessionStore): (req: http.IncomingMessage) => AccessVerdict {
  return (req) => {
    if (tokens.length === 0) return { ok: true, caller: { kind: 'open' } };
    const authorization = req.headers.authorization;
    if (authorization !== undefined && authorization.trim() !== '') {
      const match = /^Bearer +(\S+) *$/i.exec(authorization);
      if (!match) return { ok: false, reason: 'the Authorization header must be "Bearer <token>"' };
      const token = findToken(tokens, match[1] as string);
      return token === undefined ? { ok: false, reason: 'the bearer token is not valid' } : { ok: true, caller: { kind: 'token', token, via: 'bearer' } };
    }
    const session = cookieValue(req.headers.cookie, SESSION_COOKIE);
    if (session !== undefined) {
      const token = sessions.find(session);
      return token === undefined
        ? { ok: false, reason: 'the session has ended; sign in again' }
        : { ok: true, caller: { kind: 'token', token, via: 'session' } };
    }
    return { ok: false, reason: 'sign in at /signin, or send "Authorization: Bearer <token>"' };
  };
}
