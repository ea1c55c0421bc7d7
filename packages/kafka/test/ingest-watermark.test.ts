// The ingest watermark over a scripted port: the ends and committed offsets each poll reads are
// set by the test, so a read the real broker gives only now and then (a readable end older than
// the written end it came with) happens every time.
import { describe, expect, it } from 'vitest';
import { createIngestWatermark, type KafkaClient } from '../src/index.ts';
import type { KafkaAdmin } from '../src/port/kafka-admin.ts';
import type { LogEnds } from '../src/port/log-end-reader.ts';

interface Scripted {
  ends: LogEnds[];
  committed: string;
}

/** A port client whose log ends and group offsets for partition 0 come from `next()` at each read of the ends. */
function scriptedClient(next: () => Scripted): KafkaClient {
  // Set by each read of the ends, which the watermark asks for together with the offsets.
  let current: Scripted = { ends: [], committed: '-1' };
  const admin = {
    connect: async () => undefined,
    disconnect: async () => undefined,
    fetchOffsets: async ({ topics }: { topics: string[] }) => [
      { topic: topics[0] ?? '', partitions: [{ partition: 0, offset: current.committed }] },
    ],
    describeGroups: async (groupIds: string[]) => ({
      groups: groupIds.map((groupId) => ({ groupId, state: 'Stable', members: [{ memberId: 'm' }] })),
    }),
  } as unknown as KafkaAdmin;
  return {
    adapter: 'scripted',
    admin: () => admin,
    logEndReader: () => ({
      ends: async () => {
        current = next();
        return current.ends;
      },
      close: async () => undefined,
    }),
  } as unknown as KafkaClient;
}

const ends = (high: bigint, stable: bigint): LogEnds[] => [{ partition: 0, high, stable, low: 0n }];

describe('createIngestWatermark', () => {
  it('does not wait for ever on a quiet partition whose last transaction looked open in the read that set the target', async () => {
    // mentions.enriched partition 0 of a quiet brand: records 0, 2, 4 and their commit markers 1,
    // 3, 5; the sentiment stage read everything and committed 5. The first read's readable end
    // (4) is from before the last marker the written end (6) already counts.
    const reads: Scripted[] = [{ ends: ends(6n, 4n), committed: '5' }];
    let clock = 10_000;
    const watermark = createIngestWatermark({
      kafka: scriptedClient(() => reads.shift() ?? { ends: ends(6n, 6n), committed: '5' }),
      stages: [{ groupId: 'sentiment-worker', topic: 'mentions.enriched', transactional: true }],
      produceGraceMs: 250,
      // The settled-gap rule needs a gap of more than one entry: it cannot free this probe.
      settledGapMs: 3_600_000,
      now: () => clock,
    });
    // The first probe takes its target from the stale read: end 6, last entry not known to be a marker.
    expect(await watermark.poll()).toBeNull();
    expect(watermark.holdUp()).toMatchObject({ groupId: 'sentiment-worker', partitions: [{ partition: 0, committed: '5', end: '6' }] });
    // Every later read says the log ends at 6 with nothing open: offset 5 is a marker, and a group
    // one short has read it all.
    clock += 100;
    expect(await watermark.poll()).toBe(10_100 - 250);
    expect(watermark.holdUp()).toBeNull();
  });

  it('still waits for a record of a transaction that was open, however long, when the log has grown past it', async () => {
    // The target was taken with a transaction open at 4 (records 4 and 5); it then committed
    // (marker at 6), and the stage has read record 4 only.
    const reads: Scripted[] = [{ ends: ends(6n, 4n), committed: '4' }];
    let clock = 10_000;
    const watermark = createIngestWatermark({
      kafka: scriptedClient(() => reads.shift() ?? { ends: ends(7n, 7n), committed: '5' }),
      stages: [{ groupId: 'sentiment-worker', topic: 'mentions.enriched', transactional: true }],
      produceGraceMs: 250,
      settledGapMs: 3_600_000,
      now: () => clock,
    });
    expect(await watermark.poll()).toBeNull();
    clock += 100;
    expect(await watermark.poll()).toBeNull();
    expect(watermark.holdUp()).toMatchObject({ partitions: [{ partition: 0, committed: '5', end: '6' }] });
  });
});
