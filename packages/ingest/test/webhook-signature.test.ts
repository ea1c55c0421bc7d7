import { describe, expect, it } from 'vitest';
import { createReplayGuard, parseWebhookSecrets, signWebhook, verifyWebhook } from '../src/webhook-signature.ts';

const secret = 'old-secret-0123456789';
const rotated = 'new-secret-9876543210';
const body = Buffer.from('{"id":"1","text":"hi"}');
const now = 1_764_000_000;

function verify(signatureHeader: string | undefined, timestampHeader: string | undefined = String(now), secrets = [secret]) {
  return verifyWebhook({ secrets, timestampHeader, signatureHeader, body, nowSeconds: now });
}

describe('signWebhook', () => {
  it('is HMAC-SHA256 over "<timestamp>.<body>" in hex, prefixed v1=', () => {
    // Known answer from: printf '1764000000.{"id":"1","text":"hi"}' | openssl dgst -sha256 -hmac old-secret-0123456789
    expect(signWebhook(secret, now, body)).toBe('v1=2caae7d85c45a5ad2ecb77dd61438e3bba4044041488fe4ee03088ce76d66b49');
    // Same bytes whether the body arrives as a Buffer or a string; any change of timestamp changes it.
    expect(signWebhook(secret, now, body)).toBe(signWebhook(secret, now, body.toString()));
    expect(signWebhook(secret, now, body)).toMatch(/^v1=[0-9a-f]{64}$/);
    expect(signWebhook(secret, now, body)).not.toBe(signWebhook(secret, now + 1, body));
  });
});

describe('verifyWebhook', () => {
  it('accepts a correct signature and says which', () => {
    const signature = signWebhook(secret, now, body);
    expect(verify(signature)).toEqual({ ok: true, signature: signature.slice(3) });
  });

  it('accepts either key while a secret rotates: two secrets on the receiver, two signatures from the sender', () => {
    expect(verify(signWebhook(rotated, now, body), String(now), [rotated, secret]).ok).toBe(true);
    expect(verify(signWebhook(secret, now, body), String(now), [rotated, secret]).ok).toBe(true);
    expect(verify(`${signWebhook('unknown-secret-000000', now, body)},${signWebhook(rotated, now, body)}`, String(now), [rotated]).ok).toBe(true);
  });

  it('refuses a wrong secret, a changed body, a truncated signature, and says why', () => {
    expect(verify(signWebhook('another-secret-00000', now, body))).toEqual({ ok: false, status: 401, reason: 'signature does not match any active secret for this source' });
    expect(verifyWebhook({ secrets: [secret], timestampHeader: String(now), signatureHeader: signWebhook(secret, now, body), body: Buffer.from('{"id":"2"}'), nowSeconds: now }).ok).toBe(false);
    expect(verify(signWebhook(secret, now, body).slice(0, 20)).ok).toBe(false);
  });

  it('refuses timestamps outside the window either way, and malformed headers', () => {
    expect(verify(signWebhook(secret, now - 301, body), String(now - 301))).toEqual({ ok: false, status: 401, reason: 'x-sl-timestamp is 301 s from the server\'s clock; the window is ±300 s' });
    expect(verify(signWebhook(secret, now + 301, body), String(now + 301)).ok).toBe(false);
    expect(verify(signWebhook(secret, now - 300, body), String(now - 300)).ok).toBe(true);
    expect(verify(undefined)).toEqual({ ok: false, status: 401, reason: 'missing x-sl-signature header (v1=<hex HMAC-SHA256 of "<timestamp>.<body>">)' });
    expect(verifyWebhook({ secrets: [secret], timestampHeader: undefined, signatureHeader: 'v1=00', body, nowSeconds: now })).toEqual({ ok: false, status: 401, reason: 'missing x-sl-timestamp header (unix seconds)' });
    expect(verify('abc', '2024-05-01')).toEqual({ ok: false, status: 401, reason: 'x-sl-timestamp must be unix seconds, got "2024-05-01"' });
    expect(verify('sha256=abc')).toEqual({ ok: false, status: 401, reason: 'x-sl-signature holds no v1= signature' });
  });
});

describe('createReplayGuard', () => {
  it('accepts a signature once inside the window and again only after it left the window', () => {
    const guard = createReplayGuard(600);
    expect(guard.firstTime('a', now)).toBe(true);
    expect(guard.firstTime('a', now + 10)).toBe(false);
    expect(guard.firstTime('b', now + 10)).toBe(true);
    expect(guard.firstTime('a', now + 700)).toBe(true);
  });

  it('stays bounded', () => {
    const guard = createReplayGuard(600, 3);
    for (const s of ['a', 'b', 'c', 'd']) expect(guard.firstTime(s, now)).toBe(true);
    expect(guard.firstTime('a', now)).toBe(true);
  });
});

describe('parseWebhookSecrets', () => {
  it('reads source=secret|secret pairs', () => {
    expect(parseWebhookSecrets(`blog=${secret}|${rotated}, forum=${rotated}`)).toEqual(
      new Map([
        ['blog', [secret, rotated]],
        ['forum', [rotated]],
      ]),
    );
  });
  it('rejects short secrets and bad sources without echoing secrets', () => {
    expect(() => parseWebhookSecrets('blog=short')).toThrow('webhook secrets for "blog": every secret must be at least 16 characters');
    expect(() => parseWebhookSecrets(`Blog=${secret}`)).toThrow('webhook secrets: "Blog" is not a source slug');
    expect(() => parseWebhookSecrets('blog')).toThrow('must be source=secret');
  });
});
