// Configuration is parsed once at start-up into a frozen object; an invalid value stops the
// process with the field's path in the message.
import { z } from 'zod';

export class ConfigError extends Error {
  readonly code = 'INVALID_CONFIG';
  readonly retriable = false;
  readonly issues: Array<{ path: string; message: string }>;
  constructor(issues: Array<{ path: string; message: string }>) {
    super(`invalid configuration: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`);
    this.name = 'ConfigError';
    this.issues = issues;
  }
}

export function parseConfig<S extends z.ZodType>(schema: S, source: unknown): Readonly<z.infer<S>> {
  const result = schema.safeParse(source);
  if (!result.success) {
    throw new ConfigError(
      result.error.issues.map((issue) => ({ path: issue.path.join('.') || '(root)', message: issue.message })),
    );
  }
  return Object.freeze(result.data);
}

/** pino level names. @default info */
export const logLevelSetting = z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info');
