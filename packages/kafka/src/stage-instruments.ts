// What both stage runners attach to their consumer: the stage's counters (registered once per
// registry, shared by every runner in the process), a promise for the first group join, and
// heartbeats while a batch takes long.
import type { Consumer, EachBatchPayload } from 'kafkajs';
import { Counter, type Logger, type Registry } from '@sl/observability';

export type StageCounter = Counter<'stage' | 'topic'>;

export function stageCounter(registry: Registry | undefined, name: string, help: string): StageCounter | undefined {
  if (!registry) return undefined;
  return (registry.getSingleMetric(name) as StageCounter | undefined) ?? new Counter({ name, help, labelNames: ['stage', 'topic'], registers: [registry] });
}

/**
 * Logs each (re)join with the partitions of `topic` this member now owns, tells `onJoin`, and
 * resolves the returned promise at the first join.
 */
export function onGroupJoin(consumer: Consumer, topic: string, log: Logger, onJoin: (partitions: number[]) => void): Promise<void> {
  return new Promise<void>((resolve) => {
    consumer.on(consumer.events.GROUP_JOIN, (event) => {
      const partitions = event.payload.memberAssignment[topic] ?? [];
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
export async function whileHeartbeating<R>(payload: EachBatchPayload, intervalMs: number, work: () => Promise<R>): Promise<R> {
  // A heartbeat refused during a rebalance is not this handler's failure: the batch finds out it is stale.
  const timer = setInterval(() => void payload.heartbeat().catch(() => undefined), intervalMs);
  try {
    return await work();
  } finally {
    clearInterval(timer);
  }
}
