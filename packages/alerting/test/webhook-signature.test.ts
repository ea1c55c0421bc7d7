import { describe, expect, it } from 'vitest';
import { signPayload, verifySignature } from '../src/webhook-signature.ts';

const secret = 'whsec-test-0123456789';
const rotated = 'whsec-next-9876543210';
const body = '{"id":"a1"}';
const now = 1_764_000_000;

describe('signPayload', () => {
  it('is t=<seconds>,v1=<hex HMAC-SHA256 of "<seconds>.<body>">', () => {
    // Known answer from: printf '1764000000.{"id":"a1"}' | openssl dgst -sha256 -hmac whsec-test-0123456789
    expect(signPayload(secret, now, body)).toBe('t=1764000000,v1=d41f961394be7b4662ceeed1e28277965c68ce6bc4a815c5a4414ef1343c79c8');
    expect(signPayload(secret, now, Buffer.from(body))).toBe(signPayload(secret, now, body));
    expect(signPayload(secret, now + 1, body)).not.toBe(signPayload(secret, now, body));
  });
});

describe('verifySignature', () => {
  it('accepts its own signature inside the window, either way, up to the edge', () => {
    expect(verifySignature(secret, signPayload(secret, now, body), body, now)).toEqual({ ok: true });
    expect(verifySignature(secret, signPayload(secret, now - 300, body), body, now)).toEqual({ ok: true });
    expect(verifySignature(secret, signPayload(secret, now + 300, body), Buffer.from(body), now)).toEqual({ ok: true });
  });

  it('accepts any of several secrets (rotation) and any of several v1 values', () => {
    expect(verifySignature([rotated, secret], signPayload(secret, now, body), body, now)).toEqual({ ok: true });
    expect(verifySignature([rotated, secret], signPayload(rotated, now, body), body, now)).toEqual({ ok: true });
    const both = `${signPayload(secret, now, body)},v1=${signPayload(rotated, now, body).split('v1=')[1]}`;
    expect(verifySignature([rotated], both, body, now)).toEqual({ ok: true });
  });

  it('refuses a wrong secret, a changed body, a moved timestamp, and says why', () => {
    const refusal = { ok: false, reason: 'signature does not match any of the given secrets' };
    expect(verifySignature('another-secret-000000', signPayload(secret, now, body), body, now)).toEqual(refusal);
    expect(verifySignature(secret, signPayload(secret, now, body), '{"id":"a2"}', now)).toEqual(refusal);
    expect(verifySignature(secret, signPayload(secret, now, body).replace(`t=${now}`, `t=${now + 1}`), body, now)).toEqual(refusal);
    expect(verifySignature([], signPayload(secret, now, body), body, now)).toEqual(refusal);
  });

  it('refuses an old or future timestamp and malformed headers', () => {
    expect(verifySignature(secret, signPayload(secret, now - 301, body), body, now)).toEqual({
      ok: false,
      reason: 'timestamp is 301 s from now; the window is ±300 s',
    });
    expect(verifySignature(secret, signPayload(secret, now + 61, body), body, now, 60)).toEqual({
      ok: false,
      reason: 'timestamp is -61 s from now; the window is ±60 s',
    });
    expect(verifySignature(secret, undefined, body, now)).toEqual({ ok: false, reason: 'missing X-SL-Signature header' });
    expect(verifySignature(secret, 'v1=abc', body, now)).toEqual({ ok: false, reason: 'X-SL-Signature has no t=<unix seconds>' });
    expect(verifySignature(secret, `t=${now},v1=abc`, body, now)).toEqual({
      ok: false,
      reason: 'X-SL-Signature has no v1=<64 hex digits>',
    });
    expect(verifySignature(secret, `t=${now},v0=${'0'.repeat(64)}`, body, now)).toEqual({
      ok: false,
      reason: 'X-SL-Signature has no v1=<64 hex digits>',
    });
  });
});
