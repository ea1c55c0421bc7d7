// SL_EXIT_WITH_PARENT=1: a service whose parent dies exits, also while it is still starting (before
// installShutdown), and runs its shutdown hooks when it is running. Real processes: a parent that
// starts the "service" and is then killed with SIGKILL, as a crashed supervisor or benchmark is.
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const SHUTDOWN = fileURLToPath(new URL('../src/shutdown.ts', import.meta.url));

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function until(what: string, probe: () => boolean, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const parents: ChildProcess[] = [];
const orphans: number[] = [];
afterEach(() => {
  for (const p of parents.splice(0)) p.kill('SIGKILL');
  for (const pid of orphans.splice(0)) if (alive(pid)) process.kill(pid, 'SIGKILL');
});

/**
 * Starts a parent process that spawns `service` (a module's source) with SL_EXIT_WITH_PARENT=1 and
 * prints the service's pid, then waits to be killed. Resolves with both pids once the service says
 * it is ready.
 */
async function parentWithService(service: string, dir: string): Promise<{ parent: ChildProcess; service: number }> {
  const file = path.join(dir, 'service.mjs');
  fs.writeFileSync(file, service);
  const parentSource = `
    const { spawn } = await import('node:child_process');
    const child = spawn(process.execPath, [${JSON.stringify(file)}], {
      env: { ...process.env, SL_EXIT_WITH_PARENT: '1', SL_PARENT_PID: String(process.pid) }, stdio: ['ignore', 'inherit', 'inherit'],
    });
    process.stdout.write('service ' + child.pid + '\\n');
    setInterval(() => {}, 1000);
  `;
  const parent = spawn(process.execPath, ['--input-type=module', '-e', parentSource], { stdio: ['ignore', 'pipe', 'inherit'] });
  parents.push(parent);
  let output = '';
  parent.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  await until('the service to start and say it is ready', () => /service \d+/.test(output) && output.includes('ready'));
  const pid = Number(/service (\d+)/.exec(output)?.[1]);
  orphans.push(pid);
  return { parent, service: pid };
}

describe('SL_EXIT_WITH_PARENT', () => {
  it('exits a service whose parent dies while it is still starting (before installShutdown)', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sl-exit-with-parent-'));
    try {
      // Imports the module (as every service does first), then "starts" forever.
      const { parent, service } = await parentWithService(
        `await import(${JSON.stringify(SHUTDOWN)});
         process.stdout.write('ready\\n');
         setInterval(() => {}, 1000);`,
        dir,
      );
      expect(alive(service)).toBe(true);
      parent.kill('SIGKILL');
      await until('the orphaned service to exit', () => !alive(service));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('exits a service whose parent died before the module even loaded (the parent named in SL_PARENT_PID)', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sl-exit-with-parent-'));
    try {
      // Says it is ready, waits for its parent to be gone, and only then loads the module.
      const { parent, service } = await parentWithService(
        `process.stdout.write('ready\\n');
         const parent = Number(process.env.SL_PARENT_PID);
         const alive = () => { try { process.kill(parent, 0); return true; } catch { return false; } };
         while (alive()) await new Promise((resolve) => setTimeout(resolve, 100));
         await import(${JSON.stringify(SHUTDOWN)});
         setInterval(() => {}, 1000);`,
        dir,
      );
      parent.kill('SIGKILL');
      await until('the orphaned service to exit', () => !alive(service));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('runs the shutdown hooks of a running service whose parent dies', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sl-exit-with-parent-'));
    const marker = path.join(dir, 'hook-ran');
    try {
      const { parent, service } = await parentWithService(
        `const { installShutdown } = await import(${JSON.stringify(SHUTDOWN)});
         const fs = await import('node:fs');
         const logger = { warn() {}, info() {}, error() {} };
         installShutdown(logger, [async () => fs.writeFileSync(${JSON.stringify(marker)}, 'stopped')]);
         process.stdout.write('ready\\n');
         setInterval(() => {}, 1000);`,
        dir,
      );
      parent.kill('SIGKILL');
      await until('the orphaned service to exit', () => !alive(service));
      expect(fs.readFileSync(marker, 'utf8')).toBe('stopped');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
