import { EventEmitter } from 'node:events';
import { testLogger } from '@sl/testkit';
import type { Consumer, GroupDescription, Kafka } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { guardAssignment } from '../src/assignment-guard.ts';
import { kafkajs } from '../src/adapters/kafkajs/kafkajs-runtime.ts';
import { kafkajsStageConsumer } from '../src/adapters/kafkajs/stage-consumer.ts';

const { AssignerProtocol } = kafkajs;

const TOPIC = 'mentions.raw';
const GROUP_JOIN = 'consumer.group_join';

/**
 * The guard over the kafkajs adapter's stage consumer, whose kafkajs consumer is faked in the two
 * things used here: join events and describeGroup (the adapter decodes kafkajs's assignments).
 */
function fakeConsumer(describe: () => GroupDescription) {
  const events = new EventEmitter();
  const client = {
    events: { GROUP_JOIN },
    on: (event: string, listener: (payload: unknown) => void) => events.on(event, listener),
    describeGroup: async () => describe(),
  } as unknown as Consumer;
  const consumer = kafkajsStageConsumer({ consumer: () => client } as unknown as Kafka, { groupId: 'enricher', logger: testLogger() });
  const join = (memberId: string, partitions: number[]) =>
    events.emit(GROUP_JOIN, { payload: { memberId, memberAssignment: { [TOPIC]: partitions } } });
  return { consumer, join };
}

function group(state: GroupDescription['state'], members: Record<string, number[]>): GroupDescription {
  return {
    groupId: 'enricher',
    protocol: 'RoundRobinAssigner',
    protocolType: 'consumer',
    state,
    members: Object.entries(members).map(([memberId, partitions]) => ({
      memberId,
      clientId: 'enricher',
      clientHost: '/127.0.0.1',
      memberMetadata: Buffer.alloc(0),
      memberAssignment: AssignerProtocol.MemberAssignment.encode({
        version: 1,
        assignment: { [TOPIC]: partitions },
        userData: Buffer.alloc(0),
      }),
    })),
  };
}

describe('guardAssignment', () => {
  it('owns exactly the partitions of the latest join', () => {
    const { consumer, join } = fakeConsumer(() => group('Stable', {}));
    const guard = guardAssignment(consumer, TOPIC, testLogger());
    expect([0, 1, 2].map((p) => guard.owns(p))).toEqual([false, false, false]);
    join('m-1', [0, 2]);
    expect([0, 1, 2].map((p) => guard.owns(p))).toEqual([true, false, true]);
    join('m-1', [1]);
    expect([0, 1, 2].map((p) => guard.owns(p))).toEqual([false, true, false]);
  });

  it('confirms a partition the coordinator gives this member, and keeps owning it', async () => {
    const { consumer, join } = fakeConsumer(() => group('Stable', { 'm-1': [5], 'm-2': [4] }));
    const guard = guardAssignment(consumer, TOPIC, testLogger());
    join('m-1', [5]);
    expect(await guard.confirm(5)).toBe(true);
    expect(guard.owns(5)).toBe(true);
  });

  it('gives up a partition the coordinator gives another member, until a join assigns it again', async () => {
    const { consumer, join } = fakeConsumer(() => group('Stable', { 'm-1': [4], 'm-2': [5] }));
    const guard = guardAssignment(consumer, TOPIC, testLogger());
    join('m-1', [4, 5]);
    expect(await guard.confirm(5)).toBe(false);
    expect([guard.owns(4), guard.owns(5)]).toEqual([true, false]);
    join('m-1', [4, 5]);
    expect(guard.owns(5)).toBe(true);
  });

  it('does not claim a partition while the group rebalances or after this member was dropped', async () => {
    let description = group('PreparingRebalance', { 'm-1': [5] });
    const { consumer, join } = fakeConsumer(() => description);
    const guard = guardAssignment(consumer, TOPIC, testLogger());
    join('m-1', [5]);
    expect(await guard.confirm(5)).toBe(false);
    join('m-1', [5]);
    description = group('Stable', { 'm-2': [5] });
    expect(await guard.confirm(5)).toBe(false);
    expect(guard.owns(5)).toBe(false);
  });
});
