// The repository this CLI belongs to (packages/cli/src -> the root), found from this file the way
// @sl/infra/paths finds it, so `sl up` and `sl bench` work from any directory.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot: string = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
