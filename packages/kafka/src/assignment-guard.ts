// Which partitions this group member owns, as the coordinator last told it. kafkajs can still hand
// a member a batch of a partition that a rebalance took away (fetched before the join; see
// tulios/kafkajs#1046), and lets it commit offsets there. A storage sink would then write files
// from a start offset nobody else uses, overlapping the new owner's files; a transactional stage
// would fence the new owner's producer, be fenced back, and the two would take turns for ever.
// Both runners ask `owns` before handling a batch; a fenced transactional stage asks `confirm`.
import type { Logger } from '@sl/observability';
import type { StageConsumer } from './port/stage-consumer.ts';

export interface AssignmentGuard {
  /** Whether the latest join gave this member the partition (and no fence check took it back since). */
  owns(partition: number): boolean;
  /**
   * Asks the coordinator whether this member owns the partition now. When it does not (or the
   * group is rebalancing, so nobody knows yet), the partition counts as not owned until the next join.
   */
  confirm(partition: number): Promise<boolean>;
  /** The partitions the latest join gave this member. */
  owned(): number[];
}

export function guardAssignment(consumer: StageConsumer, topic: string, log: Logger): AssignmentGuard {
  let owned = new Set<number>();
  const skipped = new Set<number>();
  consumer.onAssignment((assignment) => {
    owned = new Set(assignment.partitions[topic] ?? []);
    skipped.clear();
  });
  return {
    owns(partition) {
      if (owned.has(partition)) return true;
      // Once per partition and join: a stale batch is normal after a rebalance, a stream of them is not.
      if (!skipped.has(partition)) {
        skipped.add(partition);
        log.info({ partition }, 'skipping a batch of a partition this member does not own');
      }
      return false;
    },
    owned: () => [...owned].sort((a, b) => a - b),
    async confirm(partition) {
      const confirmed = (await consumer.currentAssignment(topic)).includes(partition);
      if (!confirmed) {
        owned.delete(partition);
        log.warn(
          { partition },
          'the coordinator does not give this member the partition (or the group is rebalancing); leaving it until the next join',
        );
      }
      return confirmed;
    },
  };
}
