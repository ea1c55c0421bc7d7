// The batch handler against a real webhook server, a real logger and a real metrics registry:
// a historical alert of a brand that does not page history reaches no webhook, is counted by
// kind, and a whole batch of them is one info line; live alerts in the same batch are delivered.
// The producer only records what would go to the dead-letter topic (nothing, here).
import { Writable } from 'node:stream';
import { type ReceivedRequest, startWebhookReceiver, type WebhookReceiver } from '@sl/alerting/testing';
import type { Alert, Brand } from '@sl/contracts';
import type { ConsumedRecord, EncodedMessage, PartitionBatch, TypedProducer } from '@sl/kafka';
import { createRootLogger, Registry } from '@sl/observability';
import { brandFixture } from '@sl/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { alertBatchHandler } from '../src/alert-batch-handler.ts';
import { createDispatchMetrics } from '../src/dispatch-metrics.ts';
import { createHistoryTally } from '../src/history-tally.ts';

const TOPIC = 'ns.alerts.acme';
const MINUTE = 60_000;
const SECRET = 'whsec-acme-unit-0123456789abcdef';
const raisedAt = Date.UTC(2026, 10, 24, 12, 0);

function alert(n: number, kind: Alert['kind'], historical: boolean): Alert {
  // Historical alerts are about windows weeks before they were raised; live ones minutes before.
  const windowEnd = historical ? Date.UTC(2026, 9, 1, 0, 15) + n * 15 * MINUTE : raisedAt - 2 * MINUTE;
  return {
    id: `acme:${kind}:${n}`,
    brandId: 'acme',
    kind,
    severity: 'warning',
    windowStart: windowEnd - 15 * MINUTE,
    windowEnd,
    observed: 40,
    expected: 10,
    mentionIds: [`test:${n}`],
    sampleTexts: [],
    explanation: `alert ${n}`,
    createdAt: raisedAt,
    author: null,
    url: null,
    sentiment: null,
    influence: null,
    historical,
  };
}

function batchOf(alerts: readonly Alert[]): PartitionBatch<Alert> {
  const records: ConsumedRecord<Alert>[] = alerts.map((value, offset) => ({
    topic: TOPIC,
    partition: 0,
    offset: String(offset),
    key: Buffer.from(value.id),
    value,
    headers: {},
    timestamp: raisedAt,
  }));
  return { topic: TOPIC, partition: 0, records, nextOffset: String(alerts.length) };
}

function recordingProducer(): TypedProducer & { letters: EncodedMessage[] } {
  const letters: EncodedMessage[] = [];
  return {
    letters,
    send: async () => {},
    sendEncoded: async (_topic, messages) => {
      letters.push(...messages);
    },
    sendBatch: async () => {},
    onConnection: () => {},
    replacements: 0,
    disconnect: async () => {},
  };
}

let receiver: WebhookReceiver | undefined;
afterEach(async () => {
  await receiver?.close();
  receiver = undefined;
});

async function run(alerts: readonly Alert[], pageHistory: boolean) {
  receiver = await startWebhookReceiver(() => ({ status: 204 }));
  const base = brandFixture('acme', {
    webhooks: [{ id: 'all', url: `${receiver.url}/all`, secretEnv: 'ACME_SECRET', format: 'json', kinds: [], minSeverity: 'info' }],
  });
  const brand: Brand = { ...base, alertThresholds: { ...base.alertThresholds, pageHistory } };
  const lines: Array<Record<string, unknown>> = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  const registry = new Registry();
  const producer = recordingProducer();
  const handle = alertBatchHandler({
    brandId: 'acme',
    namespace: 'ns.',
    brandFor: (id) => (id === 'acme' ? brand : undefined),
    secretFor: (name) => (name === 'ACME_SECRET' ? SECRET : undefined),
    producer,
    delivery: { maxAttempts: 1, sleep: async () => {} },
    concurrency: 4,
    metrics: createDispatchMetrics(registry),
    logger: createRootLogger({ service: 'alert-dispatcher', level: 'info', destination }),
  });
  await handle(batchOf(alerts));
  const counted = (await registry.getSingleMetric('sl_alerts_history_not_paged_total')?.get())?.values ?? [];
  return {
    requests: receiver.requests,
    lines,
    producer,
    notPaged: Object.fromEntries(counted.map((v) => [`${v.labels.brand}/${v.labels.kind}`, v.value])),
  };
}

const ids = (requests: readonly ReceivedRequest[]) => requests.map((r) => r.headers['x-sl-alert-id']).sort();
const messages = (lines: ReadonlyArray<Record<string, unknown>>) => lines.map((l) => l.msg);

describe('alert batch handler: the history rule', () => {
  const mixed = [
    alert(1, 'volume_spike', false),
    alert(2, 'viral_post', true),
    alert(3, 'viral_post', true),
    alert(4, 'volume_spike', true),
    alert(5, 'negative_surge', false),
  ];

  it('delivers the live alerts, sends the historical ones nowhere, counts them by kind and logs the batch once', async () => {
    const { requests, lines, producer, notPaged } = await run(mixed, false);
    expect(ids(requests)).toEqual(['acme:negative_surge:5', 'acme:volume_spike:1']);
    expect(producer.letters).toEqual([]);
    expect(notPaged).toEqual({ 'acme/viral_post': 2, 'acme/volume_spike': 1 });
    expect(messages(lines).sort()).toEqual([
      'alert delivered',
      'alert delivered',
      'historical alerts recorded on the topic, not paged (pageHistory is false)',
    ]);
    const summary = lines.find((l) => String(l.msg).startsWith('historical alerts'));
    expect(summary).toMatchObject({
      level: 30,
      service: 'alert-dispatcher',
      component: 'alert-batch',
      brand: 'acme',
      topic: TOPIC,
      partition: 0,
      nextOffset: '5',
      alerts: 3,
      byKind: { viral_post: 2, volume_spike: 1 },
      webhooksSkipped: 3,
      windowsEnded: { first: '2026-10-01T00:45:00.000Z', last: '2026-10-01T01:15:00.000Z' },
    });
  });

  it('delivers historical alerts like live ones when the brand pages history, and counts none', async () => {
    const { requests, lines, notPaged } = await run(mixed, true);
    expect(ids(requests)).toEqual(mixed.map((a) => a.id).sort());
    expect(requests.filter((r) => JSON.parse(r.body.toString()).historical === true)).toHaveLength(3);
    expect(notPaged).toEqual({});
    expect(messages(lines)).toEqual(Array.from({ length: 5 }, () => 'alert delivered'));
  });

  it('logs a backfill batch of 10,000 historical alerts as one line, and pages nobody', async () => {
    const backfill = Array.from({ length: 10_000 }, (_, n) => alert(n, n % 2 === 0 ? 'volume_spike' : 'negative_surge', true));
    const { requests, lines, notPaged } = await run(backfill, false);
    expect(requests).toEqual([]);
    expect(notPaged).toEqual({ 'acme/negative_surge': 5_000, 'acme/volume_spike': 5_000 });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ alerts: 10_000, byKind: { volume_spike: 5_000, negative_surge: 5_000 }, webhooksSkipped: 10_000 });
  });
});

describe('history tally', () => {
  it('is empty until an alert is added, then sums alerts, kinds and skipped webhooks', () => {
    const tally = createHistoryTally();
    expect(tally.summary()).toBeUndefined();
    tally.add({ kind: 'viral_post', windowEnd: Date.UTC(2026, 9, 2) }, 2);
    tally.add({ kind: 'viral_post', windowEnd: Date.UTC(2026, 9, 1) }, 0);
    tally.add({ kind: 'unanswered_question', windowEnd: Date.UTC(2026, 9, 3) }, 1);
    expect(tally.summary()).toEqual({
      alerts: 3,
      byKind: { viral_post: 2, unanswered_question: 1 },
      webhooksSkipped: 3,
      windowsEnded: { first: '2026-10-01T00:00:00.000Z', last: '2026-10-03T00:00:00.000Z' },
    });
  });
});
