// Runs another program in the foreground for `sl up` and `sl bench`: its output straight to the
// terminal, SIGINT/SIGTERM/SIGHUP passed on to it once, and its exit code handed back.
//
// The child leads its own process group, so Ctrl-C reaches it exactly once, from here: in the
// terminal's group it would get the terminal's SIGINT and the forwarded one, and `infra/up.ts`
// takes a second SIGINT as "stop now, skip the clean shutdown".
import { type ChildProcess, spawn, type StdioOptions } from 'node:child_process';
import { constants } from 'node:os';
import { CliError } from '../cli-error.ts';

export interface ChildOptions {
  cwd: string;
  env?: NodeJS.ProcessEnv;
  /** @default 'inherit' */
  stdio?: StdioOptions;
  /** Signals passed on to the child. @default SIGINT, SIGTERM, SIGHUP */
  forward?: readonly NodeJS.Signals[];
  /** Called once the child runs, e.g. to read its piped output. */
  onSpawn?: (child: ChildProcess) => void;
}

/** Resolves with the child's exit code: its own, or 128 + the signal's number when a signal ended it. */
export function runChild(command: string, args: readonly string[], options: ChildOptions): Promise<number> {
  const forward = options.forward ?? ['SIGINT', 'SIGTERM', 'SIGHUP'];
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: options.stdio ?? 'inherit',
      detached: process.platform !== 'win32',
    });
    const handlers = forward.map((signal) => {
      const handler = () => {
        if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      };
      process.on(signal, handler);
      return [signal, handler] as const;
    });
    const cleanUp = () => {
      for (const [signal, handler] of handlers) process.off(signal, handler);
    };
    child.once('error', (error: NodeJS.ErrnoException) => {
      cleanUp();
      reject(new CliError(`could not start ${command}: ${error.code === 'ENOENT' ? 'not found on PATH' : error.message}`, 1, { cause: error }));
    });
    child.once('spawn', () => options.onSpawn?.(child));
    child.once('exit', (code, signal) => {
      cleanUp();
      resolve(code ?? 128 + (signal ? (constants.signals[signal] ?? 0) : 0));
    });
  });
}

/** A child's non-zero code as the CLI's own exit code, with the one-line reason. */
export function childFailure(what: string, code: number): CliError {
  const signal = code > 128 ? Object.entries(constants.signals).find(([, n]) => n === code - 128)?.[0] : undefined;
  return new CliError(`${what} ${signal ? `ended by ${signal}` : `exited with code ${code}`}`, code);
}
