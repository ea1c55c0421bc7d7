// One root logger per process, a child per component with fixed fields. Secrets never reach a log line.
import { pino, type Logger, type LoggerOptions } from 'pino';
import { silenceKnownWarnings } from './known-warnings.ts';

export type { Logger } from 'pino';

export interface RootLoggerOptions {
  service: string;
  /** @default process.env.LOG_LEVEL ?? 'info' */
  level?: string;
  /** Where lines go; stdout unless a test wants to read them. */
  destination?: NodeJS.WritableStream;
}

const redact: LoggerOptions['redact'] = {
  paths: ['*.password', '*.secret', '*.secretAccessKey', '*.authorization', '*.headers.authorization', 'config.*.secretAccessKey'],
  censor: '[redacted]',
};

export function createRootLogger(options: RootLoggerOptions): Logger {
  silenceKnownWarnings();
  const opts: LoggerOptions = {
    level: options.level ?? process.env.LOG_LEVEL ?? 'info',
    base: { service: options.service, pid: process.pid },
    redact,
    timestamp: pino.stdTimeFunctions.isoTime,
  };
  return options.destination ? pino(opts, options.destination as pino.DestinationStream) : pino(opts);
}

export function componentLogger(root: Logger, component: string, fields: Record<string, unknown> = {}): Logger {
  return root.child({ component, ...fields });
}
