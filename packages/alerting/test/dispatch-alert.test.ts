// One alert through the brand check, the filters and the deliveries, against a real server.
import { brandFixture } from '@sl/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { dispatchAlert } from '../src/dispatch-alert.ts';
import { pagesFor } from '../src/history-rule.ts';
import { startWebhookReceiver, type WebhookReceiver } from '../src/testing/webhook-receiver.ts';
import { verifySignature } from '../src/webhook-signature.ts';
import { alertFixture, subscriptionFixture } from './alert-fixture.ts';

const secrets: Record<string, string> = { ACME_ALL: 'whsec-acme-all-0123456789', ACME_SURGES: 'whsec-acme-surges-0123456789' };
const secretFor = (name: string) => secrets[name];
const origin = { topic: 'ns.alerts.acme', namespace: 'ns.', brandId: 'acme' };
const delivery = { sleep: async () => {}, maxAttempts: 2 };
let receiver: WebhookReceiver | undefined;

afterEach(async () => {
  await receiver?.close();
  receiver = undefined;
});

async function acme() {
  receiver = await startWebhookReceiver((request) => (request.path === '/fails' ? { status: 500 } : { status: 204 }));
  const brand = brandFixture('acme', {
    name: 'Acme Coffee',
    webhooks: [
      subscriptionFixture({ id: 'all', url: `${receiver.url}/all`, secretEnv: 'ACME_ALL' }),
      subscriptionFixture({
        id: 'surges',
        url: `${receiver.url}/surges`,
        secretEnv: 'ACME_SURGES',
        format: 'slack',
        kinds: ['negative_surge'],
        minSeverity: 'critical',
      }),
      subscriptionFixture({ id: 'unset', url: `${receiver.url}/unset`, secretEnv: 'ACME_UNSET', kinds: ['viral_post'] }),
      subscriptionFixture({ id: 'fails', url: `${receiver.url}/fails`, secretEnv: 'ACME_ALL', kinds: ['viral_post'] }),
    ],
  });
  return { receiver, brand };
}

describe('dispatchAlert', () => {
  it('delivers to every webhook that wants the alert, each signed with its own secret', async () => {
    const { receiver, brand } = await acme();
    const result = await dispatchAlert({ alert: alertFixture({ severity: 'critical' }), origin, brand, secretFor, delivery });
    expect(result.kind).toBe('dispatched');
    if (result.kind !== 'dispatched') return;
    expect(result.deliveries.map((d) => [d.subscription.id, d.outcome.delivered, d.outcome.attempts])).toEqual([
      ['all', true, 1],
      ['surges', true, 1],
    ]);
    expect(receiver.requests.map((r) => r.path).sort()).toEqual(['/all', '/surges']);
    for (const request of receiver.requests) {
      const own = request.path === '/all' ? secrets.ACME_ALL : secrets.ACME_SURGES;
      const other = request.path === '/all' ? secrets.ACME_SURGES : secrets.ACME_ALL;
      expect(verifySignature(own ?? '', request.headers['x-sl-signature'], request.body, Math.floor(Date.now() / 1000)).ok).toBe(true);
      expect(verifySignature(other ?? '', request.headers['x-sl-signature'], request.body, Math.floor(Date.now() / 1000)).ok).toBe(false);
    }
    expect(JSON.parse(receiver.requests.find((r) => r.path === '/surges')?.body.toString() ?? '{}').text).toContain('Acme Coffee (acme)');
  });

  it('reports a missing secret and an exhausted webhook per subscription, delivering the rest', async () => {
    const { receiver, brand } = await acme();
    const result = await dispatchAlert({
      alert: alertFixture({ kind: 'viral_post', severity: 'info' }),
      origin,
      brand,
      secretFor,
      delivery,
    });
    if (result.kind !== 'dispatched') throw new Error('expected a dispatch');
    expect(
      result.deliveries.map((d) => [d.subscription.id, d.outcome.delivered ? 'delivered' : d.outcome.error.code, d.outcome.attempts]),
    ).toEqual([
      ['all', 'delivered', 1],
      ['unset', 'WEBHOOK_SECRET_MISSING', 0],
      ['fails', 'WEBHOOK_HTTP_5XX', 2],
    ]);
    expect(receiver.requests.map((r) => r.path).sort()).toEqual(['/all', '/fails', '/fails']);
  });

  it('refuses an alert of another brand, or from another topic, before any webhook is called', async () => {
    const { receiver, brand } = await acme();
    const foreign = await dispatchAlert({ alert: alertFixture({ brandId: 'globex' }), origin, brand, secretFor, delivery });
    const elsewhere = await dispatchAlert({
      alert: alertFixture(),
      origin: { ...origin, topic: 'ns.alerts.globex' },
      brand,
      secretFor,
      delivery,
    });
    const misfiled = await dispatchAlert({ alert: alertFixture(), origin, brand: { ...brand, id: 'globex' }, secretFor, delivery });
    expect([foreign, elsewhere, misfiled].map((r) => (r.kind === 'refused' ? r.error.code : r.kind))).toEqual([
      'BRAND_MISMATCH',
      'BRAND_MISMATCH',
      'BRAND_MISMATCH',
    ]);
    expect(receiver.requests).toHaveLength(0);
  });

  it('delivers nothing for a brand that is gone or retired', async () => {
    const { receiver, brand } = await acme();
    expect(await dispatchAlert({ alert: alertFixture(), origin, brand: undefined, secretFor, delivery })).toEqual({
      kind: 'dispatched',
      deliveries: [],
    });
    expect(await dispatchAlert({ alert: alertFixture(), origin, brand: { ...brand, deleted: true }, secretFor, delivery })).toEqual({
      kind: 'dispatched',
      deliveries: [],
    });
    expect(receiver.requests).toHaveLength(0);
  });

  it('sends a historical alert to no webhook when the brand does not page history, naming the webhooks it would have reached', async () => {
    const { receiver, brand } = await acme();
    const result = await dispatchAlert({ alert: alertFixture({ severity: 'critical', historical: true }), origin, brand, secretFor, delivery });
    expect(result.kind).toBe('history-not-paged');
    if (result.kind !== 'history-not-paged') return;
    expect(result.withheld.map((s) => s.id)).toEqual(['all', 'surges']);
    expect(receiver.requests).toHaveLength(0);
  });

  it('delivers a historical alert like a live one when the brand pages history', async () => {
    const { receiver, brand } = await acme();
    const paging = { ...brand, alertThresholds: { ...brand.alertThresholds, pageHistory: true } };
    const result = await dispatchAlert({ alert: alertFixture({ historical: true }), origin, brand: paging, secretFor, delivery });
    if (result.kind !== 'dispatched') throw new Error(`expected a dispatch, got ${result.kind}`);
    expect(result.deliveries.map((d) => [d.subscription.id, d.outcome.delivered])).toEqual([['all', true]]);
    expect(receiver.requests.map((r) => [r.path, JSON.parse(r.body.toString()).historical])).toEqual([['/all', true]]);
  });

  it('still refuses a misfiled historical alert (a dead letter, not silence)', async () => {
    const { receiver, brand } = await acme();
    const result = await dispatchAlert({ alert: alertFixture({ brandId: 'globex', historical: true }), origin, brand, secretFor, delivery });
    expect(result.kind === 'refused' ? result.error.code : result.kind).toBe('BRAND_MISMATCH');
    expect(receiver.requests).toHaveLength(0);
  });
});

describe('pagesFor', () => {
  it('pages live alerts always and historical ones only when the brand sets pageHistory', () => {
    const quiet = brandFixture('acme');
    const paging = brandFixture('acme', { alertThresholds: { ...quiet.alertThresholds, pageHistory: true } });
    expect([
      pagesFor({ historical: false }, quiet),
      pagesFor({ historical: true }, quiet),
      pagesFor({ historical: false }, paging),
      pagesFor({ historical: true }, paging),
    ]).toEqual([true, false, true, true]);
  });
});
