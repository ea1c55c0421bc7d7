import { describe, expect, it } from 'vitest';
import { backoffDelay, defaultRetryPolicy, isRetriable } from '../src/retry-policy.ts';

const retriable = () => Object.assign(new Error('broker not available'), { retriable: true });

describe('isRetriable', () => {
  it('is true for an error flagged retriable or canRetry', () => {
    expect(isRetriable(retriable())).toBe(true);
    expect(isRetriable(Object.assign(new Error('x'), { canRetry: true }))).toBe(true);
  });

  it('is false for plain errors, false flags, non-objects and a truthy non-true flag', () => {
    expect(isRetriable(new Error('x'))).toBe(false);
    expect(isRetriable(Object.assign(new Error('x'), { retriable: false }))).toBe(false);
    expect(isRetriable(Object.assign(new Error('x'), { retriable: 'yes' }))).toBe(false);
    expect(isRetriable('retriable')).toBe(false);
    expect(isRetriable(null)).toBe(false);
    expect(isRetriable(undefined)).toBe(false);
  });

  it('walks the cause chain', () => {
    expect(isRetriable(new Error('outer', { cause: new Error('middle', { cause: retriable() }) }))).toBe(true);
    expect(isRetriable(new Error('outer', { cause: new Error('middle', { cause: new Error('inner') }) }))).toBe(false);
  });

  it('looks into every error of an AggregateError, and their causes', () => {
    expect(isRetriable(new AggregateError([new Error('a'), retriable()]))).toBe(true);
    expect(isRetriable(new AggregateError([new Error('a'), new Error('b', { cause: retriable() })]))).toBe(true);
    expect(isRetriable(new AggregateError([new Error('a'), new Error('b')]))).toBe(false);
    expect(isRetriable(new Error('wrapped', { cause: new AggregateError([retriable()]) }))).toBe(true);
  });

  it('never retries programming errors, even when flagged or caused by a retriable error', () => {
    expect(isRetriable(Object.assign(new TypeError('x is undefined'), { retriable: true }))).toBe(false);
    expect(isRetriable(new TypeError('x', { cause: retriable() }))).toBe(false);
    expect(isRetriable(Object.assign(new RangeError('r'), { canRetry: true }))).toBe(false);
    expect(isRetriable(new ReferenceError('r', { cause: retriable() }))).toBe(false);
    expect(isRetriable(new SyntaxError('s', { cause: retriable() }))).toBe(false);
  });

  it('stops at a cycle in the cause chain', () => {
    const a = new Error('a');
    const b = new Error('b', { cause: a });
    a.cause = b;
    expect(isRetriable(a)).toBe(false);
  });

  it('gives up beyond depth 8', () => {
    let deep: Error = retriable();
    for (let i = 0; i < 8; i += 1) deep = new Error(`level ${i}`, { cause: deep });
    expect(isRetriable(deep)).toBe(true);
    expect(isRetriable(new Error('one more', { cause: deep }))).toBe(false);
  });
});

describe('backoffDelay', () => {
  const policy = { initialDelayMs: 100, maxDelayMs: 1_000 };

  it('is between half the ceiling and the ceiling, the ceiling doubling per attempt', () => {
    expect([0, 1, 2, 3].map((attempt) => backoffDelay(policy, attempt, () => 0))).toEqual([50, 100, 200, 400]);
    expect([0, 1, 2, 3].map((attempt) => backoffDelay(policy, attempt, () => 0.999_999))).toEqual([100, 200, 400, 800]);
    expect(backoffDelay(policy, 2, () => 0.5)).toBe(300);
  });

  it('caps the ceiling at maxDelayMs', () => {
    expect(backoffDelay(policy, 4, () => 0)).toBe(500);
    expect(backoffDelay(policy, 4, () => 0.999_999)).toBe(1_000);
    expect(backoffDelay(policy, 60, () => 0.999_999)).toBe(1_000);
    expect(backoffDelay(policy, 5_000, () => 0.5)).toBe(750);
  });

  it('treats a negative attempt as the first', () => {
    expect(backoffDelay(policy, -3, () => 0)).toBe(50);
  });

  it('uses Math.random by default and stays within the default policy bounds', () => {
    expect(defaultRetryPolicy).toEqual({ initialDelayMs: 200, maxDelayMs: 10_000 });
    for (let attempt = 0; attempt < 20; attempt += 1) {
      const delay = backoffDelay(defaultRetryPolicy, attempt);
      const ceiling = Math.min(10_000, 200 * 2 ** attempt);
      expect(delay).toBeGreaterThanOrEqual(ceiling / 2);
      expect(delay).toBeLessThanOrEqual(ceiling);
    }
  });
});
