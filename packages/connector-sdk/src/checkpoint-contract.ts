// ConnectorCheckpoint: the last durable position of one connector instance. Topic
// connectors.checkpoints (compacted), key = instance name; written by the connector runner after
// each batch is acknowledged, read by it (and `sl connectors`) at start-up.
//
// Encoded as UTF-8 JSON rather than Avro: the position is each connector's own shape (a cursor,
// a file and byte offset, a map of feeds), which a fixed Avro schema could only hold as an opaque
// string. The envelope carries a version so a later format can still be read.
import type { Contract } from '@sl/contracts';
import type { StoredCheckpoint } from './checkpoint-store.ts';
import { ConnectorError } from './connector-error.ts';

const VERSION = 1;

function isStoredCheckpoint(value: unknown): value is StoredCheckpoint {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.connector === 'string' && typeof v.kind === 'string' && 'position' in v && typeof v.savedAt === 'number';
}

export const checkpointContract: Contract<StoredCheckpoint> = Object.freeze({
  name: 'ConnectorCheckpoint',
  version: VERSION,
  schema: {
    type: 'object',
    description: 'JSON: {"v":1,"connector":string,"kind":string,"position":any JSON,"savedAt":epoch ms}',
    required: ['v', 'connector', 'kind', 'position', 'savedAt'],
  },
  isValid: isStoredCheckpoint,
  encode(value: StoredCheckpoint): Buffer {
    if (!isStoredCheckpoint(value)) throw new ConnectorError('INVALID_CHECKPOINT', 'not a connector checkpoint');
    return Buffer.from(JSON.stringify({ v: VERSION, connector: value.connector, kind: value.kind, position: value.position, savedAt: value.savedAt }));
  },
  decode(bytes: Buffer): StoredCheckpoint {
    let parsed: unknown;
    try {
      parsed = JSON.parse(bytes.toString('utf8'));
    } catch (cause) {
      throw new ConnectorError('INVALID_CHECKPOINT', 'checkpoint record is not JSON', { cause });
    }
    const { v, ...rest } = (parsed ?? {}) as { v?: unknown };
    if (v !== VERSION) throw new ConnectorError('INVALID_CHECKPOINT', `unknown checkpoint format version ${String(v)}`);
    if (!isStoredCheckpoint(rest)) throw new ConnectorError('INVALID_CHECKPOINT', 'checkpoint record lacks connector, kind, position or savedAt');
    return rest;
  },
});
