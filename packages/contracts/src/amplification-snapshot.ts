// AmplificationSnapshot: internal state of the amplification worker for one input partition.
// Topic amplification.snapshots (compacted), key = <input topic>:<partition>. Written in the same
// transaction as the alerts and offsets it reflects, so a worker taking the partition over loads
// it and replays the input from nextOffset silently. Since v2 a snapshot may be several records
// (chunks, see `chunk`), the last under that key. Schema:
// schemas/amplification-snapshot/AmplificationSnapshot.v<N>.avsc.
import { defineContract } from './contract.ts';

export interface AmplificationSnapshot {
  inputTopic: string;
  partition: number;
  /** First input offset not reflected in `state`. */
  nextOffset: string;
  /** Layout version of `state`, owned by packages/amplification. */
  stateFormat: number;
  /** The state's bytes (gzip members), or this chunk's part of them. */
  state: Buffer;
  /** Epoch milliseconds UTC. */
  writtenAt: number;
  /** Null when the whole state is in this record (all v1 records); otherwise its place among the snapshot's chunks. */
  chunk: SnapshotChunk | null;
}

export interface SnapshotChunk {
  /** Names the snapshot (one random value per snapshot written): chunks of two sets are never joined. */
  set: string;
  /** From 0; the chunk under `<input topic>:<partition>` is the last one, so its index + 1 is the count. */
  index: number;
}

export const amplificationSnapshotContract = defineContract<AmplificationSnapshot>('amplification-snapshot', 'AmplificationSnapshot');
