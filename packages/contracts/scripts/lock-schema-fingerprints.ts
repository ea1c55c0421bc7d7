// Pins every schema version not yet in schemas/fingerprints.json. Add-only: a version already
// pinned keeps its fingerprint, and the lock test fails if its .avsc no longer matches. Run once
// a new <Name>.v<N>.avsc is final:  npm run schemas:lock -w @sl/contracts
import { writeFileSync } from 'node:fs';
import { allContracts, FINGERPRINT_LOCK_FILE, type FingerprintLock, formatFingerprint, readFingerprintLock } from '../src/index.ts';

let lock: FingerprintLock = {};
try {
  lock = readFingerprintLock();
} catch (error) {
  if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
}

for (const contract of allContracts) {
  const pinned = lock[contract.name] ?? {};
  lock[contract.name] = pinned;
  for (const version of contract.versions) {
    const key = `v${version.version}`;
    if (pinned[key] === undefined) {
      pinned[key] = formatFingerprint(version.fingerprint);
      console.log(`pinned ${contract.name} ${key} = ${pinned[key]}`);
    }
  }
}
writeFileSync(FINGERPRINT_LOCK_FILE, `${JSON.stringify(lock, null, 2)}\n`);
