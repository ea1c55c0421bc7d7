// Every alert POST is signed so a receiver can tell it came from us and was not altered or
// replayed later: HMAC-SHA256 with the subscription's secret over `<unix seconds>.<raw body>`,
//   X-SL-Signature: t=<unix seconds>,v1=<hex>
// The timestamp is inside the signed bytes, so an old request cannot be re-sent with a fresh one.
// A receiver accepts several secrets while one is rotated; comparison is constant-time.
import { createHmac, timingSafeEqual } from 'node:crypto';

export function signPayload(secret: string, timestampSeconds: number, body: string | Buffer): string {
  return `t=${timestampSeconds},v1=${hmacHex(secret, timestampSeconds, body)}`;
}

function hmacHex(secret: string, timestampSeconds: number, body: string | Buffer): string {
  const mac = createHmac('sha256', secret);
  mac.update(`${timestampSeconds}.`);
  mac.update(body);
  return mac.digest('hex');
}

export type SignatureVerdict = { ok: true } | { ok: false; reason: string };

/** Several `v1=` entries are accepted, so a sender may sign with an old and a new secret at once. */
export function verifySignature(
  secrets: string | readonly string[],
  header: string | undefined,
  body: string | Buffer,
  nowSeconds: number,
  toleranceSeconds = 300,
): SignatureVerdict {
  if (!header) return { ok: false, reason: 'missing X-SL-Signature header' };
  let timestamp: number | undefined;
  const offered: Buffer[] = [];
  for (const part of header.split(',')) {
    const [name, value = ''] = part.trim().split('=', 2) as [string, string?];
    if (name === 't' && /^\d{1,12}$/.test(value)) timestamp = Number(value);
    else if (name === 'v1' && /^[0-9a-f]{64}$/.test(value)) offered.push(Buffer.from(value, 'hex'));
  }
  if (timestamp === undefined) return { ok: false, reason: 'X-SL-Signature has no t=<unix seconds>' };
  if (offered.length === 0) return { ok: false, reason: 'X-SL-Signature has no v1=<64 hex digits>' };
  if (Math.abs(nowSeconds - timestamp) > toleranceSeconds) {
    return { ok: false, reason: `timestamp is ${nowSeconds - timestamp} s from now; the window is ±${toleranceSeconds} s` };
  }
  for (const secret of typeof secrets === 'string' ? [secrets] : secrets) {
    const expected = Buffer.from(hmacHex(secret, timestamp, body), 'hex');
    // Every offered value has the expected length (checked above), as timingSafeEqual needs.
    if (offered.some((candidate) => timingSafeEqual(candidate, expected))) return { ok: true };
  }
  return { ok: false, reason: 'signature does not match any of the given secrets' };
}
