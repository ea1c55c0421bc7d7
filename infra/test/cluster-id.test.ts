import { expect, it } from 'vitest';
import { newClusterId } from '../kafka/kafka-broker.ts';

it('never hands the storage tool a cluster id that starts with "-"', () => {
  // 0xf8 encodes to a leading '-' in base64url; the next draw is used instead.
  const draws = [Buffer.alloc(16, 0xf8), Buffer.alloc(16, 0x01)];
  expect(newClusterId(() => draws.shift() ?? Buffer.alloc(16))).toBe(Buffer.alloc(16, 0x01).toString('base64url'));
  expect(Buffer.alloc(16, 0xf8).toString('base64url').startsWith('-')).toBe(true);
  for (let i = 0; i < 1_000; i += 1) expect(newClusterId()).toMatch(/^[A-Za-z0-9_][A-Za-z0-9_-]{21}$/);
});
