// The phases of `npm test`, run in order, each timed. The run stops at the first phase that
// fails, and its last lines say which phase it was, how long each one took, and where to look,
// so a slow or broken run on a CI machine is read from its end.
import { spawn } from 'node:child_process';

export interface TestPhase {
  name: string;
  command: string;
  args: string[];
  /** Where to look when this phase fails, after its own output. */
  onFailure: string;
}

export interface PhaseResult {
  name: string;
  seconds: number;
  outcome: 'passed' | 'failed' | 'not run';
  exitCode?: number | string;
}

export interface RunPhasesOptions {
  cwd: string;
  env: NodeJS.ProcessEnv;
  write: (line: string) => void;
  /** @default Date.now */
  now?: () => number;
  /** Runs one phase's command; resolves with its exit code. @default a child process on this terminal */
  run?: (phase: TestPhase, cwd: string, env: NodeJS.ProcessEnv) => Promise<number | string>;
}

export function runCommand(phase: TestPhase, cwd: string, env: NodeJS.ProcessEnv): Promise<number | string> {
  return new Promise((resolve) => {
    const child = spawn(phase.command, phase.args, { cwd, env, stdio: 'inherit' });
    // A CI timeout or Ctrl-C reaches this process: pass it on, so the phase stops what it started
    // (vitest's workers, a broker, services) instead of leaving them running.
    const forward = (signal: NodeJS.Signals) => child.kill(signal);
    const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM'];
    for (const signal of signals) process.on(signal, forward);
    const done = (outcome: number | string) => {
      for (const signal of signals) process.off(signal, forward);
      resolve(outcome);
    };
    child.once('error', (error) => done(error.message));
    child.once('exit', (code, signal) => done(code ?? signal ?? 'unknown'));
  });
}

/** Runs the phases in order; resolves true when all passed. */
export async function runPhases(phases: TestPhase[], options: RunPhasesOptions): Promise<boolean> {
  const now = options.now ?? Date.now;
  const run = options.run ?? runCommand;
  const results: PhaseResult[] = phases.map((p) => ({ name: p.name, seconds: 0, outcome: 'not run' }));
  const began = now();
  let failed: TestPhase | undefined;
  for (const [i, phase] of phases.entries()) {
    const result = results[i] as PhaseResult;
    options.write(`\n▶ ${phase.name}: ${[phase.command, ...phase.args].join(' ')}\n`);
    const started = now();
    const code = await run(phase, options.cwd, options.env);
    result.seconds = (now() - started) / 1000;
    result.outcome = code === 0 ? 'passed' : 'failed';
    if (code !== 0) result.exitCode = code;
    options.write(`◀ ${phase.name} ${result.outcome} in ${formatSeconds(result.seconds)}\n`);
    if (code !== 0) {
      failed = phase;
      break;
    }
  }
  options.write(`\n${formatSummary(results, (now() - began) / 1000)}\n`);
  if (failed) options.write(`\n${failed.name} failed; ${failed.onFailure}\n`);
  return failed === undefined;
}

export function formatSeconds(seconds: number): string {
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  const whole = Math.round(seconds);
  return `${Math.floor(whole / 60)} min ${String(whole % 60).padStart(2, '0')} s`;
}

/** The per-phase table printed at the end of every run, passed or failed. */
export function formatSummary(results: PhaseResult[], totalSeconds: number): string {
  const width = Math.max(...results.map((r) => r.name.length), 'total'.length);
  const lines = results.map((r) => {
    const time = r.outcome === 'not run' ? '—' : formatSeconds(r.seconds);
    const code = r.exitCode !== undefined ? ` (exit ${r.exitCode})` : '';
    return `  ${r.name.padEnd(width)}  ${time.padStart(10)}  ${r.outcome}${code}`;
  });
  return ['test phases:', ...lines, `  ${'total'.padEnd(width)}  ${formatSeconds(totalSeconds).padStart(10)}`].join('\n');
}
