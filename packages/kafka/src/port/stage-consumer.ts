// A group member as a stage drives it (stage-loop.ts): one partition's batch at a time, each with
// a control to heartbeat while it works, to know whether the batch is still this member's, and to
// mark what it finished. Nothing is committed by itself: the stage commits after the batch, after
// a durable upload, or inside a transaction (commit/*.ts).
import type { Logger } from '@sl/observability';
import type { RetryPolicy } from '../retry-policy.ts';
import type { Assignment, FetchedBatch } from './reporting-consumer.ts';

export interface BatchControl {
  /** Tells the coordinator this member is alive; rejects with an out-of-group error when it no longer counts it. */
  heartbeat(): Promise<void>;
  /** False once the consumer is stopping. */
  isRunning(): boolean;
  /** True once a rebalance began: the partition may be another member's by now. */
  isStale(): boolean;
  /** The next fetch of the partition starts after `offset`. */
  resolveOffset(offset: string): void;
}

export interface StageConsumerOptions {
  groupId: string;
  /** @default 30_000 ms */
  sessionTimeoutMs?: number;
  /** @default 3_000 ms */
  heartbeatIntervalMs?: number;
  /** Partitions handled at the same time. @default 1 */
  partitionsConsumedConcurrently?: number;
  /** A fetch is answered once this many bytes are ready, or after maxWaitTimeMs. @default 1 byte */
  minBytes?: number;
  /** The longest a fetch waits for minBytes. @default 5_000 ms */
  maxWaitTimeMs?: number;
  /** Where the client's crashes and restarts are logged. */
  logger: Logger;
  /** Backoff between restarts of a consumer the client gave up on. @default defaultRetryPolicy */
  retry?: RetryPolicy;
}

export interface StageConsumer {
  connect(): Promise<void>;
  subscribe(topic: string, options?: { fromBeginning?: boolean }): Promise<void>;
  /**
   * Starts fetching; read_committed. `eachBatch` gets one partition's batch at a time; what it
   * throws with an out-of-group error makes the member rejoin. A consumer the client gave up on is
   * started again (with backoff) until disconnect.
   */
  run(eachBatch: (batch: FetchedBatch, control: BatchControl) => Promise<void>): Promise<void>;
  /** Called at every (re)join with what this member now owns. */
  onAssignment(listener: (assignment: Assignment) => void): void;
  /** The partitions of `topic` the coordinator gives this member now; [] while the group is not Stable or it is not a member. */
  currentAssignment(topic: string): Promise<number[]>;
  /** The next fetch of the partition starts at `offset`. */
  seek(topic: string, partition: number, offset: string): void;
  /** Commits `offset` (the next to read) for each partition, outside any transaction. */
  commit(offsets: Array<{ topic: string; partition: number; offset: string }>): Promise<void>;
  disconnect(): Promise<void>;
}
