// A subscriber must never receive another brand's alert. An alert is delivered to a brand's
// webhooks only when it was read from that brand's topic AND names that brand; anything else is
// refused whole (and dead-lettered by the caller), whatever the webhooks' filters say.
import type { Alert } from '@sl/contracts';
import { DeliveryError } from './delivery-error.ts';

export interface AlertOrigin {
  /** The topic the record was read from, namespace included, e.g. `test-1.alerts.acme`. */
  topic: string;
  /** The topic namespace (SL_TOPIC_NAMESPACE), '' in production. */
  namespace: string;
  /** The brand whose webhooks are about to receive it. */
  brandId: string;
}

export function alertsTopicName(namespace: string, brandId: string): string {
  return `${namespace}alerts.${brandId}`;
}

/** undefined when the alert may go to `origin.brandId`'s webhooks; the refusal otherwise. */
export function checkAlertOrigin(alert: Pick<Alert, 'id' | 'brandId'>, origin: AlertOrigin): DeliveryError | undefined {
  const expectedTopic = alertsTopicName(origin.namespace, origin.brandId);
  if (origin.topic === expectedTopic && alert.brandId === origin.brandId) return undefined;
  return new DeliveryError(
    'BRAND_MISMATCH',
    `brand mismatch: alert ${alert.id} names brand "${alert.brandId}", was read from topic "${origin.topic}" and would go to brand "${origin.brandId}" (topic "${expectedTopic}"); not delivered to anyone`,
  );
}
