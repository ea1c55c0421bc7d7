// The framing of Avro single-object encoding: a two-byte marker, the writer schema's fingerprint
// (8 bytes, little-endian), then the Avro binary body. The framing is what lets a reader pick the
// writer schema without a registry server.

export const SINGLE_OBJECT_MAGIC = Buffer.from([0xc3, 0x01]);
export const SINGLE_OBJECT_HEADER_LENGTH = SINGLE_OBJECT_MAGIC.length + 8;

export function writeSingleObjectHeader(fingerprint: bigint): Buffer {
  const header = Buffer.alloc(SINGLE_OBJECT_HEADER_LENGTH);
  SINGLE_OBJECT_MAGIC.copy(header, 0);
  header.writeBigUInt64LE(fingerprint, SINGLE_OBJECT_MAGIC.length);
  return header;
}

export type SingleObjectHeader =
  | { kind: 'ok'; fingerprint: bigint; body: Buffer }
  | { kind: 'bad-magic' }
  | { kind: 'truncated-header' };

export function readSingleObjectHeader(bytes: Buffer): SingleObjectHeader {
  if (bytes.length < SINGLE_OBJECT_MAGIC.length || bytes[0] !== SINGLE_OBJECT_MAGIC[0] || bytes[1] !== SINGLE_OBJECT_MAGIC[1]) {
    return { kind: 'bad-magic' };
  }
  if (bytes.length < SINGLE_OBJECT_HEADER_LENGTH) return { kind: 'truncated-header' };
  return {
    kind: 'ok',
    fingerprint: bytes.readBigUInt64LE(SINGLE_OBJECT_MAGIC.length),
    body: bytes.subarray(SINGLE_OBJECT_HEADER_LENGTH),
  };
}
