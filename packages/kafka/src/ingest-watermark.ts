// The ingest watermark: the latest moment T such that every mention ingested at or before T has
// gone through every upstream stage and sits committed in the stage's input topic. It is measured
// from Kafka's own bookkeeping, with probes that follow the pipeline:
//
//   1. note the time T, then read the end offsets of the first stage's input (mentions.raw);
//   2. once that stage's group has committed up to those ends, read the end offsets of the next
//      stage's input (mentions.enriched); repeat for every stage;
//   3. once the last stage has committed up to its ends, everything ingested by T - grace is
//      downstream of it: T - grace is the watermark.
//
// A partition that is idle (nothing new) satisfies its probe at once, so an idle partition never
// holds the watermark back; a partition whose stage lags holds it exactly as long as it lags.
// What is left between a stage's committed offset and the end is not always data: commit markers
// and aborted transactions' records are never consumed, so no position moves past them. A gap
// that stays the same while the stage's group is Stable with members is taken for that; a group
// with nobody in it is waited for, since its gap may be mentions nobody has read.
// Probes are started on every poll and complete in order. The grace covers the time between the
// gateway stamping ingestedAt and the record reaching the log.
import type { Admin, Kafka } from 'kafkajs';
import { retryRetriable } from './retry-policy.ts';

export interface UpstreamStage {
  groupId: string;
  /** The stage's input topic. */
  topic: string;
}

export interface IngestWatermarkOptions {
  kafka: Kafka;
  /** Upstream stages in pipeline order; empty: everything written is already here (tests writing the input directly). */
  stages: readonly UpstreamStage[];
  /** Between ingestedAt being stamped and the record being in the log, ms. @default 250 */
  produceGraceMs?: number;
  /** Probes in flight at most; a stalled pipeline does not pile them up. @default 64 */
  maxProbes?: number;
  /** A gap unchanged this long in a Stable group is markers or aborted records, ms. @default 1_000 */
  settledGapMs?: number;
  now?: () => number;
}

export interface IngestWatermark {
  /** Reads the groups' progress once, moves probes on; returns the watermark (null until the first probe completes). */
  poll(): Promise<number | null>;
  close(): Promise<void>;
}

interface Probe {
  startedAt: number;
  /** Index of the stage it waits for. */
  stage: number;
  /** End offsets it waits for, by partition; null: read them at the next poll. */
  target: Map<number, bigint> | null;
}

interface StageProgress {
  ends: Map<number, { high: bigint; low: bigint }>;
  committed: Map<number, bigint>;
  /** Partitions whose remaining gap is settled: unchanged for settledGapMs in a Stable group. */
  settled: Set<number>;
}

/**
 * Whether a group has read a partition up to `end`. One short is enough: a transactional topic's
 * last offset is a commit marker, which no consumer position moves past. A settled gap is too.
 */
function reached(at: StageProgress, partition: number, end: bigint): boolean {
  const low = at.ends.get(partition)?.low ?? 0n;
  if (end <= low || at.settled.has(partition)) return true;
  const committed = at.committed.get(partition);
  return committed !== undefined && committed >= end - 1n;
}

export function createIngestWatermark(options: IngestWatermarkOptions): IngestWatermark {
  const grace = options.produceGraceMs ?? 250;
  const maxProbes = options.maxProbes ?? 64;
  const now = options.now ?? Date.now;
  const settledGapMs = options.settledGapMs ?? 1_000;
  const probes: Probe[] = [];
  /** Per stage and partition: the (committed, end) pair last seen and since when. */
  const gaps = new Map<string, { committed: bigint; high: bigint; since: number }>();
  let watermark: number | null = null;
  let admin: Admin | null = null;

  const progressOf = async (client: Admin, stage: UpstreamStage, at: number): Promise<StageProgress> => {
    const [ends, groups, described] = await retryRetriable(() =>
      Promise.all([client.fetchTopicOffsets(stage.topic), client.fetchOffsets({ groupId: stage.groupId, topics: [stage.topic] }), client.describeGroups([stage.groupId])]),
    );
    const committed = new Map<number, bigint>();
    for (const p of groups[0]?.partitions ?? []) if (p.offset !== '-1') committed.set(p.partition, BigInt(p.offset));
    const group = described.groups[0];
    const alive = group?.state === 'Stable' && group.members.length > 0;
    const settled = new Set<number>();
    for (const end of ends) {
      const key = `${stage.groupId}\u0000${stage.topic}\u0000${end.partition}`;
      const pair = { committed: committed.get(end.partition) ?? -1n, high: BigInt(end.high) };
      const seen = gaps.get(key);
      if (!seen || seen.committed !== pair.committed || seen.high !== pair.high) gaps.set(key, { ...pair, since: at });
      else if (alive && pair.high - pair.committed > 1n && at - seen.since >= settledGapMs) settled.add(end.partition);
    }
    return { ends: new Map(ends.map((e) => [e.partition, { high: BigInt(e.high), low: BigInt(e.low) }])), committed, settled };
  };

  return {
    async poll() {
      if (!admin) {
        admin = options.kafka.admin();
        await admin.connect();
      }
      const client = admin;
      const startedAt = now();
      if (options.stages.length === 0) {
        watermark = Math.max(watermark ?? Number.NEGATIVE_INFINITY, startedAt - grace);
        return watermark;
      }
      const progress = await Promise.all(options.stages.map((stage) => progressOf(client, stage, startedAt)));
      if (probes.length < maxProbes) probes.push({ startedAt, stage: 0, target: null });
      // Every probe moves at most one stage per poll: the next stage's ends must be read after the
      // poll that saw this stage done, or records it wrote meanwhile could be missed.
      for (const probe of probes) {
        const at = progress[probe.stage];
        if (!at) continue;
        if (probe.target === null) probe.target = new Map([...at.ends].map(([partition, end]) => [partition, end.high]));
        if ([...probe.target].every(([partition, end]) => reached(at, partition, end))) {
          probe.stage += 1;
          probe.target = null;
        }
      }
      // Probes complete in the order they started; the watermark is the latest completed start.
      while (probes.length > 0 && (probes[0] as Probe).stage >= options.stages.length) {
        watermark = Math.max(watermark ?? Number.NEGATIVE_INFINITY, (probes.shift() as Probe).startedAt - grace);
      }
      return watermark;
    },

    async close() {
      await admin?.disconnect();
      admin = null;
    },
  };
}
