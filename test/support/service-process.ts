// Runs a service as its own process under this Node (24), the way the run command does, so
// end-to-end tests cross real process boundaries and real signals.
import { type ChildProcess, spawn } from 'node:child_process';
import { repoRoot } from '@sl/infra/paths';
import { SERVICE_ENV, serviceArgs } from '@sl/infra/service-launch';

export interface ServiceProcess {
  readonly child: ChildProcess;
  /** Everything the service logged (pino JSON lines), for assertions and failure messages. */
  readonly output: () => string;
  readonly exited: Promise<number | string>;
  stop(signal?: NodeJS.Signals): Promise<number | string>;
}

const started = new Set<ChildProcess>();
// A test that times out never reaches its cleanup: whatever it started dies with the test process.
process.once('exit', () => {
  for (const child of started) child.kill('SIGKILL');
});

export function spawnService(name: string, env: Record<string, string>): ServiceProcess {
  const child = spawn(process.execPath, serviceArgs(name), {
    cwd: repoRoot,
    env: { ...SERVICE_ENV, ...process.env, LOG_LEVEL: 'info', SL_EXIT_WITH_PARENT: '1', SL_PARENT_PID: String(process.pid), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  started.add(child);
  child.once('exit', () => started.delete(child));
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const exited = new Promise<number | string>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')));
  return {
    child,
    output: () => output,
    exited,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return await exited;
    },
  };
}

export async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 60_000, detail: () => string = () => ''): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}\n${detail().slice(-4_000)}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
