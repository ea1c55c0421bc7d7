// The compatibility gate for schemas/. The first block runs over the real history of every record,
// so adding <Name>.v2.avsc automatically puts v1→v2 and "current reads v1 fixtures" under test.
// The later blocks feed the same checker hypothetical v2s, to prove it tells good from bad today,
// while every record has one version.
import { describe, expect, it } from 'vitest';
import {
  allContracts,
  checkFingerprintLock,
  checkVersionHistory,
  expectedAfterResolution,
  readFingerprintLock,
  type SchemaVersion,
  schemaVersion,
} from '../src/index.ts';
import { avroJson, readFixture } from './golden-fixtures.ts';

describe.each(allContracts.map((contract) => [contract.name, contract] as const))('%s history', (_name, contract) => {
  it('every version can be read by the next one and by the current one', () => {
    expect(checkVersionHistory(contract.versions).map((problem) => problem.message)).toEqual([]);
  });

  const steps = contract.versions
    .slice(1)
    .map((reader, index) => [`v${index + 1} → v${index + 2}`, contract.versions[index] as SchemaVersion, reader] as const);
  it.runIf(steps.length > 0).each(steps)('%s: the older fixture decodes with the newer version as Avro resolution promises', (_step, writer, reader) => {
    const fixture = readFixture(writer);
    expect(fixture, `missing fixture for ${writer.name} v${writer.version}`).toBeDefined();
    if (fixture === undefined) return;
    const body = fixture.bytes.subarray(10);
    const decoded = reader.type.fromBuffer(body, reader.type.createResolver(writer.type));
    expect(avroJson(reader, decoded)).toEqual(avroJson(reader, expectedAfterResolution(fixture.value, reader.type)));
  });
});

describe('schemas/fingerprints.json', () => {
  it('pins every published version, unchanged', () => {
    expect(checkFingerprintLock(readFingerprintLock(), allContracts.map((contract) => contract.versions))).toEqual([]);
  });

  const rawV1 = rawMentionVersion(1);
  const lock = { RawMention: { v1: readFingerprintLock().RawMention?.v1 ?? '' } };

  it('catches an edit to a published .avsc', () => {
    const edited = schemaVersion('RawMention', 1, withExtraField(rawV1.schema, { name: 'x', type: 'int', default: 0, doc: 'x' }), rawV1.file);
    const problems = checkFingerprintLock(lock, [[edited]]);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/schemas\/raw-mention\/RawMention\.v1\.avsc was edited after publication.*RawMention\.v2\.avsc/);
  });

  it('asks for a new version to be pinned, and notices a pinned version whose file is gone', () => {
    const v2 = schemaVersion('RawMention', 2, withOptionalField(rawV1.schema), 'schemas/raw-mention/RawMention.v2.avsc');
    expect(checkFingerprintLock(lock, [[rawV1, v2]])).toEqual([expect.stringMatching(/RawMention\.v2\.avsc .* is not in schemas\/fingerprints\.json/)]);
    expect(checkFingerprintLock({ ...lock, Gone: { v1: '0000000000000000' } }, [[rawV1]])).toEqual([
      expect.stringMatching(/pins Gone v1, but its \.avsc file is gone/),
    ]);
  });
});

describe('the checker on hypothetical RawMention v2s', () => {
  const v1 = rawMentionVersion(1);

  it('reports a new field without a default as incompatible, naming the field', () => {
    const v2 = schemaVersion('RawMention', 2, withExtraField(v1.schema, { name: 'region', type: 'string', doc: 'x' }));
    const problems = checkVersionHistory([v1, v2]);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ name: 'RawMention', writerVersion: 1, readerVersion: 2 });
    expect(problems[0]?.message).toMatch(/^RawMention v2 cannot read data written with v1: field "region" is new and has no default/);
    expect(problems[0]?.message).toMatch(/New fields need a default/);
  });

  it('reports a type change string → int as incompatible', () => {
    const schema = structuredClone(v1.schema) as { fields: Array<{ name: string; type: unknown }> };
    const text = schema.fields.find((field) => field.name === 'text');
    if (text === undefined) throw new Error('RawMention v1 has no text field');
    text.type = 'int';
    const problems = checkVersionHistory([v1, schemaVersion('RawMention', 2, schema)]);
    expect(problems).toHaveLength(1);
    expect(problems[0]?.message).toMatch(/cannot read data written with v1: field "text" changed from "string" to "int"/);
  });

  it('names the nested field when a record inside the record changes', () => {
    const schema = structuredClone(v1.schema) as { fields: Array<{ name: string; type: { fields?: Array<{ name: string; type: unknown }> } }> };
    const followers = schema.fields.find((field) => field.name === 'author')?.type.fields?.find((field) => field.name === 'followers');
    if (followers === undefined) throw new Error('RawMention v1 has no author.followers');
    followers.type = ['null', 'string'];
    const problems = checkVersionHistory([v1, schemaVersion('RawMention', 2, schema)]);
    expect(problems[0]?.message).toMatch(/field "author\.followers" changed from \["null","long"\] to \["null","string"\]/);
  });

  it('accepts a new optional field with a default, and the v1 fixture reads with it set to the default', () => {
    const v2 = schemaVersion('RawMention', 2, withOptionalField(v1.schema));
    expect(checkVersionHistory([v1, v2])).toEqual([]);
    const fixture = readFixture(v1);
    if (fixture === undefined) throw new Error('missing RawMention v1 fixture');
    const decoded = v2.type.fromBuffer(fixture.bytes.subarray(10), v2.type.createResolver(v1.type)) as Record<string, unknown>;
    expect(decoded.sourceScore).toBeNull();
    expect(avroJson(v2, decoded)).toEqual(avroJson(v2, expectedAfterResolution(fixture.value, v2.type)));
  });

  it('accepts a removed field (the newer reader skips it)', () => {
    const schema = structuredClone(v1.schema) as { fields: Array<{ name: string }> };
    schema.fields = schema.fields.filter((field) => field.name !== 'parentId');
    expect(checkVersionHistory([v1, schemaVersion('RawMention', 2, schema)])).toEqual([]);
  });

  it('checks the newest against every older version, since Avro compatibility is not transitive', () => {
    // v2 adds `region` with a default; v3 drops the default. v3 reads v2 data (which has the
    // field) but not v1 data (which has not): only the v1 → v3 pair catches it.
    const v2 = schemaVersion('RawMention', 2, withExtraField(v1.schema, { name: 'region', type: 'string', default: '', doc: 'x' }));
    const v3 = schemaVersion('RawMention', 3, withExtraField(v1.schema, { name: 'region', type: 'string', doc: 'x' }));
    const problems = checkVersionHistory([v1, v2, v3]);
    expect(problems.map((problem) => `${problem.writerVersion}>${problem.readerVersion}`)).toEqual(['1>3']);
  });
});

function rawMentionVersion(version: number): SchemaVersion {
  const found = allContracts.find((contract) => contract.name === 'RawMention')?.versions[version - 1];
  if (found === undefined) throw new Error(`no RawMention v${version}`);
  return found;
}

function withExtraField(schema: object, field: object): object {
  const copy = structuredClone(schema) as { fields: object[] };
  copy.fields.push(field);
  return copy;
}

function withOptionalField(schema: object): object {
  return withExtraField(schema, { name: 'sourceScore', type: ['null', 'double'], default: null, doc: 'hypothetical' });
}
