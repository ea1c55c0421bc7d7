// Where a connector run hands its output. deliver() resolves only when every mention and dead
// letter is durable: the checkpoint is saved after it, so a crash in between repeats the batch
// (at least once) and stable ids let the enricher drop the repeat.
import type { RawMention } from '@sl/contracts';
import type { RejectedItem } from './validate-items.ts';

export interface Delivery {
  /** The connector instance, for headers and dead letters. */
  connector: string;
  mentions: readonly RawMention[];
  rejected: readonly RejectedItem[];
}

export interface MentionSink {
  deliver(delivery: Delivery): Promise<void>;
}

/** Keeps everything delivered in memory, in order: for tests and the conformance kit. */
export interface MemoryMentionSink extends MentionSink {
  readonly mentions: RawMention[];
  readonly rejected: Array<RejectedItem & { connector: string }>;
  readonly deliveries: number;
}

export function createMemoryMentionSink(): MemoryMentionSink {
  const mentions: RawMention[] = [];
  const rejected: Array<RejectedItem & { connector: string }> = [];
  let deliveries = 0;
  return {
    mentions,
    rejected,
    get deliveries() {
      return deliveries;
    },
    async deliver(delivery) {
      deliveries += 1;
      mentions.push(...delivery.mentions);
      rejected.push(...delivery.rejected.map((r) => ({ ...r, connector: delivery.connector })));
    },
  };
}
