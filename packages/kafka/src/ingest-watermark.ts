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
  /** Between ingestedAt being stamped and the record being in the log, ms. @default 1_000 */
  produceGraceMs?: number;
  /** Probes in flight at most; a stalled pipeline does not pile them up. @default 64 */
  maxProbes?: number;
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
}

/**
 * Whether a group has read a partition up to `end`. One short is enough: a transactional topic's
 * last offset is a commit marker, which no consumer position moves past.
 */
function reached(committed: bigint | undefined, end: bigint, low: bigint): boolean {
  if (end <= low) return true;
  return committed !== undefined && committed >= end - 1n;
}

export function createIngestWatermark(options: IngestWatermarkOptions): IngestWatermark {
  const grace = options.produceGraceMs ?? 1_000;
  const maxProbes = options.maxProbes ?? 64;
  const now = options.now ?? Date.now;
  const probes: Probe[] = [];
  let watermark: number | null = null;
  let admin: Admin | null = null;

  const progressOf = async (client: Admin, stage: UpstreamStage): Promise<StageProgress> => {
    const [ends, groups] = await retryRetriable(() => Promise.all([client.fetchTopicOffsets(stage.topic), client.fetchOffsets({ groupId: stage.groupId, topics: [stage.topic] })]));
    const committed = new Map<number, bigint>();
    for (const p of groups[0]?.partitions ?? []) if (p.offset !== '-1') committed.set(p.partition, BigInt(p.offset));
    return { ends: new Map(ends.map((e) => [e.partition, { high: BigInt(e.high), low: BigInt(e.low) }])), committed };
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
      const progress = await Promise.all(options.stages.map((stage) => progressOf(client, stage)));
      if (probes.length < maxProbes) probes.push({ startedAt, stage: 0, target: null });
      while (probes.length > 0) {
        const probe = probes[0] as Probe;
        let moved = true;
        while (moved && probe.stage < options.stages.length) {
          moved = false;
          const at = progress[probe.stage] as StageProgress;
          // Ends read in this poll, after the previous stage was seen done (a poll earlier), cover
          // everything that stage wrote for this probe.
          if (probe.target === null) probe.target = new Map([...at.ends].map(([partition, end]) => [partition, end.high]));
          const done = [...probe.target].every(([partition, end]) => reached(at.committed.get(partition), end, at.ends.get(partition)?.low ?? 0n));
          if (done) {
            probe.stage += 1;
            probe.target = null;
            // The next stage's ends must be read after this moment: wait for the next poll.
            break;
          }
        }
        if (probe.stage < options.stages.length) break;
        watermark = Math.max(watermark ?? Number.NEGATIVE_INFINITY, probe.startedAt - grace);
        probes.shift();
      }
      // Probes behind the first move on at the next poll; they cannot finish before it.
      return watermark;
    },

    async close() {
      await admin?.disconnect();
      admin = null;
    },
  };
}
