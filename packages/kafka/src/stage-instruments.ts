// What both stage runners attach to their consumer: the stage's counters (registered once per
// registry, shared by every runner in the process) and a promise for the first group join.
import type { Consumer } from 'kafkajs';
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
