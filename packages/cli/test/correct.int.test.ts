// sl correct against a seeded archive and the real broker: the current verdict is the scored
// record with the latest correction on top (here the engine's), the team's correction goes to
// mentions.corrections, and once rolled up the rollups move that one mention between columns.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type EnrichedMention, kindCorrection, type ScoredMention, type VerdictCorrection } from '@sl/contracts';
import { createKafkaClient, mentionsCorrectionsTopic, readLatestByKey, renamed } from '@sl/kafka';
import { createLocalObjectStore } from '@sl/object-store';
import { correctionsLayout, rollupsLayout } from '@sl/rollups';
import { enrichedMentionFixture, testLogger, uniqueName } from '@sl/testkit';
import '@sl/testkit/provided';
import { afterEach, expect, inject, it, vi } from 'vitest';
import { commands, runCli } from '../src/index.ts';
import { runQuery } from '../src/query/run-query.ts';

const T0 = Date.UTC(2026, 10, 2, 9);
const scored = (n: number, extra: Partial<EnrichedMention> = {}): ScoredMention => ({
  ...enrichedMentionFixture(n, 'acme', { publishedAt: T0 + n * 1_000, ingestedAt: T0 + n * 1_000 + 500, ...extra }),
  sentiment: { compound: 0.4, label: 'positive', drivers: [] },
});
const record = <T>(value: T, offset: number) => ({ topic: 't', partition: 0, offset: String(offset), key: null, value, headers: {}, timestamp: 0 });

const dirs: string[] = [];
afterEach(() => {
  vi.restoreAllMocks();
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

async function seed(): Promise<{ root: string; first: ScoredMention; second: ScoredMention }> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'sl-correct-'));
  dirs.push(root);
  const store = createLocalObjectStore({ root });
  // The enricher read the second first: it counted it and marked the first its copy; the engine corrected both.
  const first = scored(1, { isDuplicate: true, duplicateOf: 'test:2' });
  const second = scored(2);
  const layout = rollupsLayout({ spamThresholdOf: () => 0.7 });
  for (const file of layout.files([record(first, 0), record(second, 1)], { partition: 0, firstOffset: '0', lastOffset: '1' })) await store.put(file.key, file.body);
  const engine: VerdictCorrection[] = [
    kindCorrection(first, { by: 'event_time', fromKind: 'duplicate', toKind: 'counted', reason: 'earliest', correctedAt: first.publishedAt }),
    kindCorrection(second, { by: 'event_time', fromKind: 'counted', toKind: 'duplicate', reason: 'a copy of test:1', correctedAt: second.publishedAt }),
  ];
  for (const file of correctionsLayout().files(engine.map(record), { partition: 0, firstOffset: '0', lastOffset: '1' })) await store.put(file.key, file.body);
  await store.close();
  return { root, first, second };
}

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => out.push(String(chunk)) > 0);
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => err.push(String(chunk)) > 0);
  return { out, err };
}

it('corrects from the current verdict, refuses what is not a correction, and sends one record', async () => {
  const { root, first } = await seed();
  const namespace = `${uniqueName('correct')}.`;
  const env = { KAFKA_BROKERS: inject('kafkaBrokers').join(','), SL_TOPIC_NAMESPACE: namespace };
  const io = capture();
  // The engine made the first mention the counted one: the team calls it spam.
  const dry = await runCli(commands, ['correct', '--brand', 'acme', '--mention', first.id, '--kind', 'spam', '--reason', 'a bot', '--data', root, '--dry-run', '--json'], env);
  expect({ dry, err: io.err.join('') }).toEqual({ dry: 0, err: '' });
  expect(JSON.parse(io.out[0] ?? '{}')).toMatchObject({ by: 'team', mentionId: first.id, brandId: 'acme', fromKind: 'counted', toKind: 'spam', fromSentiment: 'positive', toSentiment: 'positive', reason: 'a bot', sent: false });

  io.out.length = 0;
  io.err.length = 0;
  expect(await runCli(commands, ['correct', '--brand', 'acme', '--mention', first.id, '--kind', 'counted', '--reason', 'x', '--data', root], env)).toBe(1);
  expect(io.err.join('')).toContain(`nothing to correct: ${first.id} already counts as counted, positive`);
  io.err.length = 0;
  expect(await runCli(commands, ['correct', '--brand', 'acme', '--mention', 'test:404', '--sentiment', 'negative', '--reason', 'x', '--data', root], env)).toBe(1);
  expect(io.err.join('')).toContain(`no mention test:404 of brand acme in the archive under ${root}`);
  io.err.length = 0;
  expect(await runCli(commands, ['correct', '--brand', 'acme', '--mention', first.id, '--sentiment', 'angry', '--reason', 'x', '--data', root], env)).toBe(2);
  expect(io.err.join('')).toContain('--sentiment must be positive, neutral, negative, got "angry"');

  // Sent for real: the record on mentions.corrections is the one printed.
  io.out.length = 0;
  expect(await runCli(commands, ['correct', '--brand', 'acme', '--mention', first.id, '--sentiment', 'negative', '--reason', 'sarcasm', '--data', root, '--json'], env)).toBe(0);
  const printed = JSON.parse(io.out[0] ?? '{}') as VerdictCorrection & { sent: boolean };
  expect(printed).toMatchObject({ fromKind: 'counted', toKind: 'counted', fromSentiment: 'positive', toSentiment: 'negative', sent: true });
  const kafka = createKafkaClient({ brokers: inject('kafkaBrokers'), clientId: 'correct-test', logger: testLogger() });
  const topic = renamed(mentionsCorrectionsTopic, `${namespace}${mentionsCorrectionsTopic.name}`);
  const { values } = await readLatestByKey(kafka, topic);
  const { sent: _sent, ...sent } = printed;
  expect(values.get('acme')).toEqual(sent);

  // Rolled up as the aggregation worker would: one positive mention became a negative one.
  const store = createLocalObjectStore({ root });
  for (const file of correctionsLayout().files([record(values.get('acme') as VerdictCorrection, 0)], { partition: 1, firstOffset: '0', lastOffset: '0' })) await store.put(file.key, file.body);
  await store.close();
  const sums = await runQuery(root, "SELECT verdict, sum(mentions)::INT AS mentions, sum(positive)::INT AS positive, sum(negative)::INT AS negative FROM rollups WHERE grain = 'day' GROUP BY ALL ORDER BY verdict");
  expect(sums.rows).toEqual([
    { verdict: 'event_time', mentions: 0, positive: 0, negative: 0 },
    { verdict: 'scored', mentions: 1, positive: 1, negative: 0 },
    { verdict: 'team', mentions: 0, positive: -1, negative: 1 },
  ]);
  // The next correction starts from the team's.
  io.out.length = 0;
  expect(await runCli(commands, ['correct', '--brand', 'acme', '--mention', first.id, '--kind', 'spam', '--reason', 'bot after all', '--data', root, '--dry-run', '--json'], env)).toBe(0);
  expect(JSON.parse(io.out[0] ?? '{}')).toMatchObject({ fromKind: 'counted', fromSentiment: 'negative', toKind: 'spam', toSentiment: 'negative' });
});
