// The correction form's sender against the real broker: the record on mentions.corrections (under
// the namespace) is the correction sent, byte for byte as decoded, keyed by its brand as
// `sl correct` keys it, so one brand's corrections stay in order on one partition.
import type { VerdictCorrection } from '@sl/contracts';
import { createKafkaClient, mentionsCorrectionsTopic, readLatestByKey, renamed } from '@sl/kafka';
import { testLogger, uniqueName } from '@sl/testkit';
import '@sl/testkit/provided';
import { expect, inject, it } from 'vitest';
import { startKafkaCorrectionSender } from '../src/kafka-correction-sender.ts';

const correction = (brandId: string, n: number): VerdictCorrection => ({
  id: `team:${brandId}:rss:m${n}:${1_717_000_000_000 + n}`,
  by: 'team',
  mentionId: `rss:m${n}`,
  brandId,
  source: 'rss',
  lang: 'en',
  publishedAt: 1_714_557_600_000 + n,
  ingestedAt: 1_714_557_605_000 + n,
  authorHandle: `h${n}`,
  followers: null,
  likes: n,
  shares: 0,
  replies: 1,
  compound: 0.6,
  fromKind: 'counted',
  toKind: 'spam',
  fromSentiment: 'positive',
  toSentiment: 'positive',
  reason: `reason ${n}`,
  correctedAt: 1_717_000_000_000 + n,
});

it('produces each correction on the namespaced mentions.corrections, keyed by brand', async () => {
  const namespace = `${uniqueName('dashboard-corrections')}.`;
  const kafka = createKafkaClient({ brokers: inject('kafkaBrokers'), clientId: 'dashboard-corrections-test', logger: testLogger() });
  const sender = await startKafkaCorrectionSender(kafka, { namespace, logger: testLogger() });
  try {
    expect(sender.topic).toBe(`${namespace}mentions.corrections`);
    await sender.send(correction('acme', 1));
    await sender.send(correction('globex', 2));
    await sender.send(correction('acme', 3));
  } finally {
    await sender.close();
  }
  const { values } = await readLatestByKey(kafka, renamed(mentionsCorrectionsTopic, `${namespace}mentions.corrections`));
  expect(Object.fromEntries(values)).toEqual({ acme: correction('acme', 3), globex: correction('globex', 2) });
});
