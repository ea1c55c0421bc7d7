// A pino logger for tests: quiet unless LOG_LEVEL asks for more.
import { createRootLogger, type Logger } from '@sl/observability';

export function testLogger(service = 'test'): Logger {
  return createRootLogger({ service, level: process.env.LOG_LEVEL ?? 'silent' });
}
