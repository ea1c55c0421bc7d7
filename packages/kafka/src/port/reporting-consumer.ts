// A group member that reads batches of one or more topics and reports every assignment the
// coordinator gives it. Reading is read_committed unless asked otherwise: the pipeline's stages
// write in transactions, and nobody downstream may see what they aborted.

import type { Logger } from '@sl/observability';

/** One fetched record, as the broker stored it. */
export interface FetchedRecord {
  offset: string;
  key: Buffer | null;
  value: Buffer | null;
  /** Header values as fetched (bytes, or a list when a name repeats). */
  headers?: Record<string, Buffer | string | Array<Buffer | string> | undefined>;
  /** Broker timestamp, epoch ms as a decimal string. */
  timestamp: string;
}

export interface FetchedBatch {
  topic: string;
  partition: number;
  /** What is left to read after filtering (aborted records and transaction markers removed); never empty. */
  records: FetchedRecord[];
  /** The last offset this fetch covered, transaction markers included (what reading to an end offset compares). */
  lastOffset: string;
  highWatermark: string;
}

/** Where a fetch of one partition ended, told after its records were handled, also for a fetch that held only transaction markers (which no record handler sees). */
export interface BatchEnd {
  topic: string;
  partition: number;
  /** The last offset the fetch covered, markers included. */
  lastOffset: string;
  highWatermark: string;
}

export interface Assignment {
  memberId: string;
  /** Partitions of each subscribed topic this member owns until the next rebalance. */
  partitions: Record<string, number[]>;
}

export interface ConsumerOptions {
  groupId: string;
  /** @default true */
  readCommitted?: boolean;
  /** @default 30_000 ms */
  sessionTimeoutMs?: number;
  /** @default 3_000 ms */
  heartbeatIntervalMs?: number;
  /** Most bytes one fetch returns. @default the client's (10 MiB for kafkajs) */
  maxBytes?: number;
  /** How long the broker holds a fetch open for data. @default the client's (5 s for kafkajs) */
  maxWaitTimeMs?: number;
  /**
   * A long-lived reader: a consumer the client gave up on (a crash it does not restart from) is
   * started again with backoff until disconnect, and that is logged here. @default not restarted
   */
  restartLogger?: Logger;
}

export interface ReportingConsumer {
  connect(): Promise<void>;
  subscribe(topic: string, options?: { fromBeginning?: boolean }): Promise<void>;
  /** Starts fetching; `eachBatch` gets one partition's batch at a time. Nothing is committed by itself. */
  run(eachBatch: (batch: FetchedBatch) => Promise<void>): Promise<void>;
  /** Called at every (re)join with what this member now owns. */
  onAssignment(listener: (assignment: Assignment) => void): void;
  /** Called after each fetch of a partition was handled: how a reader knows it reached an offset a commit marker holds. */
  onBatchEnd(listener: (end: BatchEnd) => void): void;
  /** Called when the client stopped the consumer for good after `error` (with `restartLogger` it is started again instead). */
  onGiveUp(listener: (error: unknown) => void): void;
  /** The next fetch of the partition starts at `offset`. */
  seek(topic: string, partition: number, offset: string): void;
  /** Commits `offset` (the next to read) for each partition, outside any transaction. */
  commit(offsets: Array<{ topic: string; partition: number; offset: string }>): Promise<void>;
  disconnect(): Promise<void>;
}
