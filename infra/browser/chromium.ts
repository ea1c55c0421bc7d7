// The Chromium the dashboard's browser test drives: Debian's `chromium` package (the npm browser
// downloads fetch builds from hosts these machines cannot reach). `npm run setup` installs it when
// missing, as root or through password-less sudo; elsewhere it says what to run, and only the
// browser test needs it.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';

/** Where the browser is; SL_CHROMIUM names another build. */
export const CHROMIUM_PATH: string = process.env.SL_CHROMIUM ?? '/usr/bin/chromium';

const PACKAGES = ['chromium', 'fonts-liberation'];
export const CHROMIUM_INSTALL_HINT = `apt-get install -y --no-install-recommends ${PACKAGES.join(' ')}`;

export type ChromiumSetup = { ok: true; installed: boolean } | { ok: false; reason: string };

function run(command: string[], asRoot: boolean): number | null {
  const [file, ...args] = asRoot ? command : ['sudo', '-n', ...command];
  return spawnSync(file as string, args, { stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } }).status;
}

export function ensureChromium(): ChromiumSetup {
  if (fs.existsSync(CHROMIUM_PATH)) return { ok: true, installed: false };
  if (process.env.SL_CHROMIUM !== undefined) return { ok: false, reason: `SL_CHROMIUM names ${CHROMIUM_PATH}, which does not exist` };
  if (spawnSync('apt-get', ['--version'], { stdio: 'ignore' }).status !== 0) {
    return { ok: false, reason: `no ${CHROMIUM_PATH} and no apt-get here; install Chromium and set SL_CHROMIUM to its path` };
  }
  const asRoot = process.getuid?.() === 0;
  if (!asRoot && spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore' }).status !== 0) {
    return { ok: false, reason: `no ${CHROMIUM_PATH}; run as root: ${CHROMIUM_INSTALL_HINT}` };
  }
  process.stderr.write(`setup: installing Debian's ${PACKAGES.join(' and ')} for the dashboard's browser test (once) ...\n`);
  // The package lists may be missing or stale on a fresh machine: an install without them fails.
  if (run(['apt-get', 'update', '-qq'], asRoot) !== 0 || run(['apt-get', 'install', '-y', '-qq', '--no-install-recommends', ...PACKAGES], asRoot) !== 0) {
    return { ok: false, reason: `apt-get could not install ${PACKAGES.join(' ')}; run: ${CHROMIUM_INSTALL_HINT}` };
  }
  return fs.existsSync(CHROMIUM_PATH) ? { ok: true, installed: true } : { ok: false, reason: `apt-get installed chromium but ${CHROMIUM_PATH} is not there` };
}
