// Everything that happens to one alert read from a brand's topic: the brand check, the history
// rule, then a delivery to every webhook of that brand that wants it, all at once. The caller
// commits the record once each delivery either succeeded or is written to the dead-letter topic;
// a refusal (brand mismatch) is one dead letter for the whole alert; a historical alert the brand
// does not page is committed with nothing sent (it stays on the topic).
import type { Alert, Brand, WebhookSubscription } from '@sl/contracts';
import { type AlertOrigin, checkAlertOrigin } from './alert-origin.ts';
import type { DeliveryError } from './delivery-error.ts';
import type { DeliveryOptions } from './delivery-options.ts';
import { type DeliveryOutcome, deliver } from './deliver.ts';
import { pagesFor } from './history-rule.ts';
import { matchingSubscriptions } from './subscription-filter.ts';

export interface DispatchRequest {
  alert: Alert;
  origin: AlertOrigin;
  /** The live configuration of origin.brandId; undefined once the brand is gone. */
  brand: Brand | undefined;
  /** The value of the environment variable a subscription names; undefined when unset. */
  secretFor: (envName: string) => string | undefined;
  delivery?: Partial<DeliveryOptions>;
}

export interface WebhookDelivery {
  subscription: WebhookSubscription;
  outcome: DeliveryOutcome;
}

export type DispatchResult =
  | { kind: 'refused'; error: DeliveryError }
  /** deliveries is empty when no webhook wants the alert or the brand was retired. */
  | { kind: 'dispatched'; deliveries: WebhookDelivery[] }
  /**
   * Historical, and the brand's pageHistory is false: sent to no webhook. `withheld` are the
   * webhooks that would have received it (possibly none).
   */
  | { kind: 'history-not-paged'; withheld: WebhookSubscription[] };

export async function dispatchAlert(request: DispatchRequest): Promise<DispatchResult> {
  const { alert, origin, brand } = request;
  const refusal =
    checkAlertOrigin(alert, origin) ??
    (brand && brand.id !== origin.brandId ? checkAlertOrigin(alert, { ...origin, brandId: brand.id }) : undefined);
  if (refusal) return { kind: 'refused', error: refusal };
  if (!brand || brand.deleted) return { kind: 'dispatched', deliveries: [] };
  const subscriptions = matchingSubscriptions(brand.webhooks, alert);
  if (!pagesFor(alert, brand)) return { kind: 'history-not-paged', withheld: subscriptions };
  const deliveries = await Promise.all(
    subscriptions.map(async (subscription) => ({
      subscription,
      outcome: await deliver(alert, subscription, request.secretFor(subscription.secretEnv), {
        brandName: brand.name,
        ...request.delivery,
      }),
    })),
  );
  return { kind: 'dispatched', deliveries };
}
