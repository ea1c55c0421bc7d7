// A complete alert and a webhook subscription for the delivery tests.
import type { Alert, WebhookSubscription } from '@sl/contracts';

export function alertFixture(overrides: Partial<Alert> = {}): Alert {
  return {
    id: 'acme:negative_surge:1714565400000',
    brandId: 'acme',
    kind: 'negative_surge',
    severity: 'warning',
    windowStart: Date.UTC(2024, 4, 1, 12, 10),
    windowEnd: Date.UTC(2024, 4, 1, 12, 15),
    observed: 30,
    expected: 8.64,
    mentionIds: ['mastodon:1', 'rss:2'],
    sampleTexts: ['Acme decaf arrived stale again.', 'Third time my Acme order is late.'],
    explanation: '62% of 48 mentions in 12:10–12:15 UTC were negative; the threshold is 40%.',
    createdAt: Date.UTC(2024, 4, 1, 12, 15, 2),
    author: null,
    url: null,
    sentiment: -0.41,
    influence: null,
    historical: false,
    ...overrides,
  };
}

export function subscriptionFixture(overrides: Partial<WebhookSubscription> = {}): WebhookSubscription {
  return {
    id: 'ops',
    url: 'http://127.0.0.1:9/hook',
    secretEnv: 'ACME_HOOK_SECRET',
    format: 'json',
    kinds: [],
    minSeverity: 'info',
    ...overrides,
  };
}
