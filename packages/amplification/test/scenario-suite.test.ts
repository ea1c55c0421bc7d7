// The smallest tune scenarios of the independent suite (packages/amplification/scenarios), in every
// arrival order of the harness: the same alerts whatever the order, every planted event alerted
// exactly once, nothing else alerted. The whole suite runs in bench/scenario-bench.ts.
import type { Alert } from '@sl/contracts';
import { beforeAll, describe, expect, it } from 'vitest';
import { scenarioRecipe } from '../scenarios/catalogue.ts';
import { scenarioProblems } from '../scenarios/check-scenario.ts';
import type { Scenario } from '../scenarios/scenario.ts';
import { alertSetKey, scoreAlerts } from '../scenarios/score-alerts.ts';
import { ARRIVAL_ORDERS, type ArrivalOrder, alertsInOrder } from '../src/testing/arrival-orders.ts';

const SMALLEST_TUNE = ['museum-quiet-fortnight', 'indie-game-tiny-launch', 'bakery-small-town'];

const iso = (t: number) => new Date(t).toISOString();

describe.each(SMALLEST_TUNE)('scenario %s', (name) => {
  let scenario: Scenario;
  const runs = new Map<ArrivalOrder, Alert[]>();

  beforeAll(() => {
    scenario = scenarioRecipe(name).build();
    for (const order of ARRIVAL_ORDERS)
      runs.set(order, alertsInOrder({ brands: scenario.brands, mentions: scenario.mentions }, order, { seed: 7 }));
  });

  it('is a fair test (every unplanned question answered, no unplanned big account, events point at real mentions)', () => {
    expect(scenarioProblems(scenario)).toEqual([]);
    expect(scenario.split).toBe('tune');
  });

  it('gives the same alerts in every arrival order', () => {
    const reference = alertSetKey(runs.get('sorted-paced') ?? []);
    for (const order of ARRIVAL_ORDERS) expect({ order, alerts: alertSetKey(runs.get(order) ?? []) }).toEqual({ order, alerts: reference });
  });

  it.each(ARRIVAL_ORDERS)('alerts every planted event exactly once and nothing else, arriving %s', (order) => {
    const score = scoreAlerts(scenario, runs.get(order) ?? []);
    expect(score.misses.map((e) => `${e.kind} ${e.brandId} ${iso(e.at)} ${e.note}`)).toEqual([]);
    expect(score.duplicated.map((d) => `${d.event.kind} ${iso(d.event.at)}: ${d.alerts.length} alerts`)).toEqual([]);
    expect(
      score.falseAlarms.map(
        (f) =>
          `${f.alert.kind} ${f.alert.brandId} ${iso(f.alert.windowStart)} [${f.alert.mentionIds.slice(0, 3).join(' ')}]${f.quietReason ? ` (${f.quietReason})` : ''}`,
      ),
    ).toEqual([]);
  });
});
