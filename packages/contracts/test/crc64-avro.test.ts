import { describe, expect, it } from 'vitest';
import { CRC64_AVRO_EMPTY, crc64Avro, parsingCanonicalForm, schemaFingerprint } from '../src/index.ts';

// Vectors from the Avro project's share/test/data/schema-tests.txt. Fingerprints there are Java
// signed longs; BigInt.asUintN reads them as the unsigned 64-bit value this package uses.
const SPEC_VECTORS: Array<{ input: unknown; canonical: string; fingerprint?: bigint }> = [
  { input: 'null', canonical: '"null"', fingerprint: 7195948357588979594n },
  { input: { type: 'null' }, canonical: '"null"' },
  { input: 'boolean', canonical: '"boolean"', fingerprint: -6970731678124411036n },
  { input: 'int', canonical: '"int"', fingerprint: 8247732601305521295n },
  { input: 'long', canonical: '"long"', fingerprint: -3434872931120570953n },
  { input: 'string', canonical: '"string"', fingerprint: -8142146995180207161n },
  { input: ['int', { type: 'boolean' }], canonical: '["int","boolean"]', fingerprint: 5392556393470105090n },
  { input: { fields: [], type: 'record', name: 'foo' }, canonical: '{"name":"foo","type":"record","fields":[]}', fingerprint: -4824392279771201922n },
  {
    input: { fields: [], type: 'record', name: 'foo', namespace: 'x.y' },
    canonical: '{"name":"x.y.foo","type":"record","fields":[]}',
    fingerprint: 5916914534497305771n,
  },
  {
    input: { fields: [], type: 'record', name: 'foo', doc: 'foo', aliases: ['foo', 'bar'] },
    canonical: '{"name":"foo","type":"record","fields":[]}',
    fingerprint: -4824392279771201922n,
  },
  {
    input: {
      fields: [
        { type: 'boolean', aliases: [], name: 'f1', default: true },
        { order: 'descending', name: 'f2', doc: 'Hello', type: 'int' },
      ],
      type: 'record',
      name: 'foo',
    },
    canonical: '{"name":"foo","type":"record","fields":[{"name":"f1","type":"boolean"},{"name":"f2","type":"int"}]}',
    fingerprint: -4860222112080293046n,
  },
  {
    input: { namespace: 'x.y.z', type: 'enum', name: 'foo', doc: 'foo bar', symbols: ['A1', 'A2'] },
    canonical: '{"name":"x.y.z.foo","type":"enum","symbols":["A1","A2"]}',
    fingerprint: -4448647247586288245n,
  },
  {
    input: { namespace: 'x.y.z', type: 'fixed', name: 'foo', doc: 'foo bar', size: 32 },
    canonical: '{"name":"x.y.z.foo","type":"fixed","size":32}',
    fingerprint: -3064184465700546786n,
  },
  { input: { items: { type: 'null' }, type: 'array' }, canonical: '{"type":"array","items":"null"}', fingerprint: -589620603366471059n },
  { input: { values: 'string', type: 'map' }, canonical: '{"type":"map","values":"string"}', fingerprint: -8732877298790414990n },
  {
    input: { name: 'PigValue', type: 'record', fields: [{ name: 'value', type: ['null', 'int', 'long', 'PigValue'] }] },
    canonical: '{"name":"PigValue","type":"record","fields":[{"name":"value","type":["null","int","long","PigValue"]}]}',
    fingerprint: -1759257747318642341n,
  },
];

describe('crc64Avro', () => {
  it('of no bytes is the EMPTY constant from the spec', () => {
    expect(crc64Avro(new Uint8Array())).toBe(0xc15d213aa4d7a795n);
    expect(CRC64_AVRO_EMPTY).toBe(0xc15d213aa4d7a795n);
  });

  it('stays an unsigned 64-bit value', () => {
    const fingerprint = crc64Avro(Buffer.from('a longer input to churn every table entry'.repeat(20)));
    expect(fingerprint >= 0n && fingerprint < 2n ** 64n).toBe(true);
  });
});

describe('Parsing Canonical Form and fingerprint match the Avro spec test vectors', () => {
  for (const vector of SPEC_VECTORS) {
    it(vector.canonical, () => {
      expect(parsingCanonicalForm(vector.input)).toBe(vector.canonical);
      if (vector.fingerprint !== undefined) {
        expect(schemaFingerprint(vector.input)).toBe(BigInt.asUintN(64, vector.fingerprint));
      }
    });
  }

  it('drops logicalType, so timestamp-millis fields fingerprint like plain longs', () => {
    expect(parsingCanonicalForm({ type: 'long', logicalType: 'timestamp-millis' })).toBe('"long"');
  });
});
