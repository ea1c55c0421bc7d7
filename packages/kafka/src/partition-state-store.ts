// State a transactional stage keeps per input partition, made durable the Kafka Streams way but
// cheaper: a snapshot of a partition's state goes into a compacted topic every few seconds, in
// the same transaction as the outputs and offsets it reflects. A member that takes a partition
// over (or retries after an abort) loads the latest snapshot and replays the input from the
// snapshot's offset to the group's committed offset without emitting anything, which rebuilds
// exactly the state the committed offset implies, provided the stage is deterministic. A snapshot
// is written as chunk records, one per piece the stage's serializer yields (snapshot-chunks.ts),
// so the whole state is never one Buffer on its way out; a single-record snapshot of the code
// before chunks still restores.
import type { AmplificationSnapshot } from '@sl/contracts';
import { Histogram, type Logger, type Registry } from '@sl/observability';

import type { ConsumedRecord } from './consumer-runner.ts';
import type { ControlRecord } from './control-record.ts';
import { readLatestByKey } from './read-to-end.ts';
import { readPartitionRange } from './read-partition-range.ts';
import { findSnapshot, highestChunkKey, snapshotChunkStream } from './snapshot-chunks.ts';
import { stageCounter } from './stage-instruments.ts';
import type { TopicDefinition } from './topic.ts';
import type { StageOutput } from './transactional-stage.ts';
import type { KafkaClient } from './port/kafka-client.ts';

/** A state as the stage encodes it: its layout's number and its bytes, in pieces. */
export interface SerializedState {
  format: number;
  /**
   * Concatenated in order, the state's bytes. Each piece becomes one record of the snapshot as it
   * is produced, so a lazy iterable (a generator) never has the whole state in one Buffer.
   */
  pieces: Iterable<Buffer>;
}

/** A restored state's bytes: the pieces a snapshot's records held, in order. */
export interface RestoredState {
  format: number;
  pieces: Buffer[];
}

export interface PartitionStateStoreOptions<In, S> {
  kafka: KafkaClient;
  input: TopicDefinition<In>;
  snapshots: TopicDefinition<AmplificationSnapshot>;
  logger: Logger;
  /** A fresh state, or one from a snapshot (undefined when none, torn, or in an unknown format). */
  create: (restored: RestoredState | undefined) => S;
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
  /**
   * A snapshot's records for this batch's transaction when one is due. They are made as the
   * transaction sends them, from the state as it is then: the caller changes the state no more
   * before the batch's commit (the stage loop commits a batch before it handles the next).
   */
  snapshotIfDue(partition: number, nextOffset: string): StageOutput | null;
  /** The state held for a partition, if it was loaded. */
  peek(partition: number): S | undefined;
}

interface Held<S> {
  state: S;
  /** When the next snapshot is due. */
  dueAt: number;
  /** The highest chunk key of this partition known to hold state bytes (snapshot-chunks.ts). */
  highestKey: number;
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
  const snapshotChunksWritten = stageCounter(options.metrics, 'sl_state_snapshot_chunks_total', 'Records (chunks) of partition state snapshots written.');
  const snapshotsTorn = stageCounter(
    options.metrics,
    'sl_state_snapshots_torn_total',
    'Snapshots not restored because their chunk set was not whole; the state was rebuilt from the input instead.',
  );
  // A snapshot is made on the stage's event loop inside a batch's transaction: its time is added
  // to that batch's outputs (alerts included), so it is measured.
  const snapshotSeconds = options.metrics
    ? ((options.metrics.getSingleMetric('sl_state_snapshot_seconds') as Histogram<'topic'> | undefined) ??
      new Histogram({
        name: 'sl_state_snapshot_seconds',
        help: "Time spent serialising one partition's state snapshot (on the stage's event loop, as the batch's transaction sends it).",
        labelNames: ['topic'],
        buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
        registers: [options.metrics],
      }))
    : undefined;
  const keyOf = (partition: number) => `${input.name}:${partition}`;

  return {
    async get(partition, committedOffset) {
      const current = held.get(partition);
      if (current) return current.state;
      const started = Date.now();
      const { values } = await readLatestByKey(kafka, snapshots);
      const found = findSnapshot(values, keyOf(partition));
      const highestKey = highestChunkKey(values, keyOf(partition));
      if (found.kind === 'torn') {
        // Never reached by a transactional writer; counted and logged, and the input replayed whole.
        snapshotsTorn?.inc({ stage: 'partition-state', topic: input.name });
        log.error({ partition, snapshotOffset: found.snapshot.nextOffset, reason: found.reason }, 'snapshot chunk set not whole; rebuilding the state from the input');
      }
      values.clear();
      const usable = found.kind === 'found' && BigInt(found.snapshot.nextOffset) <= BigInt(committedOffset) ? found : undefined;
      const state = options.create(usable ? { format: usable.snapshot.stateFormat, pieces: usable.pieces } : undefined);
      const from = usable?.snapshot.nextOffset ?? '0';
      const { read, undecodable } = await readPartitionRange(kafka, input, partition, { from, to: committedOffset }, (record) => options.replay(state, record), {
        onControl: (control) => options.replayControl?.(state, control),
      });
      replayed?.inc({ stage: 'partition-state', topic: input.name }, read);
      log.info(
        { partition, snapshotOffset: usable?.snapshot.nextOffset ?? null, chunks: usable?.chunks ?? 0, committedOffset, replayed: read, undecodable, ms: Date.now() - started },
        'partition state restored',
      );
      held.set(partition, { state, dueAt: Date.now() + interval, highestKey });
      return state;
    },

    reset(partition) {
      held.delete(partition);
    },

    peek: (partition) => held.get(partition)?.state,

    snapshotIfDue(partition, nextOffset) {
      const entry = held.get(partition);
      if (!entry || Date.now() < entry.dueAt) return null;
      const { format, pieces } = options.serialize(entry.state);
      const head = { inputTopic: input.name, partition, nextOffset, stateFormat: format, writtenAt: Date.now() };
      // Not due again before this one is written (or the partition is reset after a failed write).
      entry.dueAt = Number.POSITIVE_INFINITY;
      const messages = snapshotChunkStream(snapshots, keyOf(partition), head, pieces, entry.highestKey, (written) => {
        // Known from here on only if this transaction commits; an abort resets the partition (and a
        // restore reads the keys again), so a value too low is never kept past a failed write.
        entry.highestKey = written.highestKey;
        entry.dueAt = Date.now() + Math.max(interval, SNAPSHOT_COST_FACTOR * written.busyMs);
        snapshotsWritten?.inc({ stage: 'partition-state', topic: input.name });
        snapshotBytes?.inc({ stage: 'partition-state', topic: input.name }, written.bytes);
        snapshotChunksWritten?.inc({ stage: 'partition-state', topic: input.name }, written.chunks);
        snapshotSeconds?.observe({ topic: input.name }, written.busyMs / 1000);
      });
      return { topic: snapshots.name, messages };
    },
  };
}
