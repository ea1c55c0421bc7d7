// Signed webhook push: the sender signs `<timestamp>.<raw body>` with HMAC-SHA256 and sends
//   x-sl-timestamp: <unix seconds>
//   x-sl-signature: v1=<hex>[,v1=<hex>...]
// Several signatures let a sender sign with both keys while a secret is rotated; several
// secrets per source let the receiver accept both. Comparison is constant-time; a timestamp
// outside the window, or a signature already seen inside it, is a replay.
import { createHmac, timingSafeEqual } from 'node:crypto';

export const TIMESTAMP_HEADER = 'x-sl-timestamp';
export const SIGNATURE_HEADER = 'x-sl-signature';

export function signWebhook(secret: string, timestampSeconds: number, body: string | Buffer): string {
  const mac = createHmac('sha256', secret);
  mac.update(`${timestampSeconds}.`);
  mac.update(body);
  return `v1=${mac.digest('hex')}`;
}

export type WebhookVerdict = { ok: true; signature: string } | { ok: false; status: 401; reason: string };

export interface VerifyOptions {
  secrets: readonly string[];
  timestampHeader: string | undefined;
  signatureHeader: string | undefined;
  body: Buffer;
  nowSeconds: number;
  /** Largest accepted clock difference either way. @default 300 s */
  toleranceSeconds?: number;
}

export function verifyWebhook(options: VerifyOptions): WebhookVerdict {
  const tolerance = options.toleranceSeconds ?? 300;
  if (!options.timestampHeader) return { ok: false, status: 401, reason: `missing ${TIMESTAMP_HEADER} header (unix seconds)` };
  if (!options.signatureHeader) return { ok: false, status: 401, reason: `missing ${SIGNATURE_HEADER} header (v1=<hex HMAC-SHA256 of "<timestamp>.<body>">)` };
  if (!/^\d{1,12}$/.test(options.timestampHeader)) return { ok: false, status: 401, reason: `${TIMESTAMP_HEADER} must be unix seconds, got "${options.timestampHeader.slice(0, 40)}"` };
  const timestamp = Number(options.timestampHeader);
  if (Math.abs(options.nowSeconds - timestamp) > tolerance) {
    return { ok: false, status: 401, reason: `${TIMESTAMP_HEADER} is ${options.nowSeconds - timestamp} s from the server's clock; the window is ±${tolerance} s` };
  }
  const offered = options.signatureHeader
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part.startsWith('v1='))
    .map((part) => Buffer.from(part.slice(3), 'hex'));
  if (offered.length === 0) return { ok: false, status: 401, reason: `${SIGNATURE_HEADER} holds no v1= signature` };
  for (const secret of options.secrets) {
    const expected = Buffer.from(signWebhook(secret, timestamp, options.body).slice(3), 'hex');
    for (const candidate of offered) {
      // timingSafeEqual needs equal lengths; a wrong length is a mismatch, not an exception.
      if (candidate.length === expected.length && timingSafeEqual(candidate, expected)) {
        return { ok: true, signature: candidate.toString('hex') };
      }
    }
  }
  return { ok: false, status: 401, reason: 'signature does not match any active secret for this source' };
}

/** Signatures accepted inside the window, so an exact replay within it is refused too. */
export function createReplayGuard(windowSeconds = 600, maxEntries = 100_000) {
  const seen = new Map<string, number>();
  return {
    /** True the first time a signature is seen inside the window. */
    firstTime(signature: string, nowSeconds: number): boolean {
      // Oldest first: drop what left the window, and the oldest when full.
      for (const [key, at] of seen) {
        const expired = at < nowSeconds - windowSeconds;
        if (!expired && seen.size < maxEntries) break;
        seen.delete(key);
      }
      if (seen.has(signature)) return false;
      seen.set(signature, nowSeconds);
      return true;
    },
  };
}

/** Parses `source=secret1|secret2,other=secret3`; the first secret of a source signs, all verify. */
export function parseWebhookSecrets(spec: string): Map<string, string[]> {
  const secrets = new Map<string, string[]>();
  for (const entry of spec.split(',').map((e) => e.trim()).filter(Boolean)) {
    const at = entry.indexOf('=');
    const source = entry.slice(0, at).trim();
    const keys = entry
      .slice(at + 1)
      .split('|')
      .map((k) => k.trim())
      .filter(Boolean);
    if (at <= 0 || keys.length === 0) throw new Error(`webhook secrets entry "${entry.split('=')[0]}=…" must be source=secret[|secret…]`);
    if (!/^[a-z0-9][a-z0-9_-]{0,63}$/.test(source)) throw new Error(`webhook secrets: "${source}" is not a source slug`);
    for (const key of keys) if (key.length < 16) throw new Error(`webhook secrets for "${source}": every secret must be at least 16 characters`);
    secrets.set(source, keys);
  }
  return secrets;
}
