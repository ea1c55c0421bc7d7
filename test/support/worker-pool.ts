// Three (or n) processes of one service sharing a consumer group, for the fault tests: the slots
// the fault schedule kills and restarts, and every process ever started, to clean up.
import { type ServiceProcess, spawnService } from './service-process.ts';

export interface WorkerPool {
  readonly workers: ServiceProcess[];
  readonly all: ServiceProcess[];
  start(slot: number): void;
}

export function startWorkerPool(service: string, env: Record<string, string>, size = 3): WorkerPool {
  const workers: ServiceProcess[] = [];
  const all: ServiceProcess[] = [];
  const start = (slot: number) => {
    const worker = spawnService(service, env);
    workers[slot] = worker;
    all.push(worker);
  };
  for (let slot = 0; slot < size; slot += 1) start(slot);
  return { workers, all, start };
}
