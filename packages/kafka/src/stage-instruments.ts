// What the stage loop attaches to its consumer: the stage's counters (registered once per
// registry, shared by every stage in the process), a promise for the first group join, and
// heartbeats while a batch takes long.
import { Counter, type Logger, type Registry } from '@sl/observability';
import type { BatchControl, StageConsumer } from './port/stage-consumer.ts';

export type StageCounter = Counter<'stage' | 'topic'>;

export function stageCounter(registry: Registry | undefined, name: string, help: string): StageCounter | undefined {
  if (!registry) return undefined;
  return (
    (registry.getSingleMetric(name) as StageCounter | undefined) ??
    new Counter({ name, help, labelNames: ['stage', 'topic'], registers: [registry] })
  );
}

/**
 * Logs each (re)join with the partitions of `topic` this member now owns, tells `onJoin`, and
 * resolves the returned promise at the first join.
 */
export function onGroupJoin(consumer: StageConsumer, topic: string, log: Logger, onJoin: (partitions: number[]) => void): Promise<void> {
  return new Promise<void>((resolve) => {
    consumer.onAssignment((assignment) => {
      const partitions = assignment.partitions[topic] ?? [];
      log.info({ partitions }, 'joined group');
      onJoin(partitions);
      resolve();
    });
  });
}

/**
 * Heartbeats while a slow handler runs (a webhook being retried, a large upload, a transactional
 * stage's warm-up), so the group keeps this member.
 */
export async function whileHeartbeating<R>(control: BatchControl, intervalMs: number, work: () => Promise<R>): Promise<R> {
  // A heartbeat refused during a rebalance is not this handler's failure: the batch finds out it is stale.
  const timer = setInterval(() => void control.heartbeat().catch(() => undefined), intervalMs);
  try {
    return await work();
  } finally {
    clearInterval(timer);
  }
}
