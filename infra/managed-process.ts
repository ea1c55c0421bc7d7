// A child process the launchers own: output to a log file, a readiness probe with a deadline,
// and a stop that asks politely (SIGTERM) before it insists (SIGKILL).
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

export interface ManagedProcessOptions {
  name: string;
  command: string;
  args: string[];
  logFile: string;
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Resolves true once the process serves; polled until readyTimeoutMs. */
  isReady: () => Promise<boolean>;
  /** @default 60_000 ms */
  readyTimeoutMs?: number;
  /** Time allowed for a clean shutdown after SIGTERM before SIGKILL. @default 30_000 ms */
  stopTimeoutMs?: number;
}

export interface ManagedProcess {
  readonly pid: number;
  readonly logFile: string;
  /** Resolves with the exit code (or signal) once the process has gone. */
  readonly exited: Promise<number | string>;
  stop(): Promise<void>;
  kill(signal: NodeJS.Signals): void;
}

const running = new Set<ChildProcess>();
// A launcher's parent that exits without stopping its children must not leave a JVM behind.
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

export async function startManagedProcess(options: ManagedProcessOptions): Promise<ManagedProcess> {
  fs.mkdirSync(path.dirname(options.logFile), { recursive: true });
  const log = fs.openSync(options.logFile, 'a');
  const child = spawn(options.command, options.args, {
    cwd: options.cwd,
    env: options.env ?? process.env,
    stdio: ['ignore', log, log],
    // Its own process group, so a terminal's Ctrl-C does not stop the broker under services
    // that still need it to flush and commit; the owner stops it last.
    detached: true,
  });
  fs.closeSync(log);
  running.add(child);
  const exited = new Promise<number | string>((resolve) => {
    child.once('exit', (code, signal) => {
      running.delete(child);
      resolve(code ?? signal ?? 'unknown');
    });
  });
  let gone: number | string | undefined;
  void exited.then((how) => {
    gone = how;
  });

  const deadline = Date.now() + (options.readyTimeoutMs ?? 60_000);
  for (;;) {
    if (gone !== undefined) {
      throw new Error(`${options.name} exited (${gone}) before it was ready; last log lines:\n${tail(options.logFile)}`);
    }
    if (await options.isReady().catch(() => false)) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      await exited;
      throw new Error(`${options.name} was not ready within ${options.readyTimeoutMs ?? 60_000} ms; last log lines:\n${tail(options.logFile)}`);
    }
    await sleep(200);
  }

  const stopTimeoutMs = options.stopTimeoutMs ?? 30_000;
  return {
    pid: child.pid ?? -1,
    logFile: options.logFile,
    exited,
    kill: (signal) => {
      child.kill(signal);
    },
    async stop() {
      if (gone !== undefined) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), stopTimeoutMs);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** A TCP port on 127.0.0.1 that was free a moment ago. */
export async function freePort(): Promise<number> {
  return await new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        if (address && typeof address === 'object') resolve(address.port);
        else reject(new Error('could not read the port of a probe socket'));
      });
    });
  });
}

/** True when something accepts TCP connections on host:port. */
export async function acceptsConnections(port: number, host = '127.0.0.1'): Promise<boolean> {
  return await new Promise((resolve) => {
    const socket = net.connect({ port, host });
    socket.setTimeout(1_000);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(false));
  });
}

export function tail(file: string, lines = 30): string {
  try {
    return fs.readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}
