// sl alerts tail against the real broker, run in-process: what the topic keeps is printed once
// per alert id, filtered by kind, committed records only; the default follows from now on; every
// way out (--limit, --timeout-ms, SIGINT) leaves no consumer group behind.
import type { Alert } from '@sl/contracts';
import { alertsTopic, createIdempotentProducer, createKafkaClient, encodeRecord, ensureTopics, type KafkaClient, renamed } from '@sl/kafka';
import { testLogger, uniqueName } from '@sl/testkit';
import '@sl/testkit/provided';
import { afterEach, beforeEach, expect, inject, it, vi } from 'vitest';
import { commands, runCli } from '../src/index.ts';

const at = (iso: string) => Date.parse(iso);

function alert(kind: Alert['kind'], id: string, overrides: Partial<Alert> = {}): Alert {
  return {
    id,
    brandId: 'acme',
    kind,
    severity: 'warning',
    windowStart: at('2026-11-24T12:00:00Z'),
    windowEnd: at('2026-11-24T12:15:00Z'),
    observed: 30,
    expected: 8.64,
    mentionIds: ['rss:1', 'rss:2'],
    sampleTexts: ['it broke again'],
    explanation: `${kind} for Acme.`,
    createdAt: at('2026-11-24T12:03:07Z'),
    author: null,
    url: null,
    sentiment: -0.41,
    influence: null,
    historical: false,
    ...overrides,
  };
}

const surge = alert('negative_surge', 'acme:negative_surge:2026-11-24T12:00:00.000Z', { severity: 'critical' });
const voice = alert('influential_voice', 'acme:influential_voice:mastodon:9', {
  severity: 'info',
  windowStart: at('2026-11-24T11:58:30Z'),
  windowEnd: at('2026-11-24T11:58:30Z'),
  observed: 83.4,
  expected: 60,
  author: 'mastodon:alice',
  url: 'https://m.example/@alice/9',
  sentiment: 0.71,
  influence: { score: 83.4, reach: 0.8, engagement: 0.5, conversation: 0.25, consistency: 0.75, relevance: 1, listed: 'boost' },
});
const spike = alert('volume_spike', 'acme:volume_spike:2026-11-24T12:15:00.000Z', { observed: 48, expected: 12.37 });

let out: string[] = [];
let err: string[] = [];
beforeEach(() => {
  out = [];
  err = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => out.push(String(chunk)) > 0);
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => err.push(String(chunk)) > 0);
});
afterEach(() => {
  vi.restoreAllMocks();
});

async function setUp() {
  const namespace = `${uniqueName('cli-alerts')}.`;
  const brokers = inject('kafkaBrokers');
  const kafka = createKafkaClient({ brokers, clientId: 'cli-alerts-test', logger: testLogger() });
  const topic = renamed(alertsTopic('acme'), `${namespace}alerts.acme`);
  await ensureTopics(kafka, [topic], { withDeadLetters: false });
  return { namespace, kafka, topic, env: { KAFKA_BROKERS: brokers.join(','), SL_TOPIC_NAMESPACE: namespace } };
}

/** The consumer groups under this test's namespace: the tail's own, while it runs. */
async function groupsIn(kafka: KafkaClient, namespace: string): Promise<string[]> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const { groups } = await admin.listGroups();
    return groups.map((g) => g.groupId).filter((id) => id.startsWith(namespace));
  } finally {
    await admin.disconnect();
  }
}

async function until(what: string, check: () => boolean | Promise<boolean>): Promise<void> {
  for (const deadline = Date.now() + 60_000; !(await check()); ) {
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

it('prints what the topic keeps once per alert id, committed only, filtered by --kind, as exact JSON lines', async () => {
  const { namespace, kafka, topic, env } = await setUp();
  const producer = await createIdempotentProducer(kafka);
  try {
    // offsets 0-3: surge, voice, a record that is no Alert, surge replayed with its same id.
    await producer.sendEncoded(topic.name, [
      encodeRecord(topic, { key: surge.id, value: surge }),
      encodeRecord(topic, { key: voice.id, value: voice }),
      { key: 'junk', value: Buffer.from('not an alert') },
      encodeRecord(topic, { key: surge.id, value: surge }),
    ]);
    // offsets 4-5: an aborted transaction (the real writer is transactional) and its marker.
    const writer = kafka.transactionalProducer({ transactionalId: uniqueName('cli-alerts-tx') });
    await writer.connect();
    const aborted = await writer.transaction();
    const viral = alert('viral_post', 'acme:viral_post:mastodon:10');
    await aborted.send([{ topic: topic.name, messages: [encodeRecord(topic, { key: viral.id, value: viral })] }]);
    await aborted.abort();
    await writer.disconnect();
    await producer.send(topic, [{ key: spike.id, value: spike }]);
  } finally {
    await producer.disconnect();
  }
  const skipped = `sl: skipped ${namespace}alerts.acme partition 0 offset 2, not a readable alert: Alert: not Avro single-object encoding: expected marker c301, got 6e6f\n`;
  const tail = (...flags: string[]) => runCli(commands, ['alerts', 'tail', '--brand', 'acme', '--from-beginning', '--json', ...flags], env);

  expect(await tail('--limit', '3', '--timeout-ms', '60000')).toBe(0);
  expect(out).toEqual([surge, voice, spike].map((a) => `${JSON.stringify(a)}\n`));
  expect(err).toEqual([skipped]);

  out.length = 0;
  err.length = 0;
  expect(await tail('--kind', 'influential_voice,volume_spike', '--limit', '2', '--timeout-ms', '60000')).toBe(0);
  expect(out).toEqual([voice, spike].map((a) => `${JSON.stringify(a)}\n`));
  expect(err).toEqual([skipped]);

  // The aborted viral_post never shows; a script waiting for one learns it did not come.
  out.length = 0;
  err.length = 0;
  expect(await tail('--kind', 'viral_post', '--limit', '1', '--timeout-ms', '3000')).toBe(1);
  expect(out).toEqual([]);
  expect(err).toEqual([skipped, 'sl: timed out after 3000 ms with 0 of 1 alerts\n']);

  err.length = 0;
  expect(await runCli(commands, ['alerts', 'tail', '--brand', 'globex'], env)).toBe(1);
  expect(err).toEqual([
    `sl: no alerts for brand "globex": topic ${namespace}alerts.globex does not exist; sl brands list shows the brands\n`,
  ]);

  expect(await groupsIn(kafka, namespace)).toEqual([]);
});

it('follows from now on by default and stops cleanly on SIGINT', async () => {
  const { namespace, kafka, topic, env } = await setUp();
  const producer = await createIdempotentProducer(kafka);
  try {
    await producer.send(topic, [{ key: surge.id, value: surge }]);
    const running = runCli(commands, ['alerts', 'tail', '--brand', 'acme', '--json'], env);
    // Its start offsets are taken before its group exists: whatever is sent now is after them.
    await until('the tail to join its group', async () => (await groupsIn(kafka, namespace)).length === 1);
    await producer.send(topic, [
      { key: voice.id, value: voice },
      { key: voice.id, value: voice },
      { key: spike.id, value: spike },
    ]);
    await until('two alerts to be printed', () => out.length >= 2);
    process.emit('SIGINT', 'SIGINT');
    expect(await running).toBe(0);
  } finally {
    await producer.disconnect();
  }
  expect(out).toEqual([voice, spike].map((a) => `${JSON.stringify(a)}\n`));
  expect(err).toEqual([]);
  expect(await groupsIn(kafka, namespace)).toEqual([]);
});
