// Errors in the dashboard's token configuration. They stop the service at start-up; the message
// names the entry (by position and id) and the problem, never the token itself.
export type DashboardTokenErrorCode =
  /** SL_DASHBOARD_TOKENS or the tokens file says something invalid. */
  | 'INVALID_DASHBOARD_TOKENS'
  /** The tokens file could not be read; `cause` has the system error. */
  | 'DASHBOARD_TOKENS_FILE_UNREADABLE';

const brand = Symbol.for('@sl/dashboard.DashboardTokenError');

export class DashboardTokenError extends Error {
  readonly code: DashboardTokenErrorCode;
  readonly retriable = false as const;
  readonly [brand] = true;

  constructor(code: DashboardTokenErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DashboardTokenError';
    this.code = code;
  }
}

export function isDashboardTokenError(error: unknown): error is DashboardTokenError {
  return typeof error === 'object' && error !== null && (error as Record<symbol, unknown>)[brand] === true;
}
