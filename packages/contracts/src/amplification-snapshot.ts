// AmplificationSnapshot: internal state of the amplification worker for one input partition.
// Topic amplification.snapshots (compacted), key = <input topic>:<partition>. Written in the same
// transaction as the alerts and offsets it reflects, so a worker taking the partition over loads
// it and replays the input from nextOffset silently. Schema:
// schemas/amplification-snapshot/AmplificationSnapshot.v<N>.avsc.
import { defineContract } from './contract.ts';

export interface AmplificationSnapshot {
  inputTopic: string;
  partition: number;
  /** First input offset not reflected in `state`. */
  nextOffset: string;
  /** Layout version of `state`, owned by packages/amplification. */
  stateFormat: number;
  /** gzip JSON. */
  state: Buffer;
  /** Epoch milliseconds UTC. */
  writtenAt: number;
}

export const amplificationSnapshotContract = defineContract<AmplificationSnapshot>('amplification-snapshot', 'AmplificationSnapshot');
