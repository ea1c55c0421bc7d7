// Property: the alerts for a set of mentions are a function of the set. The same multi-day history
// goes through the engine in six arrival orders (live and paced, a backfill sent sorted, shuffled,
// one raw partition three hours behind, the history replayed after live traffic, a worker killed
// mid-way and rebuilt from a snapshot), for several seeds, and every order must raise exactly the
// same alerts: kind, brand, window, evidence ids, observed and expected figures.
import type { Alert } from '@sl/contracts';
import { describe, expect, it } from 'vitest';
import { ARRIVAL_ORDERS, alertsInOrder } from '../src/testing/arrival-orders.ts';
import { orderFixture } from './order-fixture.ts';

function comparable(alerts: Alert[]): string[] {
  return alerts
    .map((a) => JSON.stringify([a.id, a.kind, a.brandId, a.severity, a.windowStart, a.windowEnd, a.observed, a.expected, a.mentionIds]))
    .sort();
}

describe('alerts do not depend on arrival order', () => {
  for (const seed of [1, 2, 3]) {
    it(`seed ${seed}: the same alerts in all ${ARRIVAL_ORDERS.length} orders`, () => {
      const input = orderFixture(seed);
      const byOrder = new Map(ARRIVAL_ORDERS.map((order) => [order, comparable(alertsInOrder(input, order, { seed }))]));
      const reference = byOrder.get('sorted-paced') ?? [];
      const kinds = new Set(reference.map((line) => (JSON.parse(line) as string[])[1]));
      expect([...kinds].sort()).toEqual(['amplification_opportunity', 'influential_voice', 'negative_surge', 'unanswered_question', 'viral_post', 'volume_spike']);
      for (const [order, alerts] of byOrder) expect({ order, alerts }).toEqual({ order, alerts: reference });
    });
  }

  // The worker judges a released backfill in slices, yielding between them; slices as small as 7
  // mentions (ties kept together) must raise exactly what one release raises.
  it('judging in slices raises the same alerts as judging at once', () => {
    const input = orderFixture(1);
    for (const order of ['all-at-once', 'shuffled', 'killed-midway'] as const) {
      const whole = comparable(alertsInOrder(input, order, { seed: 1 }));
      expect(whole.length).toBeGreaterThan(5);
      expect({ order, alerts: comparable(alertsInOrder(input, order, { seed: 1, judgeSlice: 7 })) }).toEqual({ order, alerts: whole });
    }
  });
});
