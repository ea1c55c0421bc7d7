// The headers of every delivery attempt. Receivers dedupe on X-SL-Alert-Id: delivery is
// at-least-once, and a retried or replayed alert keeps its id.
import type { Alert } from '@sl/contracts';
import { signPayload } from './webhook-signature.ts';

export const webhookHeaders = {
  signature: 'X-SL-Signature',
  alertId: 'X-SL-Alert-Id',
  brand: 'X-SL-Brand',
  attempt: 'X-SL-Delivery-Attempt',
} as const;

export const USER_AGENT = 'brand-listening-alert-dispatcher';

export function deliveryHeaders(alert: Alert, secret: string, body: string, attempt: number, nowSeconds: number): Record<string, string> {
  return {
    'Content-Type': 'application/json',
    'User-Agent': USER_AGENT,
    [webhookHeaders.alertId]: headerSafe(alert.id),
    [webhookHeaders.brand]: headerSafe(alert.brandId),
    [webhookHeaders.attempt]: String(attempt),
    [webhookHeaders.signature]: signPayload(secret, nowSeconds, body),
  };
}

/** A header value must be printable ASCII; anything else is percent-encoded rather than refused by fetch. */
export function headerSafe(value: string): string {
  return /^[\x20-\x7e]*$/.test(value) ? value : encodeURIComponent(value);
}
