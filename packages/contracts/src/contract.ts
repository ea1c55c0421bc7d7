// A Contract is everything a producer or consumer needs for one record: its current schema, and
// encode/decode in Avro single-object encoding. decode reads every published version, so a
// producer can move to vN+1 while consumers still hold vN data in their topics.
import type avsc from 'avsc';
import { ContractError } from './contract-error.ts';
import { formatFingerprint } from './schema-fingerprint.ts';
import { loadSchemaVersions, type SchemaVersion } from './schema-files.ts';
import { readSingleObjectHeader, writeSingleObjectHeader } from './single-object-encoding.ts';

export interface Contract<T> {
  /** Record name, e.g. 'RawMention'. */
  readonly name: string;
  /** The current (newest) version, the one encode() writes. */
  readonly version: number;
  /** The current schema JSON. */
  readonly schema: object;
  /** Single-object encoding: 0xC3 0x01, 8-byte little-endian CRC-64-AVRO fingerprint, Avro body. */
  encode(value: T): Buffer;
  /** Reads bytes written with any published version, resolved to the current one. */
  decode(bytes: Buffer): T;
  isValid(value: unknown): value is T;
}

/** A contract with its version history, for the compatibility check and tooling. */
export interface VersionedContract<T> extends Contract<T> {
  /** schemas/ sub-folder holding this record's versions, e.g. 'raw-mention'. */
  readonly directory: string;
  /** Every published version, oldest first; the last is the current one. */
  readonly versions: readonly SchemaVersion[];
  /** The current version's avsc Type. */
  readonly type: avsc.Type;
}

type BodyReader = (body: Buffer) => unknown;

/** Loads schemas/<directory>/<name>.v*.avsc and builds the contract for the newest version. */
export function defineContract<T>(directory: string, name: string): VersionedContract<T> {
  return contractFromVersions<T>(directory, loadSchemaVersions(directory, name));
}

/** Builds a contract from explicit versions (oldest first); tests use it for hypothetical v2s. */
export function contractFromVersions<T>(directory: string, versions: readonly SchemaVersion[]): VersionedContract<T> {
  const current = versions.at(-1);
  if (current === undefined) throw new Error(`${directory}: a contract needs at least one schema version`);
  const { name, type } = current;
  const header = writeSingleObjectHeader(current.fingerprint);

  // One reader per known writer fingerprint. Resolvers are built now, at load, so an
  // unreadable old version stops the process at start-up rather than on the first old record.
  const readers = new Map<bigint, BodyReader>();
  for (const writer of versions) {
    if (writer === current) {
      readers.set(writer.fingerprint, (body) => type.fromBuffer(body));
    } else {
      const resolver = type.createResolver(writer.type);
      readers.set(writer.fingerprint, (body) => type.fromBuffer(body, resolver));
    }
  }

  const isValid = (value: unknown): value is T => type.isValid(value);

  return {
    name,
    version: current.version,
    schema: current.schema,
    directory,
    versions,
    type,
    isValid,

    encode(value: T): Buffer {
      // The plain check first: the one with an error hook tracks a path through every field, which
      // every stage paid on every record it wrote; the paths are only needed to explain a refusal.
      if (!type.isValid(value)) {
        const problems = invalidPaths(type, value);
        throw new ContractError('INVALID_RECORD', name, `value does not match ${name} v${current.version}: ${problems.join('; ')}`);
      }
      return frame(header, (scratch, at) => type.encode(value, scratch, at));
    },

    decode(bytes: Buffer): T {
      const framed = readSingleObjectHeader(bytes);
      if (framed.kind === 'bad-magic') {
        const start = bytes.subarray(0, 2).toString('hex') || '(empty)';
        throw new ContractError('BAD_MAGIC', name, `not Avro single-object encoding: expected marker c301, got ${start}`);
      }
      if (framed.kind === 'truncated-header') {
        throw new ContractError('TRUNCATED_BODY', name, `header cut short: ${bytes.length} of 10 bytes`);
      }
      const read = readers.get(framed.fingerprint);
      if (read === undefined) {
        const known = versions.map((v) => `v${v.version}=${formatFingerprint(v.fingerprint)}`).join(', ');
        throw new ContractError(
          'UNKNOWN_SCHEMA_FINGERPRINT',
          name,
          `writer schema fingerprint ${formatFingerprint(framed.fingerprint)} is not a known version (${known}); the record may belong to another topic or a newer release`,
        );
      }
      try {
        return read(framed.body) as T;
      } catch (cause) {
        // avsc reports a short body as 'truncated buffer'; anything else is a malformed body.
        const truncated = cause instanceof Error && /truncated/i.test(cause.message);
        const detail = cause instanceof Error ? cause.message : String(cause);
        throw new ContractError(truncated ? 'TRUNCATED_BODY' : 'INVALID_BODY', name, `cannot decode body: ${detail}`, { cause });
      }
    },
  };
}

// Every contract's encode writes its body here, after the header, and copies the record out once:
// avsc's toBuffer wrote into its own scratch, copied into a zero-filled buffer, and a concat with
// the header copied the whole record again, three allocations a record in every stage.
let scratch = Buffer.allocUnsafe(64 * 1024);

/**
 * The header and the body `write` puts at `at` (returning where it ended, or minus the bytes it
 * lacked, as avsc's Type.encode does), as one new buffer.
 */
function frame(header: Buffer, write: (scratch: Buffer, at: number) => number): Buffer {
  for (;;) {
    const end = write(scratch, header.length);
    if (end >= 0) {
      const record = Buffer.allocUnsafe(end);
      header.copy(record, 0);
      scratch.copy(record, header.length, header.length, end);
      return record;
    }
    scratch = Buffer.allocUnsafe(Math.max(scratch.length * 2, scratch.length - end));
  }
}

/** Human-readable list of where `value` departs from `type`, e.g. 'author.handle: got undefined'. */
function invalidPaths(type: avsc.Type, value: unknown): string[] {
  const problems: string[] = [];
  type.isValid(value, {
    errorHook: (path: string[], got: unknown) => {
      problems.push(`${path.length > 0 ? path.join('.') : '(root)'}: got ${describeValue(got)}`);
    },
  });
  return problems;
}

function describeValue(value: unknown): string {
  if (value === undefined) return 'undefined (missing)';
  if (Buffer.isBuffer(value)) return `Buffer(${value.length})`;
  const json = JSON.stringify(value);
  return json === undefined ? String(value) : json.length > 60 ? `${json.slice(0, 57)}...` : json;
}
