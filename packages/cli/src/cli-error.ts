// An error the CLI reports as one line and an exit code, without a stack trace.
// Exit codes: 0 ok, 1 a runtime failure (Kafka, a file, the gateway), 2 a usage error (a flag,
// an argument, a setting in the environment). A child process's own code passes through (`sl up`).
export class CliError extends Error {
  readonly exitCode: number;
  constructor(message: string, exitCode = 1, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'CliError';
    this.exitCode = exitCode;
  }
}

export const usageError = (message: string): CliError => new CliError(message, 2);

/** By shape, not instanceof alone: a monorepo can load this module twice. */
export function isCliError(error: unknown): error is CliError {
  return error instanceof Error && error.name === 'CliError' && typeof (error as { exitCode?: unknown }).exitCode === 'number';
}
