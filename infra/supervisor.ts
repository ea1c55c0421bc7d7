// Runs each service as its own process, restarts one that crashes (with backoff, logged), and
// stops them all cleanly: SIGTERM, then SIGKILL after a grace period.
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { repoRoot } from './paths.ts';
import { SERVICE_ENV, serviceArgs } from './service-launch.ts';

export interface ServiceSpec {
  name: string;
  env: Record<string, string>;
  /** Script to run. @default services/<name>/src/main.ts */
  entry?: string;
}

export interface SupervisedService {
  readonly name: string;
  readonly restarts: number;
  readonly running: boolean;
}

export interface Supervisor {
  readonly services: readonly SupervisedService[];
  stop(): Promise<void>;
}

export interface SupervisorOptions {
  logDir: string;
  /** Told about starts, crashes and restarts. */
  onEvent: (message: string) => void;
  /** @default 20_000 ms */
  stopGraceMs?: number;
}

export function startSupervisor(specs: ServiceSpec[], options: SupervisorOptions): Supervisor {
  fs.mkdirSync(options.logDir, { recursive: true });
  let stopping = false;
  const states = specs.map((spec) => {
    const state = { name: spec.name, restarts: 0, running: false, child: undefined as ChildProcess | undefined, exited: Promise.resolve() };
    const launch = (): void => {
      const log = fs.openSync(path.join(options.logDir, `${spec.name}.log`), 'a');
      const child = spawn(process.execPath, serviceArgs(spec.name, spec.entry), {
        cwd: repoRoot,
        env: { ...SERVICE_ENV, ...process.env, SL_EXIT_WITH_PARENT: '1', SL_PARENT_PID: String(process.pid), ...spec.env },
        stdio: ['ignore', log, log],
        // Its own process group: a terminal's Ctrl-C reaches only the supervisor, which then
        // stops the services in order (they flush and commit while the broker is still up).
        detached: true,
      });
      fs.closeSync(log);
      state.child = child;
      state.running = true;
      const startedAt = Date.now();
      state.exited = new Promise((resolve) => {
        child.once('exit', (code, signal) => {
          state.running = false;
          resolve();
          if (stopping) return;
          state.restarts += 1;
          // A service that keeps dying right after start is backed off up to 10 s between tries.
          const quickDeath = Date.now() - startedAt < 10_000;
          const delay = quickDeath ? Math.min(10_000, 500 * 2 ** Math.min(state.restarts, 5)) : 500;
          options.onEvent(`${spec.name} exited (${code ?? signal}); restart #${state.restarts} in ${delay} ms (log: ${path.join(options.logDir, `${spec.name}.log`)})`);
          setTimeout(() => {
            if (!stopping) launch();
          }, delay);
        });
      });
    };
    launch();
    return state;
  });

  return {
    services: states,
    async stop() {
      stopping = true;
      // (set before any await so an exit caused by the stop is not taken for a crash)
      await Promise.all(
        states.map(async (state) => {
          if (!state.running || !state.child) return;
          state.child.kill('SIGTERM');
          const timer = setTimeout(() => state.child?.kill('SIGKILL'), options.stopGraceMs ?? 20_000);
          await state.exited;
          clearTimeout(timer);
        }),
      );
    },
  };
}
