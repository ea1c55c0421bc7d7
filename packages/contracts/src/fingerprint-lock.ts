// schemas/fingerprints.json pins the fingerprint of every published schema version. A published
// .avsc whose wire form changes (a field added, renamed, retyped, reordered) gets a new
// fingerprint, so records already in topics would stop decoding: the check catches that edit.
import { readFileSync } from 'node:fs';
import { formatFingerprint } from './schema-fingerprint.ts';
import { SCHEMAS_DIRECTORY, type SchemaVersion } from './schema-files.ts';

/** Record name → "v<N>" → fingerprint as 16 hex digits. */
export type FingerprintLock = Record<string, Record<string, string>>;

export const FINGERPRINT_LOCK_FILE = new URL('fingerprints.json', SCHEMAS_DIRECTORY);

export function readFingerprintLock(): FingerprintLock {
  return JSON.parse(readFileSync(FINGERPRINT_LOCK_FILE, 'utf8')) as FingerprintLock;
}

/** Problems between the lock and the versions on disk; empty when they agree. */
export function checkFingerprintLock(lock: FingerprintLock, versionsByRecord: ReadonlyArray<readonly SchemaVersion[]>): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const versions of versionsByRecord) {
    for (const version of versions) {
      const key = `v${version.version}`;
      seen.add(`${version.name}.${key}`);
      const actual = formatFingerprint(version.fingerprint);
      const locked = lock[version.name]?.[key];
      if (locked === undefined) {
        problems.push(
          `${version.file} (fingerprint ${actual}) is not in schemas/fingerprints.json: once it is final, run \`npm run schemas:lock -w @sl/contracts\` to pin it`,
        );
      } else if (locked !== actual) {
        problems.push(
          `${version.file} was edited after publication: fingerprint ${actual}, locked ${locked}. Revert it and put the change in ${version.name}.v${version.version + 1}.avsc`,
        );
      }
    }
  }
  for (const [name, versions] of Object.entries(lock)) {
    for (const key of Object.keys(versions)) {
      if (!seen.has(`${name}.${key}`)) {
        problems.push(`schemas/fingerprints.json pins ${name} ${key}, but its .avsc file is gone; published versions are never removed`);
      }
    }
  }
  return problems;
}
