// State a transactional stage keeps per input partition, made durable the Kafka Streams way but
// cheaper: a snapshot of a partition's state goes into a compacted topic every few seconds, in
// the same transaction as the outputs and offsets it reflects. A member that takes a partition
// over (or retries after an abort) loads the latest snapshot and replays the input from the
// snapshot's offset to the group's committed offset without emitting anything, which rebuilds
// exactly the state the committed offset implies, provided the stage is deterministic.
import type { AmplificationSnapshot } from '@sl/contracts';
import type { Logger, Registry } from '@sl/observability';

import type { ConsumedRecord } from './consumer-runner.ts';
import type { ControlRecord } from './control-record.ts';
import { readLatestByKey } from './read-to-end.ts';
import { readPartitionRange } from './read-partition-range.ts';
import { stageCounter } from './stage-instruments.ts';
import type { TopicDefinition } from './topic.ts';
import type { StageOutput } from './transactional-stage.ts';
import { encodeRecord } from './typed-producer.ts';
import type { KafkaClient } from './port/kafka-client.ts';

export interface SerializedState {
  format: number;
  bytes: Buffer;
}

export interface PartitionStateStoreOptions<In, S> {
  kafka: KafkaClient;
  input: TopicDefinition<In>;
  snapshots: TopicDefinition<AmplificationSnapshot>;
  logger: Logger;
  /** A fresh state, or one from a snapshot (undefined when none or in an unknown format). */
  create: (restored: SerializedState | undefined) => S;
  /** Applies one input record to the state without emitting anything (a promise is awaited). */
  replay: (state: S, record: ConsumedRecord<In>) => void | Promise<void>;
  /** Applies one control record (a watermark tick) during the replay, in its place (a promise is awaited). */
  replayControl?: (state: S, control: ControlRecord) => void | Promise<void>;
  serialize: (state: S) => SerializedState;
  /** The least time between two snapshots of a partition; a large state waits longer (SNAPSHOT_COST_FACTOR). @default 10_000 ms */
  snapshotIntervalMs?: number;
  metrics?: Registry;
}

export interface PartitionStateStore<S> {
  /** The partition's state as of `committedOffset` (the first offset of the batch at hand). */
  get(partition: number, committedOffset: string): Promise<S>;
  /** Forgets a partition's state (aborted transaction, partition moved). */
  reset(partition: number): void;
  /** A snapshot record for this batch's transaction when one is due. */
  snapshotIfDue(partition: number, nextOffset: string): StageOutput | null;
  /** The state held for a partition, if it was loaded. */
  peek(partition: number): S | undefined;
}

interface Held<S> {
  state: S;
  /** When the next snapshot is due. */
  dueAt: number;
}

/**
 * A snapshot is the whole state, serialised on the stage's event loop: the next one waits at
 * least this many times as long as the last one took, so snapshots cost at most about 1/20 of the
 * stage's time however large the state grows (a backfill waiting for its watermark made 9 MB
 * snapshots that took 0.85 s each, every 2 s in the chaos test). The price is a longer replay.
 */
const SNAPSHOT_COST_FACTOR = 20;

export function createPartitionStateStore<In, S>(options: PartitionStateStoreOptions<In, S>): PartitionStateStore<S> {
  const { kafka, input, snapshots } = options;
  const log = options.logger.child({ component: 'partition-state', topic: input.name });
  const interval = options.snapshotIntervalMs ?? 10_000;
  const held = new Map<number, Held<S>>();
  const replayed = stageCounter(options.metrics, 'sl_state_replayed_records_total', 'Input records replayed to rebuild partition state.');
  const snapshotsWritten = stageCounter(options.metrics, 'sl_state_snapshots_total', 'Partition state snapshots written.');
  const snapshotBytes = stageCounter(options.metrics, 'sl_state_snapshot_bytes_total', 'Bytes of partition state snapshots written.');
  const keyOf = (partition: number) => `${input.name}:${partition}`;

  return {
    async get(partition, committedOffset) {
      const current = held.get(partition);
      if (current) return current.state;
      const started = Date.now();
      const { values } = await readLatestByKey(kafka, snapshots);
      const snapshot = values.get(keyOf(partition));
      const usable = snapshot && BigInt(snapshot.nextOffset) <= BigInt(committedOffset) ? snapshot : undefined;
      const state = options.create(usable ? { format: usable.stateFormat, bytes: usable.state } : undefined);
      const from = usable?.nextOffset ?? '0';
      const { read, undecodable } = await readPartitionRange(kafka, input, partition, { from, to: committedOffset }, (record) => options.replay(state, record), {
        onControl: (control) => options.replayControl?.(state, control),
      });
      replayed?.inc({ stage: 'partition-state', topic: input.name }, read);
      log.info({ partition, snapshotOffset: usable?.nextOffset ?? null, committedOffset, replayed: read, undecodable, ms: Date.now() - started }, 'partition state restored');
      held.set(partition, { state, dueAt: Date.now() + interval });
      return state;
    },

    reset(partition) {
      held.delete(partition);
    },

    peek: (partition) => held.get(partition)?.state,

    snapshotIfDue(partition, nextOffset) {
      const entry = held.get(partition);
      if (!entry || Date.now() < entry.dueAt) return null;
      const started = Date.now();
      const { format, bytes } = options.serialize(entry.state);
      const took = Date.now() - started;
      entry.dueAt = Date.now() + Math.max(interval, SNAPSHOT_COST_FACTOR * took);
      snapshotsWritten?.inc({ stage: 'partition-state', topic: input.name });
      snapshotBytes?.inc({ stage: 'partition-state', topic: input.name }, bytes.length);
      const value: AmplificationSnapshot = { inputTopic: input.name, partition, nextOffset, stateFormat: format, state: bytes, writtenAt: Date.now() };
      return { topic: snapshots.name, messages: [encodeRecord(snapshots, { key: keyOf(partition), value })] };
    },
  };
}
