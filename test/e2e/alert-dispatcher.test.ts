// The alert dispatcher as a real process against the real broker and two real webhook servers:
// each brand's webhooks get exactly that brand's alerts, each once, signed with the secret from
// the dispatcher's environment, filtered by kind and severity; a flaky webhook gets its alert on
// the third attempt; one that keeps failing, one whose secret is unset and an alert naming another
// brand than its topic each leave exactly one DeadLetter record. A brand added while the
// dispatcher runs is picked up, and one retired is let go, without a restart. And a delivery cut
// short by SIGTERM is not committed: the next dispatcher delivers the alert (at least once).
import { verifySignature } from '@sl/alerting';
import { type ReceivedRequest, startWebhookReceiver } from '@sl/alerting/testing';
import {
  type Alert,
  type AlertKind,
  type AlertSeverity,
  alertContract,
  type DeadLetter,
  deadLetterContract,
  type WebhookSubscription,
} from '@sl/contracts';
import { alertsTopic, brandsConfigTopic, createIdempotentProducer, createKafkaClient, ensureTopics, type KafkaClient, renamed } from '@sl/kafka';
import { brandFixture, testLogger, uniqueName } from '@sl/testkit';
import '@sl/testkit/provided';
import { expect, inject, it } from 'vitest';
import { spawnService, waitFor } from '../support/service-process.ts';

const secrets = {
  SL_TEST_ACME_HOOK_SECRET: 'whsec-acme-e2e-0123456789abcdef',
  SL_TEST_GLOBEX_HOOK_SECRET: 'whsec-globex-e2e-fedcba9876543210',
};
const UNSET_SECRET = 'SL_TEST_UNSET_HOOK_SECRET_NEVER_SET';
const MAX_ATTEMPTS = 3;

function alert(brandId: string, n: number, kind: AlertKind, severity: AlertSeverity, overrides: Partial<Alert> = {}): Alert {
  const windowStart = Date.UTC(2025, 10, 24, 12, 0) + n * 900_000;
  return {
    id: `${brandId}:${kind}:${n}`,
    brandId,
    kind,
    severity,
    windowStart,
    windowEnd: windowStart + 900_000,
    observed: 40 + n,
    expected: 10,
    mentionIds: [`e2e:${n}`],
    sampleTexts: [`sample <${n}> & more`],
    explanation: `alert ${n} for ${brandId}`,
    createdAt: windowStart + 901_000,
    author: null,
    url: null,
    sentiment: null,
    influence: null,
    historical: false,
    ...overrides,
  };
}

const hook = (id: string, url: string, secretEnv: string, overrides: Partial<WebhookSubscription> = {}): WebhookSubscription => ({
  id,
  url,
  secretEnv,
  format: 'json',
  kinds: [],
  minSeverity: 'info',
  ...overrides,
});

const acmeAlerts = [
  alert('acme', 1, 'volume_spike', 'warning'),
  alert('acme', 2, 'negative_surge', 'info'),
  alert('acme', 3, 'unanswered_question', 'critical'),
  alert('acme', 4, 'viral_post', 'info'),
  alert('acme', 5, 'influential_voice', 'critical'),
  alert('acme', 6, 'negative_surge', 'critical'),
];
const globexAlerts = [alert('globex', 1, 'volume_spike', 'info'), alert('globex', 2, 'unanswered_question', 'warning')];
// Written to globex's topic but naming acme: neither brand's webhooks may see it.
const misfiled = alert('acme', 99, 'volume_spike', 'critical', { id: 'acme:volume_spike:misfiled' });

/** The X-SL-Alert-Id of every request to `path`, in arrival order. */
const idsAt = (requests: readonly ReceivedRequest[], path: string) =>
  requests.filter((r) => r.path === path).map((r) => r.headers['x-sl-alert-id']);

async function readDeadLetters(
  kafka: KafkaClient,
  topic: string,
  expected: number,
): Promise<Array<{ letter: DeadLetter; headers: Record<string, string> }>> {
  const seen: Array<{ letter: DeadLetter; headers: Record<string, string> }> = [];
  const reader = kafka.consumer({ groupId: uniqueName('dlq-reader') });
  await reader.connect();
  await reader.subscribe(topic, { fromBeginning: true });
  await reader.run(async ({ records }) => {
    for (const message of records) {
      const headers = Object.fromEntries(Object.entries(message.headers ?? {}).map(([k, v]) => [k, String(v)]));
      seen.push({ letter: deadLetterContract.decode(message.value ?? Buffer.alloc(0)), headers });
    }
  });
  const deadline = Date.now() + 30_000;
  while (seen.length < expected && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 200));
  // A little longer, so a duplicate would be counted too.
  await new Promise((resolve) => setTimeout(resolve, 1_500));
  await reader.disconnect();
  return seen;
}

it('delivers each brand its own alerts, signed, filtered, retried, and dead-letters what cannot be delivered', async () => {
  const brokers = inject('kafkaBrokers');
  const namespace = `${uniqueName('dispatch')}.`;
  const kafka = createKafkaClient({ brokers, clientId: 'alert-dispatcher-test', logger: testLogger() });
  const brandsTopic = renamed(brandsConfigTopic, `${namespace}brands.config`);
  const acmeTopic = renamed(alertsTopic('acme'), `${namespace}alerts.acme`);
  const globexTopic = renamed(alertsTopic('globex'), `${namespace}alerts.globex`);
  await ensureTopics(kafka, [brandsTopic, acmeTopic, globexTopic]);
  const producer = await createIdempotentProducer(kafka);

  const acmeServer = await startWebhookReceiver((request, earlier) => {
    if (request.path === '/dead') return { status: 500, body: 'down for maintenance' };
    if (request.path === '/flaky') {
      const before = earlier.filter((r) => r.path === '/flaky' && r.headers['x-sl-alert-id'] === request.headers['x-sl-alert-id']).length;
      return before < 2 ? { status: 503 } : { status: 200 };
    }
    return { status: 204 };
  });
  const globexServer = await startWebhookReceiver(() => ({ status: 202 }));
  const acme = brandFixture('acme', {
    name: 'Acme',
    webhooks: [
      hook('acme-all', `${acmeServer.url}/all`, 'SL_TEST_ACME_HOOK_SECRET'),
      hook('acme-surges', `${acmeServer.url}/surges`, 'SL_TEST_ACME_HOOK_SECRET', {
        format: 'slack',
        kinds: ['volume_spike', 'negative_surge'],
        minSeverity: 'warning',
      }),
      hook('acme-flaky', `${acmeServer.url}/flaky`, 'SL_TEST_ACME_HOOK_SECRET', { kinds: ['viral_post'] }),
      hook('acme-dead', `${acmeServer.url}/dead`, 'SL_TEST_ACME_HOOK_SECRET', { kinds: ['influential_voice'] }),
    ],
  });
  const globex = brandFixture('globex', {
    name: 'Globex',
    webhooks: [
      hook('globex-all', `${globexServer.url}/all`, 'SL_TEST_GLOBEX_HOOK_SECRET'),
      hook('globex-unset', `${globexServer.url}/unset`, UNSET_SECRET, { kinds: ['unanswered_question'] }),
    ],
  });

  await producer.send(brandsTopic, [{ key: 'acme', value: acme }]);
  await producer.send(
    acmeTopic,
    acmeAlerts.map((a) => ({ key: a.id, value: a })),
  );
  const dispatcher = spawnService('alert-dispatcher', {
    ...secrets,
    KAFKA_BROKERS: brokers.join(','),
    SL_TOPIC_NAMESPACE: namespace,
    SL_GROUP_ID: uniqueName('alert-dispatcher'),
    SL_OPS_PORT: '0',
    SL_SESSION_TIMEOUT_MS: '30000',
    SL_WEBHOOK_MAX_ATTEMPTS: String(MAX_ATTEMPTS),
    SL_WEBHOOK_BACKOFF_MS: '20',
    SL_WEBHOOK_MAX_BACKOFF_MS: '100',
    SL_WEBHOOK_TIMEOUT_MS: '5000',
  });
  try {
    const running = await waitFor(
      'the dispatcher to start',
      async () =>
        dispatcher
          .output()
          .split('\n')
          .find((line) => line.includes('"msg":"alert dispatcher running"')),
      60_000,
      dispatcher.output,
    );
    const opsPort = (JSON.parse(running) as { opsPort: number }).opsPort;

    // globex arrives while the dispatcher runs: its topic is picked up without a restart.
    await producer.send(brandsTopic, [{ key: 'globex', value: globex }]);
    await producer.send(
      globexTopic,
      [...globexAlerts, misfiled].map((a) => ({ key: a.id, value: a })),
    );

    const detail = () =>
      `${dispatcher.output()}\nacme: ${JSON.stringify(acmeServer.requests.map((r) => [r.path, r.headers['x-sl-alert-id']]))}`;
    await waitFor(
      'every delivery and retry',
      async () =>
        idsAt(acmeServer.requests, '/all').length >= 6 &&
        idsAt(acmeServer.requests, '/surges').length >= 2 &&
        idsAt(acmeServer.requests, '/flaky').length >= 3 &&
        idsAt(acmeServer.requests, '/dead').length >= MAX_ATTEMPTS &&
        idsAt(globexServer.requests, '/all').length >= 2
          ? true
          : undefined,
      60_000,
      detail,
    );
    const [acmeLetters, globexLetters] = await Promise.all([
      readDeadLetters(kafka, `${acmeTopic.name}.dlq`, 1),
      readDeadLetters(kafka, `${globexTopic.name}.dlq`, 2),
    ]);

    // Each brand's server saw exactly its own brand's alerts; the all-kinds webhooks each alert once.
    expect(idsAt(acmeServer.requests, '/all').sort()).toEqual(acmeAlerts.map((a) => a.id).sort());
    expect(idsAt(globexServer.requests, '/all').sort()).toEqual(globexAlerts.map((a) => a.id).sort());
    expect(
      acmeServer.requests.every((r) => r.headers['x-sl-brand'] === 'acme' && String(r.headers['x-sl-alert-id']).startsWith('acme:')),
    ).toBe(true);
    expect(
      globexServer.requests.every((r) => r.headers['x-sl-brand'] === 'globex' && String(r.headers['x-sl-alert-id']).startsWith('globex:')),
    ).toBe(true);
    expect([...acmeServer.requests, ...globexServer.requests].some((r) => r.headers['x-sl-alert-id'] === misfiled.id)).toBe(false);

    // kinds [volume_spike, negative_surge] at warning or above: exactly alerts 1 and 6, as Slack messages.
    expect(idsAt(acmeServer.requests, '/surges').sort()).toEqual(['acme:negative_surge:6', 'acme:volume_spike:1']);
    for (const request of acmeServer.requests.filter((r) => r.path === '/surges')) {
      expect(JSON.parse(request.body.toString())).toMatchObject({
        blocks: expect.any(Array),
        text: expect.stringContaining('for Acme (acme)'),
      });
    }
    // Twice 503, then accepted: three attempts of one alert, the last one marked 3.
    expect(
      acmeServer.requests.filter((r) => r.path === '/flaky').map((r) => [r.headers['x-sl-alert-id'], r.headers['x-sl-delivery-attempt']]),
    ).toEqual([
      ['acme:viral_post:4', '1'],
      ['acme:viral_post:4', '2'],
      ['acme:viral_post:4', '3'],
    ]);
    // 500 every time: exactly MAX_ATTEMPTS tries, then one dead letter.
    expect(acmeServer.requests.filter((r) => r.path === '/dead').map((r) => r.headers['x-sl-delivery-attempt'])).toEqual(['1', '2', '3']);
    // No secret, no request.
    expect(idsAt(globexServer.requests, '/unset')).toEqual([]);

    // Every request is signed with its brand's secret (from the dispatcher's environment) and no other.
    const now = Math.floor(Date.now() / 1000);
    for (const [server, own, other] of [
      [acmeServer, secrets.SL_TEST_ACME_HOOK_SECRET, secrets.SL_TEST_GLOBEX_HOOK_SECRET],
      [globexServer, secrets.SL_TEST_GLOBEX_HOOK_SECRET, secrets.SL_TEST_ACME_HOOK_SECRET],
    ] as const) {
      for (const request of server.requests) {
        expect(verifySignature(own, request.headers['x-sl-signature'], request.body, now)).toEqual({ ok: true });
        expect(verifySignature(other, request.headers['x-sl-signature'], request.body, now).ok).toBe(false);
        expect(request.headers['content-type']).toBe('application/json');
        expect(request.headers['user-agent']).toBe('brand-listening-alert-dispatcher');
      }
    }
    const firstJson = acmeServer.requests.find((r) => r.path === '/all');
    const sent = JSON.parse(firstJson?.body.toString() ?? '{}') as Alert;
    expect(sent).toMatchObject(acmeAlerts.find((a) => a.id === sent.id) ?? { id: 'unknown' });

    // Dead letters: exactly one per failed (alert, webhook), and one for the misfiled alert.
    const summary = (entries: typeof acmeLetters) =>
      entries.map(({ letter, headers }) => ({
        key: letter.key?.toString(),
        alert: alertContract.decode(letter.value).id,
        code: letter.errorCode,
        stage: letter.stage,
        topic: letter.originalTopic,
        webhook: headers['dlq.webhook.id'],
        attempts: headers['dlq.delivery.attempts'],
      }));
    expect(summary(acmeLetters)).toEqual([
      {
        key: 'acme:influential_voice:5',
        alert: 'acme:influential_voice:5',
        code: 'WEBHOOK_HTTP_5XX',
        stage: 'alert-dispatcher',
        topic: acmeTopic.name,
        webhook: 'acme-dead',
        attempts: '3',
      },
    ]);
    expect(acmeLetters[0]?.letter.error).toBe('webhook "acme-dead": HTTP 500 (down for maintenance) after 3 attempts');
    expect(acmeLetters[0]?.headers['dlq.http.status']).toBe('500');
    expect(summary(globexLetters).sort((a, b) => String(a.code).localeCompare(String(b.code)))).toEqual([
      {
        key: misfiled.id,
        alert: misfiled.id,
        code: 'BRAND_MISMATCH',
        stage: 'alert-dispatcher',
        topic: globexTopic.name,
        webhook: undefined,
        attempts: undefined,
      },
      {
        key: 'globex:unanswered_question:2',
        alert: 'globex:unanswered_question:2',
        code: 'WEBHOOK_SECRET_MISSING',
        stage: 'alert-dispatcher',
        topic: globexTopic.name,
        webhook: 'globex-unset',
        attempts: '0',
      },
    ]);
    expect(globexLetters.find((l) => l.letter.errorCode === 'BRAND_MISMATCH')?.letter.error).toMatch(/^brand mismatch: /);

    // Health and metrics say the same.
    const health = (await (await fetch(`http://127.0.0.1:${opsPort}/healthz`)).json()) as {
      status: string;
      checks: Record<string, { detail: string }>;
    };
    expect(health).toMatchObject({
      status: 'ok',
      checks: { brands: { detail: '2 brands' }, consumers: { detail: '2 of 2 brand alert topics consumed' } },
    });
    const metrics = await (await fetch(`http://127.0.0.1:${opsPort}/metrics`)).text();
    expect(metrics).toMatch(
      /sl_alert_deliveries_total\{brand="acme",webhook="acme-all",outcome="delivered",service="alert-dispatcher"\} 6/,
    );
    expect(metrics).toMatch(
      /sl_alert_deliveries_total\{brand="acme",webhook="acme-dead",outcome="WEBHOOK_HTTP_5XX",service="alert-dispatcher"\} 1/,
    );

    // A retired brand's topic is let go, again without a restart.
    await producer.send(brandsTopic, [{ key: 'globex', value: { ...globex, deleted: true } }]);
    await waitFor(
      'globex to be let go',
      async () => (dispatcher.output().includes('"brand":"globex","msg":"stopped consuming alerts: brand retired"') ? true : undefined),
      30_000,
      detail,
    );
    const after = (await (await fetch(`http://127.0.0.1:${opsPort}/healthz`)).json()) as { checks: Record<string, { detail: string }> };
    expect(after.checks.consumers?.detail).toBe('1 of 1 brand alert topics consumed');

    // The secrets never reach a log line.
    for (const secret of Object.values(secrets)) expect(dispatcher.output()).not.toContain(secret);
    expect(await dispatcher.stop()).toBe(0);
  } finally {
    await dispatcher.stop('SIGKILL');
    await producer.disconnect();
    await acmeServer.close();
    await globexServer.close();
  }
}, 120_000);

it('an alert whose delivery is cut short by SIGTERM stays uncommitted and is delivered by the next dispatcher', async () => {
  const brokers = inject('kafkaBrokers');
  const namespace = `${uniqueName('dispatch-stop')}.`;
  const kafka = createKafkaClient({ brokers, clientId: 'alert-dispatcher-stop-test', logger: testLogger() });
  const brandsTopic = renamed(brandsConfigTopic, `${namespace}brands.config`);
  const acmeTopic = renamed(alertsTopic('acme'), `${namespace}alerts.acme`);
  await ensureTopics(kafka, [brandsTopic, acmeTopic]);
  const producer = await createIdempotentProducer(kafka);
  // The first request is never answered: the dispatcher is stopped while it waits.
  const server = await startWebhookReceiver((_, earlier) => (earlier.length === 0 ? 'no-answer' : { status: 204 }));
  const only = alert('acme', 1, 'volume_spike', 'critical');
  await producer.send(brandsTopic, [
    { key: 'acme', value: brandFixture('acme', { webhooks: [hook('acme-all', `${server.url}/all`, 'SL_TEST_ACME_HOOK_SECRET')] }) },
  ]);
  await producer.send(acmeTopic, [{ key: only.id, value: only }]);
  const env = {
    ...secrets,
    KAFKA_BROKERS: brokers.join(','),
    SL_TOPIC_NAMESPACE: namespace,
    SL_GROUP_ID: uniqueName('alert-dispatcher'),
    SL_OPS_PORT: '0',
    SL_WEBHOOK_TIMEOUT_MS: '60000',
  };
  const first = spawnService('alert-dispatcher', env);
  let second: ReturnType<typeof spawnService> | undefined;
  try {
    await waitFor('the first request', async () => (server.requests.length >= 1 ? true : undefined), 60_000, first.output);
    expect(await first.stop()).toBe(0);
    second = spawnService('alert-dispatcher', env);
    const restarted = second;
    await waitFor(
      'the alert delivered again',
      async () => (restarted.output().includes('"msg":"alert delivered"') ? true : undefined),
      60_000,
      restarted.output,
    );
    expect(server.requests.map((r) => [r.headers['x-sl-alert-id'], r.headers['x-sl-delivery-attempt']])).toEqual([
      [only.id, '1'],
      [only.id, '1'],
    ]);
    expect(first.output()).not.toContain('dead-lettering');
    expect(await second.stop()).toBe(0);
  } finally {
    await first.stop('SIGKILL');
    await second?.stop('SIGKILL');
    await producer.disconnect();
    await server.close();
  }
}, 120_000);
