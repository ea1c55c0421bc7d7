// Golden fixtures freeze what each published version writes. Encoding the fixture value must give
// exactly the stored bytes (the wire format did not drift), and the current contract must decode
// the stored bytes of every version to the value Avro resolution promises. Fixtures are written
// only by scripts/write-golden-fixtures.ts, never by a test run.
import { describe, expect, it } from 'vitest';
import { allContracts, expectedAfterResolution, SINGLE_OBJECT_MAGIC } from '../src/index.ts';
import { avroJson, fixtureUrls, readFixture } from './golden-fixtures.ts';

const cases = allContracts.flatMap((contract) =>
  contract.versions.map((version) => [`${version.name} v${version.version}`, contract, version] as const),
);

describe.each(cases)('%s golden fixture', (_label, contract, version) => {
  const fixture = readFixture(version);
  const current = contract.versions.at(-1) ?? version;

  it('exists', () => {
    expect(
      fixture,
      `missing ${fixtureUrls(version).json.pathname} or .bin: run \`npm run fixtures:write -w @sl/contracts\``,
    ).toBeDefined();
  });

  it.runIf(fixture !== undefined)('encodes to exactly the stored bytes under its own version', () => {
    if (fixture === undefined) return;
    const header = Buffer.alloc(10);
    SINGLE_OBJECT_MAGIC.copy(header);
    header.writeBigUInt64LE(version.fingerprint, 2);
    const encoded = Buffer.concat([header, version.type.toBuffer(fixture.value)]);
    expect(encoded.toString('hex')).toBe(fixture.bytes.toString('hex'));
    if (version === current) expect(contract.encode(fixture.value).toString('hex')).toBe(fixture.bytes.toString('hex'));
  });

  it.runIf(fixture !== undefined)(`decodes with the current contract (v${current.version}) to the resolved value`, () => {
    if (fixture === undefined) return;
    const expected = expectedAfterResolution(fixture.value, current.type);
    expect(avroJson(current, contract.decode(fixture.bytes))).toEqual(avroJson(current, expected));
  });
});
