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
// What is left between a stage's committed offset and the end of a transactional input is not
// always data: commit markers and aborted transactions' records are never consumed, so no position
// moves past them. A gap that stays the same for settledGapMs (10 s) while the stage's group is
// Stable with members is taken for that; a group with nobody in it is waited for, since its gap
// may be mentions nobody has read. An input written outside transactions (mentions.raw, from the
// gateway) has neither markers nor aborted records: a gap there is always mentions not read yet,
// however long it stays — a stage busy with one large batch on a loaded machine keeps its gap
// unchanged for seconds, and taking that for settled let the watermark pass mentions still in
// the enricher (measured: 661 to 848 mentions of a 42,911-mention backfill judged late, a
// spike observed 489 or 630 instead of 697, with the machine's load average at 11 to 21).
// Probes are started on every poll and complete in order. One poll reads the stages one after the
// other, so a probe whose stage finished can take the next stage's ends in the same poll: they are
// read after its finish was seen. The grace covers the time between the gateway stamping
// ingestedAt and the record reaching the log.
import type { KafkaAdmin } from './port/kafka-admin.ts';
import type { LogEndReader } from './port/log-end-reader.ts';
import { retryRetriable } from './retry-policy.ts';
import type { KafkaClient } from './port/kafka-client.ts';

export interface UpstreamStage {
  groupId: string;
  /** The stage's input topic. */
  topic: string;
  /**
   * Every record of the input is written in transactions (the stage before writes it), so a
   * partition with nothing open ends in a commit marker. @default false
   */
  transactional?: boolean;
}

export interface IngestWatermarkOptions {
  kafka: KafkaClient;
  /** Upstream stages in pipeline order; empty: everything written is already here (tests writing the input directly). */
  stages: readonly UpstreamStage[];
  /** Between ingestedAt being stamped and the record being in the log, ms. @default 250 */
  produceGraceMs?: number;
  /** Probes in flight at most; a stalled pipeline does not pile them up. @default 64 */
  maxProbes?: number;
  /** On a transactional input, a gap unchanged this long in a Stable group is markers or aborted records, ms. @default 10_000 */
  settledGapMs?: number;
  now?: () => number;
}

/** What the oldest probe still waits for: the stage and the partitions its group has not read far enough. */
export interface WatermarkHoldUp {
  groupId: string;
  topic: string;
  /** Since the probe started, ms. */
  waitedMs: number;
  partitions: Array<{ partition: number; committed: string; end: string }>;
}

export interface IngestWatermark {
  /** Reads the groups' progress once, moves probes on; returns the watermark (null until the first probe completes). */
  poll(): Promise<number | null>;
  /** Why the watermark is not further, as of the last poll (null: no probe waiting on a stage). For logs. */
  holdUp(): WatermarkHoldUp | null;
  close(): Promise<void>;
}

interface Probe {
  startedAt: number;
  /** Index of the stage it waits for. */
  stage: number;
  /** Ends it waits for, by partition; null: take them from the next read of its stage. */
  target: Map<number, Target> | null;
}

interface Target {
  end: bigint;
  /** The entry before `end` is a commit marker, which no consumer position moves past. */
  markerLast: boolean;
}

interface StageProgress {
  ends: Map<number, { high: bigint; stable: bigint; low: bigint }>;
  committed: Map<number, bigint>;
  /** Partitions whose remaining gap is settled: unchanged for settledGapMs in a Stable group. */
  settled: Set<number>;
}

/**
 * Whether a group has read a partition up to a target. One short is enough when the last entry is
 * a commit marker; a settled gap is enough too. A target taken while a transaction was open says
 * nothing of a marker; when the log now ends exactly there with nothing open, its last entry is a
 * marker after all (a quiet partition's last transaction), and a group one short has read it all.
 */
function reached(at: StageProgress, partition: number, target: Target, transactional: boolean): boolean {
  const ends = at.ends.get(partition);
  const low = ends?.low ?? 0n;
  if (target.end <= low || at.settled.has(partition)) return true;
  const committed = at.committed.get(partition);
  const markerLast = target.markerLast || (transactional && ends !== undefined && ends.high === target.end && ends.stable === ends.high);
  return committed !== undefined && committed >= (markerLast ? target.end - 1n : target.end);
}

/** What a probe waits for in a stage: every partition's end as written. */
function targetsOf(stage: UpstreamStage, at: StageProgress): Map<number, Target> {
  // The last entry is a marker only in a transactional input with no transaction open or unmarked.
  return new Map([...at.ends].map(([partition, end]) => [partition, { end: end.high, markerLast: stage.transactional === true && end.stable === end.high && end.high > end.low }]));
}

export function createIngestWatermark(options: IngestWatermarkOptions): IngestWatermark {
  const grace = options.produceGraceMs ?? 250;
  const maxProbes = options.maxProbes ?? 64;
  const now = options.now ?? Date.now;
  const settledGapMs = options.settledGapMs ?? 10_000;
  const probes: Probe[] = [];
  /** Per stage and partition: the (committed, end) pair last seen and since when. */
  const gaps = new Map<string, { committed: bigint; high: bigint; since: number }>();
  let watermark: number | null = null;
  /** Each stage's progress as last read, for holdUp(). */
  const lastSeen = new Map<number, StageProgress>();
  let admin: KafkaAdmin | null = null;
  let logEnds: LogEndReader | null = null;

  const progressOf = async (client: KafkaAdmin, logEnds: LogEndReader, stage: UpstreamStage, at: number): Promise<StageProgress> => {
    // The ends as written, not as readable: see log-end-offsets.ts.
    const [ends, groups] = await retryRetriable(() =>
      Promise.all([logEnds.ends(stage.topic), client.fetchOffsets({ groupId: stage.groupId, topics: [stage.topic] })]),
    );
    const committed = new Map<number, bigint>();
    for (const p of groups[0]?.partitions ?? []) if (p.offset !== '-1') committed.set(p.partition, BigInt(p.offset));
    // Gaps of more than the commit marker that have not moved for settledGapMs; the group's state is
    // asked for only when there is one, so a busy pipeline polls with two requests a stage.
    const unmoved: number[] = [];
    const open = new Set(ends.filter((end) => end.stable < end.high).map((end) => end.partition));
    for (const end of ends) {
      const key = `${stage.groupId}\u0000${stage.topic}\u0000${end.partition}`;
      const pair = { committed: committed.get(end.partition) ?? -1n, high: end.high };
      const seen = gaps.get(key);
      if (!seen || seen.committed !== pair.committed || seen.high !== pair.high) gaps.set(key, { ...pair, since: at });
      // A transaction still open (or committed, its markers not written yet) is not a settled gap;
      // nor is any gap of an input written outside transactions (it can only be unread records).
      else if (stage.transactional === true && pair.high - pair.committed > 1n && !open.has(end.partition) && at - seen.since >= settledGapMs) unmoved.push(end.partition);
    }
    const settled = new Set<number>();
    if (unmoved.length > 0) {
      const described = await retryRetriable(() => client.describeGroups([stage.groupId]));
      const group = described.groups[0];
      if (group?.state === 'Stable' && group.members.length > 0) for (const partition of unmoved) settled.add(partition);
    }
    return { ends: new Map(ends.map((e) => [e.partition, { high: e.high, stable: e.stable, low: e.low }])), committed, settled };
  };

  return {
    async poll() {
      if (!admin) {
        // Kept only once connected: a poll while the broker is down leaves the next one to connect.
        const connecting = options.kafka.admin();
        await connecting.connect().catch(async (error: unknown) => {
          await connecting.disconnect().catch(() => undefined);
          throw error;
        });
        admin = connecting;
      }
      logEnds ??= options.kafka.logEndReader();
      const client = admin;
      const ends = logEnds;
      const startedAt = now();
      if (options.stages.length === 0) {
        watermark = Math.max(watermark ?? Number.NEGATIVE_INFINITY, startedAt - grace);
        return watermark;
      }
      if (probes.length < maxProbes) probes.push({ startedAt, stage: 0, target: null });
      for (const [index, stage] of options.stages.entries()) {
        if (!probes.some((probe) => probe.stage === index)) continue;
        // Read after the previous stage's progress was seen: a probe that just finished that stage
        // takes these ends, which include everything the stage wrote for what it had read.
        const at = await progressOf(client, ends, stage, startedAt);
        lastSeen.set(index, at);
        for (const probe of probes) {
          if (probe.stage !== index) continue;
          if (probe.target === null) probe.target = targetsOf(stage, at);
          if ([...probe.target].every(([partition, end]) => reached(at, partition, end, stage.transactional === true))) {
            probe.stage += 1;
            probe.target = null;
          }
        }
      }
      // Probes complete in the order they started; the watermark is the latest completed start.
      while (probes.length > 0 && (probes[0] as Probe).stage >= options.stages.length) {
        watermark = Math.max(watermark ?? Number.NEGATIVE_INFINITY, (probes.shift() as Probe).startedAt - grace);
      }
      return watermark;
    },

    holdUp() {
      const probe = probes[0];
      const stage = probe ? options.stages[probe.stage] : undefined;
      const at = probe ? lastSeen.get(probe.stage) : undefined;
      if (!probe || !stage || !probe.target || !at) return null;
      const partitions = [...probe.target]
        .filter(([partition, target]) => !reached(at, partition, target, stage.transactional === true))
        .map(([partition, target]) => ({ partition, committed: String(at.committed.get(partition) ?? -1n), end: String(target.end) }));
      return { groupId: stage.groupId, topic: stage.topic, waitedMs: now() - probe.startedAt, partitions };
    },

    async close() {
      await admin?.disconnect();
      await logEnds?.close();
      admin = null;
      logEnds = null;
    },
  };
}
