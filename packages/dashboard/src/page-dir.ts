// Where the built page lives by default: inside the package, git-ignored (dist/), rebuilt by
// `npm run setup` and by the service when its sources are newer.
import { fileURLToPath } from 'node:url';

export const DEFAULT_PAGE_DIR = fileURLToPath(new URL('../dist/page', import.meta.url));
