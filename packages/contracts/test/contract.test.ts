import { describe, expect, it } from 'vitest';
import {
  type ContractError,
  contractFromVersions,
  isContractError,
  type RawMention,
  rawMentionContract,
  SINGLE_OBJECT_HEADER_LENGTH,
  schemaVersion,
} from '../src/index.ts';
import { goldenValues, sparseValues } from './golden-values.ts';

function decodeError(bytes: Buffer): ContractError {
  try {
    rawMentionContract.decode(bytes);
  } catch (error) {
    if (isContractError(error)) return error;
    throw error;
  }
  throw new Error('expected decode to throw');
}

describe('single-object encoding', () => {
  const bytes = rawMentionContract.encode(goldenValues.RawMention);

  it('starts with C3 01 and the current fingerprint, little-endian', () => {
    expect(bytes.subarray(0, 2)).toEqual(Buffer.from([0xc3, 0x01]));
    const fingerprint = rawMentionContract.versions.at(-1)?.fingerprint ?? -1n;
    expect(bytes.readBigUInt64LE(2)).toBe(fingerprint);
    expect(bytes.subarray(SINGLE_OBJECT_HEADER_LENGTH)).toEqual(rawMentionContract.type.toBuffer(goldenValues.RawMention));
  });

  it('round-trips both sides of every union', () => {
    for (const value of [goldenValues.RawMention, sparseValues.RawMention]) {
      expect(rawMentionContract.decode(rawMentionContract.encode(value))).toEqual(value);
    }
  });

  it('exposes the newest version and its schema', () => {
    expect(rawMentionContract.name).toBe('RawMention');
    expect(rawMentionContract.version).toBe(rawMentionContract.versions.length);
    expect(rawMentionContract.schema).toMatchObject({ name: 'RawMention', namespace: 'sl.v1' });
  });
});

describe('decode failures are ContractErrors with a stable code', () => {
  const good = rawMentionContract.encode(goldenValues.RawMention);

  it('BAD_MAGIC for bytes without the marker (e.g. JSON, or Confluent framing)', () => {
    const error = decodeError(Buffer.from('{"id":"x"}'));
    expect(error.code).toBe('BAD_MAGIC');
    expect(error.retriable).toBe(false);
    expect(decodeError(Buffer.alloc(0)).code).toBe('BAD_MAGIC');
  });

  it('TRUNCATED_BODY for a cut header or a cut body, with the avsc error as cause', () => {
    expect(decodeError(good.subarray(0, 6)).code).toBe('TRUNCATED_BODY');
    const cutBody = decodeError(good.subarray(0, good.length - 5));
    expect(cutBody.code).toBe('TRUNCATED_BODY');
    expect(cutBody.cause).toBeInstanceOf(Error);
  });

  it('UNKNOWN_SCHEMA_FINGERPRINT names the fingerprint it saw and the known ones', () => {
    const otherRecord = Buffer.from(good);
    otherRecord.writeBigUInt64LE(0x0123456789abcdefn, 2);
    const error = decodeError(otherRecord);
    expect(error.code).toBe('UNKNOWN_SCHEMA_FINGERPRINT');
    expect(error.message).toContain('0123456789abcdef');
    expect(error.message).toContain('v1=');
  });

  it('INVALID_BODY for trailing bytes after the record', () => {
    expect(decodeError(Buffer.concat([good, Buffer.from([0x00])])).code).toBe('INVALID_BODY');
  });
});

describe('encode', () => {
  it('rejects a value that does not match the schema with INVALID_RECORD and the field paths', () => {
    const { id: _dropped, ...withoutId } = goldenValues.RawMention;
    const bad = { ...withoutId, author: { handle: 7 }, publishedAt: '2024-05-01' } as unknown as RawMention;
    let caught: unknown;
    try {
      rawMentionContract.encode(bad);
    } catch (error) {
      caught = error;
    }
    expect(isContractError(caught)).toBe(true);
    const error = caught as ContractError;
    expect(error.code).toBe('INVALID_RECORD');
    expect(error.message).toContain('publishedAt: got "2024-05-01"');
    expect(error.message).toContain('author.handle: got 7');
    expect(error.message).toContain('id: got undefined (missing)');
  });

  it('writes the same bytes as header + avsc toBuffer for records larger than its 64 KiB scratch, and after them', () => {
    const { id: _id, ...golden } = goldenValues.RawMention;
    const large: RawMention = { ...golden, id: 'large', text: 'é'.repeat(100_000) };
    const small: RawMention = { ...golden, id: 'small' };
    const header = rawMentionContract.encode(small).subarray(0, SINGLE_OBJECT_HEADER_LENGTH);
    for (const value of [small, large, small, large]) {
      const bytes = rawMentionContract.encode(value);
      expect(bytes).toEqual(Buffer.concat([header, rawMentionContract.type.toBuffer(value)]));
      expect(rawMentionContract.decode(bytes)).toEqual(value);
    }
    expect(rawMentionContract.encode(large).length).toBe(SINGLE_OBJECT_HEADER_LENGTH + rawMentionContract.type.toBuffer(large).length);
  });

  it('rejects longs beyond Number.MAX_SAFE_INTEGER rather than losing precision', () => {
    const value = { ...goldenValues.RawMention, engagement: { likes: 2 ** 53 + 2, shares: 0, replies: 0 } };
    expect(() => rawMentionContract.encode(value)).toThrow(/engagement\.likes/);
  });
});

describe('isContractError', () => {
  it('recognises an error from another copy of this package by its brand, not its class', () => {
    const fromOtherCopy = Object.assign(new Error('x'), { [Symbol.for('@sl/contracts.ContractError')]: true, code: 'BAD_MAGIC' });
    expect(isContractError(fromOtherCopy)).toBe(true);
  });

  it('does not accept look-alikes that only share a code', () => {
    expect(isContractError(Object.assign(new Error('x'), { code: 'BAD_MAGIC' }))).toBe(false);
    expect(isContractError(null)).toBe(false);
    expect(isContractError('BAD_MAGIC')).toBe(false);
  });
});

describe('decoding an older version', () => {
  it('resolves a v1 record to the current version by its fingerprint', () => {
    const v1 = rawMentionContract.versions[0];
    if (v1 === undefined) throw new Error('no v1');
    const v2Schema = {
      ...v1.schema,
      fields: [...(v1.schema as { fields: object[] }).fields, { name: 'sourceScore', type: ['null', 'double'], default: null, doc: 'test' }],
    };
    const v2 = contractFromVersions<RawMention & { sourceScore: number | null }>('raw-mention', [v1, schemaVersion('RawMention', 2, v2Schema)]);
    // Pinned to v1 on both sides (not the current contract), so this holds after v2 is real.
    const v1Only = contractFromVersions<RawMention>('raw-mention', [v1]);
    const written = v1Only.encode(goldenValues.RawMention);
    expect(v2.decode(written)).toEqual({ ...goldenValues.RawMention, sourceScore: null });
    // And the new writer's records carry the new fingerprint, which v1-only readers reject.
    const v2Bytes = v2.encode({ ...goldenValues.RawMention, sourceScore: 0.5 });
    expect(() => v1Only.decode(v2Bytes)).toThrow(/not a known version/);
  });
});
