// SIGTERM / SIGINT run the service's hooks once, in order, then exit; a second signal exits at once.
import type { Logger } from 'pino';

export type ShutdownHook = () => Promise<void>;

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
  // A supervisor (the embedded default, a test) that dies without stopping its services must not
  // leave them running: with SL_EXIT_WITH_PARENT=1 a service that finds itself orphaned shuts down.
  if (process.env.SL_EXIT_WITH_PARENT === '1') {
    const parent = process.ppid;
    setInterval(() => {
      if (process.ppid !== parent && !stopping) {
        logger.warn({ parent }, 'parent process is gone; shutting down');
        void shutdown().then(() => process.exit(0));
      }
    }, 1_000).unref();
  }
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
