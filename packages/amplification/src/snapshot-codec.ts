// A partition's state on the wire: gzip over JSON. JSON because the state is plain data whose
// layout belongs to this package (STATE_FORMAT); gzip because author tables compress about 5:1.
import { gunzipSync, gzipSync } from 'node:zlib';
import { type PartitionState, STATE_FORMAT } from './brand-state.ts';

export function encodeState(state: PartitionState): Buffer {
  return gzipSync(JSON.stringify(state), { level: 6 });
}

/** The state, or undefined when it was written in a layout this version does not know. */
export function decodeState(bytes: Buffer, format: number): PartitionState | undefined {
  if (format !== STATE_FORMAT) return undefined;
  const state = JSON.parse(gunzipSync(bytes).toString('utf8')) as PartitionState;
  return state.format === STATE_FORMAT ? state : undefined;
}
