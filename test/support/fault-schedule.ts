// The fault schedule the exactly-once tests share: one worker paused with SIGSTOP past its
// session timeout (resumed near the end, when its late commits must be fenced), the others
// SIGKILLed and restarted in turn.
import type { ServiceProcess } from './service-process.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface FaultScheduleOptions {
  workers: ServiceProcess[];
  start: (slot: number) => void;
  /** @default 4 */
  rounds?: number;
  /** @default 2_500 ms */
  intervalMs?: number;
  /** @default 4_000 ms */
  initialDelayMs?: number;
}

/** Runs the schedule; resolves with what it did, for the test's assertion message. */
export async function runFaultSchedule(options: FaultScheduleOptions): Promise<string[]> {
  const done: string[] = [];
  const rounds = options.rounds ?? 4;
  await sleep(options.initialDelayMs ?? 4_000);
  options.workers[0]?.child.kill('SIGSTOP');
  done.push('SIGSTOP 0');
  for (let round = 0; round < rounds; round += 1) {
    await sleep(options.intervalMs ?? 2_500);
    const slot = 1 + (round % 2);
    options.workers[slot]?.child.kill('SIGKILL');
    done.push(`SIGKILL ${slot}`);
    await sleep(300);
    options.start(slot);
    if (round === rounds - 1) {
      options.workers[0]?.child.kill('SIGCONT');
      done.push('SIGCONT 0');
    }
  }
  return done;
}

/** Kills every process a test started, paused ones included. */
export function killAll(processes: ServiceProcess[]): void {
  for (const p of processes) {
    p.child.kill('SIGCONT');
    p.child.kill('SIGKILL');
  }
}
