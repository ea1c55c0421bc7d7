// The bytes POSTed to a webhook, in the format its subscription asked for. Rendered once per
// delivery: every retry sends (and signs) exactly the same body.
import type { Alert, WebhookSubscription } from '@sl/contracts';
import { jsonPayload } from './json-payload.ts';
import { slackPayload } from './slack-payload.ts';

export function renderPayload(alert: Alert, format: WebhookSubscription['format'], options: { brandName?: string } = {}): string {
  if (format === 'slack')
    return JSON.stringify(slackPayload(alert, options.brandName === undefined ? {} : { brandName: options.brandName }));
  return JSON.stringify(jsonPayload(alert));
}
