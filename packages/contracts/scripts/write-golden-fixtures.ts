// Writes the golden fixture pair for the current version of every record that has none yet,
// from test/golden-values.ts. Add-only: an existing fixture is the frozen record of what a
// published version wrote and is never regenerated. Run after adding <Name>.v<N+1>.avsc:
//   npm run fixtures:write -w @sl/contracts
import { allContracts, formatFingerprint } from '../src/index.ts';
import { goldenValues } from '../test/golden-values.ts';
import { fixtureUrls, readFixture, writeFixture } from '../test/golden-fixtures.ts';

for (const contract of allContracts) {
  const current = contract.versions.at(-1);
  if (current === undefined) continue;
  const where = fixtureUrls(current).json.pathname;
  if (readFixture(current) !== undefined) {
    console.log(`kept    ${where}`);
    continue;
  }
  const value = goldenValues[contract.name as keyof typeof goldenValues];
  if (value === undefined) throw new Error(`test/golden-values.ts has no value for ${contract.name}`);
  writeFixture(current, value, contract.encode(value as never));
  console.log(`written ${where} (fingerprint ${formatFingerprint(current.fingerprint)})`);
}
