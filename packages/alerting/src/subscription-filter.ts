// Which of a brand's webhooks want an alert: its kind is listed (or the list is empty, meaning
// every kind) and its severity is at least the webhook's minimum.
import type { Alert, WebhookSubscription } from '@sl/contracts';

const severityRank: Readonly<Record<string, number>> = { info: 0, warning: 1, critical: 2 };

export function subscriptionWants(subscription: WebhookSubscription, alert: Pick<Alert, 'kind' | 'severity'>): boolean {
  const kindWanted = subscription.kinds.length === 0 || subscription.kinds.includes(alert.kind);
  // Severity is a string on the wire: one newer than this build is delivered to every webhook
  // rather than silently to none.
  const rank = severityRank[alert.severity] ?? Number.POSITIVE_INFINITY;
  return kindWanted && rank >= (severityRank[subscription.minSeverity] ?? 0);
}

export function matchingSubscriptions(
  webhooks: readonly WebhookSubscription[],
  alert: Pick<Alert, 'kind' | 'severity'>,
): WebhookSubscription[] {
  return webhooks.filter((subscription) => subscriptionWants(subscription, alert));
}
