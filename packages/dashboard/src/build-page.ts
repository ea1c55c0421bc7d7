// Builds the page (web/) into a folder of static files with Vite: uPlot and the page's own code
// and styles are bundled from node_modules at build time, so the served page loads nothing from
// anywhere but the dashboard itself. Run by `npm run setup` (infra/setup.ts) and, when the folder
// is missing, by the service at start-up.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const WEB_DIR = fileURLToPath(new URL('../web', import.meta.url));

/** The newest modification time among the page's sources, to tell a stale build. */
function newestSource(): number {
  let newest = 0;
  for (const name of fs.readdirSync(WEB_DIR)) newest = Math.max(newest, fs.statSync(path.join(WEB_DIR, name)).mtimeMs);
  return newest;
}

/** True when `outDir` holds a build at least as new as every source file. */
export function pageIsBuilt(outDir: string): boolean {
  const index = fs.statSync(path.join(outDir, 'index.html'), { throwIfNoEntry: false });
  return index !== undefined && index.mtimeMs >= newestSource();
}

export async function buildPage(outDir: string): Promise<void> {
  // Imported here: only a build needs Vite, not every process that imports this package.
  const { build } = await import('vite');
  await build({
    root: WEB_DIR,
    configFile: false,
    logLevel: 'warn',
    base: '/',
    build: { outDir: path.resolve(outDir), emptyOutDir: true, sourcemap: false, reportCompressedSize: false },
  });
}

/** Builds the page unless an up-to-date build is already there; says which. */
export async function ensurePageBuilt(outDir: string): Promise<'built' | 'up to date'> {
  if (pageIsBuilt(outDir)) return 'up to date';
  await buildPage(outDir);
  return 'built';
}
