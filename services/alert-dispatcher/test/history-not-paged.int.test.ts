// The history rule in the real dispatcher process, against the real broker and a real webhook
// server: acme (pageHistory false) gets its live alerts and none of its historical ones, which
// are committed all the same (the group's offset reaches the topic's end, nothing is
// dead-lettered), counted per kind in /metrics and logged as batch summaries; globex
// (pageHistory true) gets its historical alert like a live one.
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { type ReceivedRequest, startWebhookReceiver } from '@sl/alerting/testing';
import type { Alert, Brand, WebhookSubscription } from '@sl/contracts';
import { alertsTopic, brandsConfigTopic, consumerLag, createIdempotentProducer, createKafkaClient, ensureTopics, renamed } from '@sl/kafka';
import { brandFixture, testLogger, uniqueName } from '@sl/testkit';
import '@sl/testkit/provided';
import { expect, inject, it } from 'vitest';

const dispatcherMain = fileURLToPath(new URL('../src/main.ts', import.meta.url));
const SECRET = 'whsec-history-int-0123456789abcdef';
const MINUTE = 60_000;

function alert(brandId: string, n: number, kind: Alert['kind'], historical: boolean): Alert {
  const createdAt = Date.UTC(2026, 10, 24, 12, 0) + n * MINUTE;
  // A backfill's alert is about a window a month before it was raised; a live one, minutes.
  const windowEnd = historical ? createdAt - 30 * 24 * 60 * MINUTE : createdAt - 2 * MINUTE;
  return {
    id: `${brandId}:${kind}:${n}`,
    brandId,
    kind,
    severity: 'critical',
    windowStart: windowEnd - 15 * MINUTE,
    windowEnd,
    observed: 40 + n,
    expected: 10,
    mentionIds: [`int:${n}`],
    sampleTexts: [],
    explanation: `alert ${n} for ${brandId}`,
    createdAt,
    author: null,
    url: null,
    sentiment: null,
    influence: null,
    historical,
  };
}

const hook = (url: string): WebhookSubscription => ({ id: 'all', url, secretEnv: 'SL_TEST_HISTORY_HOOK_SECRET', format: 'json', kinds: [], minSeverity: 'info' });

function withPageHistory(brand: Brand, pageHistory: boolean): Brand {
  return { ...brand, alertThresholds: { ...brand.alertThresholds, pageHistory } };
}

async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, child: ChildProcess, detail: () => string, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`gave up waiting for ${what}\n${detail().slice(-4_000)}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

const idsAt = (requests: readonly ReceivedRequest[], path: string) =>
  requests
    .filter((r) => r.path === path)
    .map((r) => r.headers['x-sl-alert-id'])
    .sort();

it('records historical alerts without paging a brand that does not page history, and pages one that does', async () => {
  const brokers = inject('kafkaBrokers');
  const namespace = `${uniqueName('history')}.`;
  const groupPrefix = uniqueName('alert-dispatcher');
  const kafka = createKafkaClient({ brokers, clientId: 'history-not-paged-test', logger: testLogger() });
  const brandsTopic = renamed(brandsConfigTopic, `${namespace}brands.config`);
  const acmeTopic = renamed(alertsTopic('acme'), `${namespace}alerts.acme`);
  const globexTopic = renamed(alertsTopic('globex'), `${namespace}alerts.globex`);
  await ensureTopics(kafka, [brandsTopic, acmeTopic, globexTopic]);
  const producer = await createIdempotentProducer(kafka);
  const server = await startWebhookReceiver(() => ({ status: 204 }));

  // Live and historical interleaved: a historical alert held back must not hold back the next one.
  const acmeAlerts = [
    alert('acme', 1, 'volume_spike', false),
    alert('acme', 2, 'viral_post', true),
    alert('acme', 3, 'volume_spike', true),
    alert('acme', 4, 'viral_post', true),
    alert('acme', 5, 'negative_surge', false),
  ];
  const globexAlerts = [alert('globex', 1, 'viral_post', true), alert('globex', 2, 'volume_spike', false)];
  await producer.send(brandsTopic, [
    { key: 'acme', value: withPageHistory(brandFixture('acme', { webhooks: [hook(`${server.url}/acme`)] }), false) },
    { key: 'globex', value: withPageHistory(brandFixture('globex', { webhooks: [hook(`${server.url}/globex`)] }), true) },
  ]);
  await producer.send(
    acmeTopic,
    acmeAlerts.map((a) => ({ key: a.id, value: a })),
  );
  await producer.send(
    globexTopic,
    globexAlerts.map((a) => ({ key: a.id, value: a })),
  );

  let output = '';
  const child = spawn(process.execPath, [dispatcherMain], {
    env: {
      ...process.env,
      KAFKA_BROKERS: brokers.join(','),
      SL_TOPIC_NAMESPACE: namespace,
      SL_GROUP_ID: groupPrefix,
      SL_OPS_PORT: '0',
      SL_TEST_HISTORY_HOOK_SECRET: SECRET,
      SL_WEBHOOK_MAX_ATTEMPTS: '2',
      SL_WEBHOOK_BACKOFF_MS: '20',
      SL_WEBHOOK_MAX_BACKOFF_MS: '100',
      LOG_LEVEL: 'info',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const exited = new Promise<number | string>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')));
  const detail = () => `${output}\nrequests: ${JSON.stringify(server.requests.map((r) => [r.path, r.headers['x-sl-alert-id']]))}`;
  const logLines = () =>
    output
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  try {
    const running = await waitFor(
      'the dispatcher to start',
      async () => logLines().find((l) => l.msg === 'alert dispatcher running'),
      child,
      detail,
    );
    // Each group has committed past its last alert: every alert was handled, the held-back ones
    // included, and anything delivered has arrived.
    for (const [brandId, topic, count] of [
      ['acme', acmeTopic.name, acmeAlerts.length],
      ['globex', globexTopic.name, globexAlerts.length],
    ] as const) {
      await waitFor(
        `${brandId}'s alerts to be committed`,
        async () => {
          const lag = await consumerLag(kafka, `${groupPrefix}.${brandId}`, topic);
          return lag.partitions.length === 1 && lag.partitions[0]?.committed === String(count) && lag.total === 0 ? lag : undefined;
        },
        child,
        detail,
      );
    }

    // acme: exactly its two live alerts; globex: both, the historical one marked so.
    expect(idsAt(server.requests, '/acme')).toEqual(['acme:negative_surge:5', 'acme:volume_spike:1']);
    expect(idsAt(server.requests, '/globex')).toEqual(['globex:viral_post:1', 'globex:volume_spike:2']);
    const sent = server.requests.map((r) => JSON.parse(r.body.toString()) as Alert);
    expect(sent.filter((a) => a.historical).map((a) => a.id)).toEqual(['globex:viral_post:1']);

    // Nothing was dead-lettered: a held-back alert is not a failed one.
    for (const topic of [acmeTopic.name, globexTopic.name]) {
      const dlq = await consumerLag(kafka, uniqueName('dlq-probe'), `${topic}.dlq`);
      expect(dlq.partitions.map((p) => p.end)).toEqual(['0']);
    }

    // Counted per kind for acme only; logged as batch summaries that add up to 3, never per alert at info.
    const metrics = await (await fetch(`http://127.0.0.1:${String(running.opsPort)}/metrics`)).text();
    const notPaged = metrics.split('\n').filter((line) => line.startsWith('sl_alerts_history_not_paged_total{'));
    expect(notPaged.sort()).toEqual([
      'sl_alerts_history_not_paged_total{brand="acme",kind="viral_post",service="alert-dispatcher"} 2',
      'sl_alerts_history_not_paged_total{brand="acme",kind="volume_spike",service="alert-dispatcher"} 1',
    ]);
    const summaries = logLines().filter((l) => typeof l.msg === 'string' && l.msg.startsWith('historical alerts recorded on the topic'));
    expect(summaries.every((l) => l.brand === 'acme' && l.level === 30)).toBe(true);
    expect(summaries.reduce((sum, l) => sum + Number(l.alerts), 0)).toBe(3);
    expect(logLines().filter((l) => l.msg === 'historical alert not paged')).toEqual([]);
    expect(logLines().filter((l) => l.msg === 'alert delivered')).toHaveLength(4);

    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  } finally {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await producer.disconnect();
    await server.close();
  }
}, 120_000);
