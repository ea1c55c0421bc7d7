// Runs an S3 fault proxy through a list of fault steps. A step lasts until it has lasted its
// minimum AND failed its minimum number of requests (so every fault in a schedule is known to have
// hit real traffic, however slow the machine makes the clients), bounded by its maximum.
import { S3_FAULT_KINDS, type S3FaultCounts, type S3FaultPlan, type S3FaultProxy } from './s3-fault-proxy.ts';

export interface S3FaultStep {
  plan: S3FaultPlan;
  /** @default 3_000 ms */
  minMs?: number;
  /** Requests that must have failed under this step before it ends. @default 3 */
  minFaults?: number;
  /** @default 60_000 ms */
  maxMs?: number;
}

export interface S3FaultStepResult {
  /** `reset+stall every 2nd`, as printed. */
  name: string;
  ms: number;
  /** Requests failed under this step, by fault. */
  failed: Partial<Record<string, number>>;
  forwarded: number;
  /** False when the step hit its maximum before failing `minFaults` requests. */
  reachedMinimum: boolean;
}

export function describePlan(plan: S3FaultPlan): string {
  const every = plan.every ?? 1;
  return `${plan.kinds.join('+')}${every > 1 ? ` every ${ordinal(every)}` : ''}`;
}

export interface S3FaultScheduleOptions {
  onStep?: (result: S3FaultStepResult) => void;
  /** Ends the schedule at once (a failed test's clean-up); what ran so far is returned. */
  signal?: AbortSignal;
  /** @default 100 ms */
  pollMs?: number;
}

/** Runs the steps in order and lets every request through at the end, also when stopped early. */
export async function runS3FaultSchedule(proxy: S3FaultProxy, steps: readonly S3FaultStep[], options: S3FaultScheduleOptions = {}): Promise<S3FaultStepResult[]> {
  const results: S3FaultStepResult[] = [];
  const stopped = () => options.signal?.aborted === true;
  try {
    for (const step of steps) {
      if (stopped()) break;
      const minMs = step.minMs ?? 3_000;
      const minFaults = step.minFaults ?? 3;
      const maxMs = step.maxMs ?? 60_000;
      const before = proxy.counts();
      const began = Date.now();
      proxy.setFaults(step.plan);
      for (;;) {
        const elapsed = Date.now() - began;
        const failed = totalInjected(proxy.counts()) - totalInjected(before);
        if ((elapsed >= minMs && failed >= minFaults) || elapsed >= maxMs || stopped()) break;
        await new Promise((resolve) => setTimeout(resolve, options.pollMs ?? 100));
      }
      proxy.setFaults(undefined);
      const after = proxy.counts();
      const failed: Partial<Record<string, number>> = {};
      for (const kind of S3_FAULT_KINDS) {
        const n = after.injected[kind] - before.injected[kind];
        if (n > 0) failed[kind] = n;
      }
      const result = {
        name: describePlan(step.plan),
        ms: Date.now() - began,
        failed,
        forwarded: after.forwarded - before.forwarded,
        reachedMinimum: totalInjected(after) - totalInjected(before) >= minFaults,
      };
      results.push(result);
      options.onStep?.(result);
    }
  } finally {
    proxy.setFaults(undefined);
  }
  return results;
}

/** One line per step, for a test's output and failure messages. */
export function formatS3FaultSteps(results: readonly S3FaultStepResult[]): string {
  return results
    .map((r) => {
      const failed = Object.entries(r.failed).map(([kind, n]) => `${n} ${kind}`);
      return `${r.name} for ${(r.ms / 1000).toFixed(1)} s: ${failed.join(', ') || 'no request failed'}, ${r.forwarded} passed${r.reachedMinimum ? '' : ' (below its minimum)'}`;
    })
    .join('; ');
}

function totalInjected(counts: S3FaultCounts): number {
  return S3_FAULT_KINDS.reduce((sum, kind) => sum + counts.injected[kind], 0);
}

function ordinal(n: number): string {
  return `${n}${n % 10 === 1 && n % 100 !== 11 ? 'st' : n % 10 === 2 && n % 100 !== 12 ? 'nd' : n % 10 === 3 && n % 100 !== 13 ? 'rd' : 'th'}`;
}
