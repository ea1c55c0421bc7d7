// An error the CLI reports as one line and an exit code, without a stack trace.
export class CliError extends Error {
  readonly exitCode: number;
  constructor(message: string, exitCode = 1) {
    super(message);
    this.name = 'CliError';
    this.exitCode = exitCode;
  }
}

/** Exit codes: 1 failure, 2 usage. */
export const usageError = (message: string): CliError => new CliError(message, 2);
