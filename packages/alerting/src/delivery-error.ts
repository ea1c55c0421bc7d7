// Why an alert did not reach a webhook. Every failure has a stable code a dead letter, a metric
// label and a runbook can key on, and says whether trying again later could help; the secret and
// the webhook's URL (a Slack URL is itself a credential) never appear in a message.

export type DeliveryErrorCode =
  /** The environment variable the subscription names is unset or empty: nothing was sent. */
  | 'WEBHOOK_SECRET_MISSING'
  /** The subscription's URL is not an absolute http(s) URL. */
  | 'WEBHOOK_INVALID_URL'
  /** No answer within the per-attempt timeout. */
  | 'WEBHOOK_TIMEOUT'
  /** Connection refused or reset, DNS failure, TLS failure: no HTTP answer at all. */
  | 'WEBHOOK_NETWORK'
  /** 500-599. */
  | 'WEBHOOK_HTTP_5XX'
  /** 408, 425 or 429: the receiver asks to be tried again later. */
  | 'WEBHOOK_HTTP_RETRY_LATER'
  /** Any other 4xx: the receiver refuses this request and would refuse it again. */
  | 'WEBHOOK_HTTP_4XX'
  /** 1xx or 3xx: redirects are not followed (a signed POST must not wander to another host). */
  | 'WEBHOOK_HTTP_UNEXPECTED'
  /** The dispatcher is stopping; the alert stays uncommitted and is delivered after the restart. */
  | 'WEBHOOK_ABORTED'
  /** The alert names another brand than the topic it came from: never delivered to anyone. */
  | 'BRAND_MISMATCH';

const retriableCodes: ReadonlySet<DeliveryErrorCode> = new Set([
  'WEBHOOK_TIMEOUT',
  'WEBHOOK_NETWORK',
  'WEBHOOK_HTTP_5XX',
  'WEBHOOK_HTTP_RETRY_LATER',
  'WEBHOOK_ABORTED',
]);

// A registry symbol survives the package being loaded twice in one process, where instanceof would not.
const deliveryErrorBrand = Symbol.for('@sl/alerting.DeliveryError');

export class DeliveryError extends Error {
  readonly code: DeliveryErrorCode;
  readonly retriable: boolean;
  /** The last HTTP status received, when there was one. */
  readonly status: number | undefined;
  readonly [deliveryErrorBrand] = true;

  constructor(code: DeliveryErrorCode, message: string, options: { cause?: unknown; status?: number } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'DeliveryError';
    this.code = code;
    this.retriable = retriableCodes.has(code);
    this.status = options.status;
  }
}

export function isDeliveryError(error: unknown): error is DeliveryError {
  return typeof error === 'object' && error !== null && (error as Record<symbol, unknown>)[deliveryErrorBrand] === true;
}
