// SIGTERM / SIGINT run the service's hooks once, in order, then exit; a second signal exits at once.
import type { Logger } from 'pino';

export type ShutdownHook = () => Promise<void>;

// A supervisor (the embedded default, a test, a benchmark) that dies without stopping its services
// must not leave them running: with SL_EXIT_WITH_PARENT=1 a service that finds itself orphaned
// exits. The parent is read when this module loads, at the very start of the service: a parent that
// dies during a long start-up (a page build, a broker still coming up) is noticed too, where a pid
// read later would already be the reaper's. A supervisor also names itself (SL_PARENT_PID), which
// covers a parent that died before even this module loaded. Until installShutdown there is nothing
// to stop: exit.
// The name counts only when it is this process's parent or no longer alive: a process that
// inherited the variable from further up (a child of a service) watches its own parent.
const namedParent = Number(process.env.SL_PARENT_PID);
const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};
const parentAtStart =
  Number.isInteger(namedParent) && namedParent > 1 && (namedParent === process.ppid || !isAlive(namedParent)) ? namedParent : process.ppid;
let onOrphaned: () => void = () => {
  process.stderr.write(`${JSON.stringify({ level: 40, parent: parentAtStart, msg: 'parent process is gone during start-up; exiting' })}\n`);
  process.exit(0);
};
if (process.env.SL_EXIT_WITH_PARENT === '1') {
  setInterval(() => {
    if (process.ppid !== parentAtStart) onOrphaned();
  }, 1_000).unref();
}

export function installShutdown(logger: Logger, hooks: ShutdownHook[], options: { timeoutMs?: number } = {}): () => Promise<void> {
  let stopping: Promise<void> | undefined;
  const shutdown = async (): Promise<void> => {
    stopping ??= (async () => {
      const timer = setTimeout(() => {
        logger.error({ timeoutMs: options.timeoutMs ?? 30_000 }, 'shutdown took too long; exiting');
        process.exit(1);
      }, options.timeoutMs ?? 30_000);
      timer.unref();
      for (const hook of hooks) {
        try {
          await hook();
        } catch (error) {
          logger.error({ err: error }, 'shutdown hook failed');
        }
      }
      clearTimeout(timer);
    })();
    return stopping;
  };
  // From here an orphaned service stops as on SIGTERM: its hooks run first.
  onOrphaned = () => {
    if (stopping) return;
    logger.warn({ parent: parentAtStart }, 'parent process is gone; shutting down');
    void shutdown().then(() => process.exit(0));
  };
  for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) {
    process.on(signal, () => {
      if (stopping) {
        logger.warn({ signal }, 'second signal; exiting now');
        process.exit(130);
      }
      logger.info({ signal }, 'shutting down');
      void shutdown().then(() => process.exit(0));
    });
  }
  return shutdown;
}
