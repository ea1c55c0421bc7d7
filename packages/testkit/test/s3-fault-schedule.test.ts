import { expect, it } from 'vitest';
import type { S3FaultCounts, S3FaultPlan, S3FaultProxy } from '../src/s3-fault-proxy.ts';
import { formatS3FaultSteps, runS3FaultSchedule } from '../src/s3-fault-schedule.ts';

/** A proxy whose traffic is simulated: each look at the counts is one request under the plan. */
function fakeProxy(): S3FaultProxy & { plans: Array<S3FaultPlan | undefined> } {
  const counts: S3FaultCounts = { forwarded: 0, injected: { reset: 0, 'internal-error': 0, 'slow-down': 0, stall: 0, 'cut-answer': 0 }, abandonedStalls: 0, swallowedAnswers: 0 };
  let plan: S3FaultPlan | undefined;
  let seen = 0;
  const plans: Array<S3FaultPlan | undefined> = [];
  return {
    endpoint: 'http://127.0.0.1:1',
    plans,
    setFaults(next) {
      plan = next;
      seen = 0;
      plans.push(next);
    },
    counts() {
      if (plan) {
        const every = plan.every ?? 1;
        const kind = plan.kinds[Math.floor(seen / every) % plan.kinds.length];
        if (seen % every === 0 && kind) counts.injected[kind] += 1;
        else counts.forwarded += 1;
        seen += 1;
      }
      return { ...counts, injected: { ...counts.injected } };
    },
    close: async () => {},
  };
}

it('holds each step until it has failed its minimum of requests, then lets traffic through', async () => {
  const proxy = fakeProxy();
  const results = await runS3FaultSchedule(
    proxy,
    [
      { plan: { kinds: ['reset'] }, minMs: 0, minFaults: 3 },
      { plan: { kinds: ['internal-error', 'stall'], every: 2 }, minMs: 0, minFaults: 4 },
    ],
    { pollMs: 1 },
  );
  expect(results.map(({ ms: _ms, ...r }) => r)).toEqual([
    { name: 'reset', failed: { reset: 3 }, forwarded: 0, reachedMinimum: true },
    { name: 'internal-error+stall every 2nd', failed: { 'internal-error': 2, stall: 2 }, forwarded: 3, reachedMinimum: true },
  ]);
  expect(proxy.plans.at(-1)).toBeUndefined();
  expect(formatS3FaultSteps(results)).toMatch(/^reset for \d+\.\d s: 3 reset, 0 passed; internal-error\+stall every 2nd for \d+\.\d s: 2 internal-error, 2 stall, 3 passed$/);
});

it('ends a step at its maximum when no request comes, and says so', async () => {
  const proxy = fakeProxy();
  proxy.counts = () => ({ forwarded: 0, injected: { reset: 0, 'internal-error': 0, 'slow-down': 0, stall: 0, 'cut-answer': 0 }, abandonedStalls: 0, swallowedAnswers: 0 });
  const results = await runS3FaultSchedule(proxy, [{ plan: { kinds: ['slow-down'] }, minMs: 0, minFaults: 1, maxMs: 20 }], { pollMs: 1 });
  expect(results.map((r) => [r.name, r.reachedMinimum, r.failed])).toEqual([['slow-down', false, {}]]);
  expect(formatS3FaultSteps(results)).toMatch(/no request failed, 0 passed \(below its minimum\)$/);
});

it('stops in the middle of a step when aborted, and lets every request through again', async () => {
  const proxy = fakeProxy();
  proxy.counts = () => ({ forwarded: 0, injected: { reset: 0, 'internal-error': 0, 'slow-down': 0, stall: 0, 'cut-answer': 0 }, abandonedStalls: 0, swallowedAnswers: 0 });
  const stop = new AbortController();
  // No traffic: without the abort the first step would last its maximum, an hour.
  const running = runS3FaultSchedule(
    proxy,
    [
      { plan: { kinds: ['slow-down'] }, minMs: 0, minFaults: 1, maxMs: 3_600_000 },
      { plan: { kinds: ['stall'] }, minMs: 0, minFaults: 1, maxMs: 3_600_000 },
    ],
    { pollMs: 1, signal: stop.signal },
  );
  await new Promise((resolve) => setTimeout(resolve, 20));
  expect(proxy.plans).toEqual([{ kinds: ['slow-down'] }]);
  stop.abort();
  const results = await running;
  expect(results.map((r) => [r.name, r.reachedMinimum])).toEqual([['slow-down', false]]);
  // The second step never started, and no fault is left in force.
  expect(proxy.plans.filter((plan) => plan !== undefined)).toEqual([{ kinds: ['slow-down'] }]);
  expect(proxy.plans.at(-1)).toBeUndefined();
});
