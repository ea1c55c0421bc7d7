// sl topics against the real broker: lag per stage, in pipeline order, one alert-dispatcher row
// per brand topic, committed offsets and group members as the broker reports them. The test owns
// its topics (a namespace) and its groups (--group STAGE=GROUP).
import { alertsTopic, createIdempotentProducer, createKafkaClient, ensureTopics, mentionsEnrichedTopic, mentionsRawTopic, mentionsScoredTopic, renamed } from '@sl/kafka';
import { testLogger, uniqueName } from '@sl/testkit';
import '@sl/testkit/provided';
import { afterEach, beforeEach, expect, inject, it, vi } from 'vitest';
import { commands, runCli } from '../src/index.ts';

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

it('shows each stage its lag, committed offsets and members, in pipeline order', async () => {
  const ns = `${uniqueName('cli-topics')}.`;
  const brokers = inject('kafkaBrokers');
  const kafka = createKafkaClient({ brokers, clientId: 'cli-topics-test', logger: testLogger() });
  const raw = renamed(mentionsRawTopic, `${ns}mentions.raw`);
  const enriched = renamed(mentionsEnrichedTopic, `${ns}mentions.enriched`);
  const scored = renamed(mentionsScoredTopic, `${ns}mentions.scored`);
  const acme = renamed(alertsTopic('acme'), `${ns}alerts.acme`);
  const globex = renamed(alertsTopic('globex'), `${ns}alerts.globex`);
  // alerts.<brand>.dlq exists too (withDeadLetters): it is not a brand.
  await ensureTopics(kafka, [raw, enriched, scored, acme, globex]);

  // The records' bytes do not matter to lag: each stage counts offsets.
  const producer = await createIdempotentProducer(kafka);
  const send = (topic: string, count: number) =>
    producer.sendEncoded(topic, Array.from({ length: count }, (_, i) => ({ key: `k${i}`, value: Buffer.from(`v${i}`) })));
  try {
    await send(raw.name, 10);
    await send(enriched.name, 4);
    await send(scored.name, 3);
    await send(acme.name, 2);
  } finally {
    await producer.disconnect();
  }

  const group = (stage: string) => `${ns}${stage}`;
  const admin = kafka.admin();
  await admin.connect();
  const ends = new Map<string, Array<{ partition: number; high: string }>>();
  for (const topic of [raw, enriched, scored, acme, globex]) ends.set(topic.name, await admin.fetchTopicOffsets(topic.name));
  // The enricher and the amplification worker are caught up: their groups committed every end.
  for (const [stage, topic] of [
    ['enricher', raw.name],
    ['amplification-worker', scored.name],
  ] as const) {
    await admin.setOffsets({ groupId: group(stage), topic, partitions: (ends.get(topic) ?? []).map((p) => ({ partition: p.partition, offset: p.high })) });
  }
  // A sentiment worker that runs but has committed nothing yet.
  const member = kafka.consumer({ groupId: group('sentiment-worker') });
  await member.connect();
  await member.subscribe(enriched.name);
  // The port's consumer commits nothing by itself: it reads, and never commits.
  await member.run(async () => {});
  for (const deadline = Date.now() + 60_000; ; ) {
    const [described] = (await admin.describeGroups([group('sentiment-worker')])).groups;
    if (described?.state === 'Stable' && described.members.length === 1) break;
    if (Date.now() > deadline) throw new Error('the sentiment member did not join');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }

  const partitions = (topic: string, caughtUp: boolean) =>
    (ends.get(topic) ?? [])
      .map((p) => ({ partition: p.partition, committed: caughtUp ? p.high : '-1', end: p.high, lag: caughtUp ? 0 : Number(p.high) }))
      .sort((a, b) => a.partition - b.partition);
  const flags = [
    '--namespace',
    ns,
    '--brokers',
    brokers.join(','),
    ...['raw-archiver', 'enricher', 'sentiment-worker', 'aggregation-worker', 'amplification-worker', 'alert-dispatcher'].flatMap((stage) => ['--group', `${stage}=${group(stage)}`]),
  ];
  try {
    expect(await runCli(commands, ['topics', '--json', ...flags], {})).toBe(0);
    expect(err).toEqual([]);
    expect(out.map((line) => JSON.parse(line))).toEqual([
      { stage: 'raw-archiver', group: group('raw-archiver'), topic: raw.name, transactionalInput: false, lag: 10, members: 0, partitions: partitions(raw.name, false) },
      { stage: 'enricher', group: group('enricher'), topic: raw.name, transactionalInput: false, lag: 0, members: 0, partitions: partitions(raw.name, true) },
      { stage: 'sentiment-worker', group: group('sentiment-worker'), topic: enriched.name, transactionalInput: true, lag: 4, members: 1, partitions: partitions(enriched.name, false) },
      { stage: 'aggregation-worker', group: group('aggregation-worker'), topic: scored.name, transactionalInput: true, lag: 3, members: 0, partitions: partitions(scored.name, false) },
      { stage: 'amplification-worker', group: group('amplification-worker'), topic: scored.name, transactionalInput: true, lag: 0, members: 0, partitions: partitions(scored.name, true) },
      { stage: 'alert-dispatcher', group: `${group('alert-dispatcher')}.acme`, topic: acme.name, transactionalInput: true, lag: 2, members: 0, partitions: partitions(acme.name, false) },
      { stage: 'alert-dispatcher', group: `${group('alert-dispatcher')}.globex`, topic: globex.name, transactionalInput: true, lag: 0, members: 0, partitions: partitions(globex.name, false) },
    ]);

    out.length = 0;
    expect(await runCli(commands, ['topics', ...flags], {})).toBe(0);
    const rows = out
      .join('')
      .trimEnd()
      .split('\n')
      .map((line) => line.split(/\s{2,}/));
    expect(rows).toEqual([
      ['stage', 'group', 'topic', 'partitions', 'members', 'lag'],
      ['raw-archiver', group('raw-archiver'), raw.name, '6', '0', '10'],
      ['enricher', group('enricher'), raw.name, '6', '0', '0'],
      ['sentiment-worker', group('sentiment-worker'), enriched.name, '6', '1', '4'],
      ['aggregation-worker', group('aggregation-worker'), scored.name, '6', '0', '3'],
      ['amplification-worker', group('amplification-worker'), scored.name, '6', '0', '0'],
      ['alert-dispatcher', `${group('alert-dispatcher')}.acme`, acme.name, '1', '0', '2'],
      ['alert-dispatcher', `${group('alert-dispatcher')}.globex`, globex.name, '1', '0', '0'],
    ]);

    // A namespace with no pipeline topics: nothing to show, still exit 0.
    out.length = 0;
    expect(await runCli(commands, ['topics', '--json', '--namespace', `${uniqueName('empty')}.`, '--brokers', brokers.join(',')], {})).toBe(0);
    expect(out).toEqual([]);
  } finally {
    await member.disconnect();
    await admin.disconnect();
  }
});
