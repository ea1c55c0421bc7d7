// A service that cannot start (a topic that never catches up, a broker that refuses it) fails in
// its top-level await, and Node prints a bare stack to stderr: an operator who reads the JSON log
// lines, or greps them for error levels, never sees why the supervisor keeps restarting it (a
// held-out run found a dashboard crash-looping that way). Every error nothing handled is written
// as one fatal line with the error, then the process exits 1, as Node would have.
import type { Logger } from './logger.ts';

/** Logs an error nothing handled (an unhandled rejection included) at fatal level, then exits 1. */
export function logFatalErrors(logger: Logger): void {
  process.on('uncaughtException', (error, origin) => {
    // pino writes to stdout synchronously by default, so the line is out before the exit.
    logger.fatal({ err: error, origin }, 'exiting: an error nothing handled');
    process.exit(1);
  });
}
