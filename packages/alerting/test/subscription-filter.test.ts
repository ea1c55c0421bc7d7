import { describe, expect, it } from 'vitest';
import { matchingSubscriptions, subscriptionWants } from '../src/subscription-filter.ts';
import { subscriptionFixture } from './alert-fixture.ts';

describe('subscriptionWants', () => {
  it('an empty kinds list takes every kind, a list only its kinds', () => {
    expect(subscriptionWants(subscriptionFixture(), { kind: 'viral_post', severity: 'info' })).toBe(true);
    const surgeOnly = subscriptionFixture({ kinds: ['negative_surge', 'volume_spike'] });
    expect(subscriptionWants(surgeOnly, { kind: 'volume_spike', severity: 'info' })).toBe(true);
    expect(subscriptionWants(surgeOnly, { kind: 'viral_post', severity: 'critical' })).toBe(false);
  });

  it('severity must reach the minimum: info < warning < critical', () => {
    const table = (['info', 'warning', 'critical'] as const).map((min) =>
      (['info', 'warning', 'critical'] as const).map((severity) =>
        subscriptionWants(subscriptionFixture({ minSeverity: min }), { kind: 'volume_spike', severity }),
      ),
    );
    expect(table).toEqual([
      [true, true, true],
      [false, true, true],
      [false, false, true],
    ]);
  });

  it('a severity newer than this build reaches every webhook that wants the kind', () => {
    const alert = { kind: 'volume_spike' as const, severity: 'emergency' as 'critical' };
    expect(subscriptionWants(subscriptionFixture({ minSeverity: 'critical' }), alert)).toBe(true);
    expect(subscriptionWants(subscriptionFixture({ kinds: ['viral_post'] }), alert)).toBe(false);
  });
});

describe('matchingSubscriptions', () => {
  it('keeps the wanted ones in configuration order', () => {
    const hooks = [
      subscriptionFixture({ id: 'all' }),
      subscriptionFixture({ id: 'critical', minSeverity: 'critical' }),
      subscriptionFixture({ id: 'surges', kinds: ['negative_surge'], minSeverity: 'warning' }),
      subscriptionFixture({ id: 'viral', kinds: ['viral_post'] }),
    ];
    expect(matchingSubscriptions(hooks, { kind: 'negative_surge', severity: 'warning' }).map((s) => s.id)).toEqual(['all', 'surges']);
    expect(matchingSubscriptions(hooks, { kind: 'viral_post', severity: 'critical' }).map((s) => s.id)).toEqual([
      'all',
      'critical',
      'viral',
    ]);
    expect(matchingSubscriptions([], { kind: 'viral_post', severity: 'critical' })).toEqual([]);
  });
});
