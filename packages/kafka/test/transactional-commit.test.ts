import { testLogger } from '@sl/testkit';
import { describe, expect, it } from 'vitest';
import { transactionalCommit } from '../src/commit/transactional-commit.ts';
import type { KafkaAdmin } from '../src/port/kafka-admin.ts';
import type { KafkaClient } from '../src/port/kafka-client.ts';
import type { TransactionalProducer } from '../src/port/transactional-producer.ts';

/** A client whose admin refuses `refusals` connects (the broker is down), then answers `committed`. */
function fakeClient(refusals: number, committed: string) {
  const calls: string[] = [];
  let left = refusals;
  const admin = {
    connect: async () => {
      calls.push('admin.connect');
      if (left > 0) {
        left -= 1;
        throw Object.assign(new Error('Connection error: connect ECONNREFUSED 127.0.0.1:9092'), { retriable: true });
      }
    },
    disconnect: async () => undefined,
    fetchOffsets: async () => {
      calls.push('admin.fetchOffsets');
      return [{ topic: 'in', partitions: [{ partition: 0, offset: committed }] }];
    },
  } as unknown as KafkaAdmin;
  const producer: TransactionalProducer = {
    connect: async () => void calls.push('producer.connect'),
    transaction: async () => {
      throw new Error('not used');
    },
    disconnect: async () => undefined,
  };
  const kafka = { adapter: 'fake', admin: () => admin, transactionalProducer: () => producer } as unknown as KafkaClient;
  return { kafka, calls };
}

describe('transactionalCommit.prepare', () => {
  it('connects its admin again on the retry after a connect failed while the broker was down', async () => {
    const { kafka, calls } = fakeClient(1, '40');
    const commit = transactionalCommit({ kafka, groupId: 'g', input: 'in', transactionalIdPrefix: 't', stage: 's', logger: testLogger() });
    await expect(commit.prepare(0, '40')).rejects.toThrow('ECONNREFUSED');
    await expect(commit.prepare(0, '40')).resolves.toBe('ready');
    expect(calls).toEqual(['producer.connect', 'admin.connect', 'admin.connect', 'admin.fetchOffsets']);
  });

  it('connects its admin once while it stays connected', async () => {
    const { kafka, calls } = fakeClient(0, '7');
    const commit = transactionalCommit({ kafka, groupId: 'g', input: 'in', transactionalIdPrefix: 't', stage: 's', logger: testLogger() });
    await expect(commit.prepare(0, '7')).resolves.toBe('ready');
    commit.onAssignment([0]);
    await expect(commit.prepare(0, '7')).resolves.toBe('ready');
    expect(calls).toEqual(['producer.connect', 'admin.connect', 'admin.fetchOffsets', 'admin.fetchOffsets']);
  });
});
