// Sign-in sessions: a person pastes their token once on the sign-in page and gets a cookie naming
// a random session id; the server maps it to the token (never stored in the cookie or the page).
// Sessions live in memory: a restarted dashboard asks people to sign in again, which is the safe
// failure for a service that holds no other state.
import { randomBytes } from 'node:crypto';
import type { DashboardToken } from './dashboard-tokens.ts';

export const SESSION_COOKIE = 'sl_dashboard_session';

export interface SessionStore {
  create(token: DashboardToken): { id: string; maxAgeSeconds: number };
  find(id: string): DashboardToken | undefined;
  end(id: string): void;
  readonly size: number;
}

export interface SessionStoreOptions {
  /** How long a session lasts after sign-in. @default 12 h */
  ttlMs?: number;
  /** Clock, for tests. @default Date.now */
  now?: () => number;
}

export function createSessionStore(options: SessionStoreOptions = {}): SessionStore {
  const ttlMs = options.ttlMs ?? 12 * 3_600_000;
  const now = options.now ?? Date.now;
  const sessions = new Map<string, { token: DashboardToken; expiresAt: number }>();
  const sweep = () => {
    const at = now();
    for (const [id, session] of sessions) if (session.expiresAt <= at) sessions.delete(id);
  };
  return {
    create(token) {
      sweep();
      const id = randomBytes(32).toString('base64url');
      sessions.set(id, { token, expiresAt: now() + ttlMs });
      return { id, maxAgeSeconds: Math.floor(ttlMs / 1000) };
    },
    find(id) {
      const session = sessions.get(id);
      if (session === undefined) return undefined;
      if (session.expiresAt <= now()) {
        sessions.delete(id);
        return undefined;
      }
      return session.token;
    },
    end(id) {
      sessions.delete(id);
    },
    get size() {
      return sessions.size;
    },
  };
}

/** The value of one cookie in a Cookie header. */
export function cookieValue(header: string | undefined, name: string): string | undefined {
  if (header === undefined) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq !== -1 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}
