import { describe, expect, it } from 'vitest';
import type { KafkaClient } from '../src/port/kafka-client.ts';
import { ensureTopics } from '../src/topic-admin.ts';
import { mentionsRawTopic } from '../src/topic-catalog.ts';

/** An admin whose connect fails `failures` times with `error`, on a broker that has every topic. */
function fakeKafka(failures: number, error: Error) {
  let left = failures;
  let connects = 0;
  const kafka = {
    admin: () => ({
      connect: async () => {
        connects += 1;
        if (left > 0) {
          left -= 1;
          throw error;
        }
      },
      listTopics: async () => [mentionsRawTopic.name, `${mentionsRawTopic.name}.dlq`],
      disconnect: async () => {},
    }),
  } as unknown as KafkaClient;
  return { kafka, connects: () => connects };
}

// What kafkajs throws once its own connection retries are spent.
const unreachable = () =>
  Object.assign(new Error('Connection error: connect ECONNREFUSED 127.0.0.1:9092'), {
    retriable: false,
    cause: Object.assign(new Error('ECONNREFUSED'), { retriable: true }),
  });

describe('ensureTopics', () => {
  it('waits for a broker that is not up yet', async () => {
    const { kafka, connects } = fakeKafka(2, unreachable());
    expect(await ensureTopics(kafka, [mentionsRawTopic])).toEqual([]);
    expect(connects()).toBe(3);
  });

  it('gives up at once on an error no wait can fix, and after waitMs on an outage', async () => {
    const denied = fakeKafka(1, Object.assign(new Error('Not authorized to access cluster'), { retriable: false }));
    await expect(ensureTopics(denied.kafka, [mentionsRawTopic])).rejects.toThrow('Not authorized to access cluster');
    expect(denied.connects()).toBe(1);
    const down = fakeKafka(1_000, unreachable());
    await expect(ensureTopics(down.kafka, [mentionsRawTopic], { waitMs: 300 })).rejects.toThrow('ECONNREFUSED');
  });
});
