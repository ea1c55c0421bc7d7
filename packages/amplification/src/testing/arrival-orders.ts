// Runs the engine over one set of mentions arriving in different orders, the way the pipeline
// would deliver them: the enricher's near-duplicate flags are given in arrival order (the first
// copy read is the "original" it names), raw partitions are read at different speeds, and the
// ingest watermark ticks between records the way the amplification worker writes them. Used by
// the property test (the same alerts in every order) and the scenario bench.
import type { Alert, Brand, ScoredMention } from '@sl/contracts';
import { type AmplificationEngine, createAmplificationEngine, type EngineLimits } from '../amplification-engine.ts';
import { decodeState, encodeState } from '../snapshot-codec.ts';
import { STATE_FORMAT } from '../brand-state.ts';

export type ArrivalOrder = 'sorted-paced' | 'all-at-once' | 'shuffled' | 'shuffled-paced' | 'partition-lag' | 'replay-after-live' | 'killed-midway';
/**
 * sorted-paced: live traffic, each mention ingested moments after publication.
 * all-at-once: the history as a sorted file through the gateway at full speed (`sl ingest`).
 * shuffled: the same file shuffled.
 * shuffled-paced: the shuffled file sent slowly (`sl ingest --rate`), the pipeline keeping up, so
 *   only the backfill holds keep the watermark from running ahead.
 * partition-lag: live, with one raw partition read three hours behind the others.
 * replay-after-live: live, then a connector sends the whole history again (the same ids).
 * killed-midway: the shuffled file, with the worker killed mid-way and rebuilt from a snapshot.
 */
export const ARRIVAL_ORDERS: readonly ArrivalOrder[] = ['sorted-paced', 'all-at-once', 'shuffled', 'shuffled-paced', 'partition-lag', 'replay-after-live', 'killed-midway'];

export interface ScenarioInput {
  brands: Brand[];
  mentions: ScoredMention[];
}

export interface ArrivalOptions {
  /** Seeds the shuffles and the crash point. @default 1 */
  seed?: number;
  limits?: Partial<EngineLimits>;
  /** Judge released mentions in slices of this many (`advanceSome`), as the worker does; one `advance` when unset. */
  judgeSlice?: number;
}

/** Raw partitions the simulated gateway spreads mentions over. */
const RAW_PARTITIONS = 4;
/** A live mention reaches the gateway this long after it was published, ms. */
const LIVE_DELAY_MS = 300;
/** The worker's ingest watermark trails the wall clock by this (produce grace plus one probe), ms. */
const WATERMARK_TRAIL_MS = 1_200;
/**
 * Ticks at most this often, ms. The worker ticks every 100 ms by default; a clock moved in steps
 * does what one move does, so the cadence changes the cost of a run, not its alerts.
 */
const TICK_INTERVAL_MS = 250;
/** A quiet pipeline still ticks this often, ms (the worker ticks when something is due). */
const IDLE_TICK_MS = 60_000;
/** A backfill through the gateway: mentions accepted per second. */
const LOAD_RATE_PER_S = 2_000;
/** A paced backfill (`sl ingest --rate 250`): mentions per second. */
const PACED_RATE_PER_S = 250;
/** The enricher reads this many records of one raw partition at a time. */
const ENRICHER_BATCH = 400;
/** In partition-lag, raw partition 0 is read this much later than the others, ms. */
const PARTITION_LAG_MS = 3 * 3_600_000;

interface Arrival {
  /** When the engine reads it (simulated wall clock). */
  at: number;
  mention: ScoredMention;
}

/** A number in [0, 1) from a string, the same on every machine (FNV-1a). */
function unit(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h / 4_294_967_296;
}

/** The mentions in an order drawn from the seed: each sorted by a hash of seed and id. */
function shuffle(mentions: ScoredMention[], seed: number): ScoredMention[] {
  const rank = new Map(mentions.map((m, i) => [m, unit(`${seed}:${m.id}:${i}`)]));
  return [...mentions].sort((a, b) => (rank.get(a) ?? 0) - (rank.get(b) ?? 0));
}

/** The enricher lists at most this many near-duplicates on a record (create-enricher.ts). */
const MAX_SIMILAR_LISTED = 16;

function rawPartition(id: string): number {
  return Math.floor(unit(id) * RAW_PARTITIONS);
}

const byPublished = (a: ScoredMention, b: ScoredMention) => a.publishedAt - b.publishedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * The enricher's near-duplicate verdicts, as it would give them reading in this order: the first
 * copy read is the original, and each record lists the copies read before it (similarTo).
 */
function flagCopies(arrivals: Arrival[]): Arrival[] {
  const readSoFar = new Map<string, string[]>();
  const seenIds = new Set<string>();
  return arrivals.map(({ at, mention }) => {
    const group = mention.isDuplicate && mention.duplicateOf !== null && mention.duplicateOf !== mention.id ? mention.duplicateOf : mention.id;
    const members = readSoFar.get(group) ?? [];
    readSoFar.set(group, members);
    const similarTo = members.filter((id) => id !== mention.id).slice(-MAX_SIMILAR_LISTED).reverse();
    const verdicts = { similarTo, spamScoreBeforeCopies: mention.spamScoreBeforeCopies ?? mention.spamScore };
    if (seenIds.has(mention.id)) return { at, mention: { ...mention, ...verdicts, isDuplicate: true, duplicateOf: mention.id } };
    seenIds.add(mention.id);
    members.push(mention.id);
    const original = members[0] as string;
    if (original === mention.id) return { at, mention: { ...mention, ...verdicts, isDuplicate: false, duplicateOf: null } };
    return { at, mention: { ...mention, ...verdicts, isDuplicate: true, duplicateOf: original } };
  });
}

/** Live traffic: each mention ingested moments after publication, read in ingestion order (one raw partition optionally hours late). */
function live(mentions: ScoredMention[], lagPartition: number | null): { arrivals: Arrival[]; watermarkAt: (at: number) => number } {
  const arrivals = [...mentions].sort(byPublished).map((m) => {
    const ingestedAt = m.publishedAt + LIVE_DELAY_MS;
    const lag = lagPartition !== null && rawPartition(m.id) === lagPartition ? PARTITION_LAG_MS : 0;
    return { at: ingestedAt + 200 + lag, mention: { ...m, ingestedAt } };
  });
  arrivals.sort((a, b) => a.at - b.at);
  // Every partition's progress counts: with one partition hours behind, so is the watermark.
  const lag = lagPartition !== null ? PARTITION_LAG_MS : 0;
  return { arrivals, watermarkAt: (at) => at - lag - WATERMARK_TRAIL_MS };
}

/** A file sent through the gateway at full speed after the fact, read by the enricher a partition batch at a time. */
function backfill(file: ScoredMention[], loadStart: number): { arrivals: Arrival[]; watermarkAt: (at: number) => number; loadEnd: number } {
  const ingested = file.map((m, i) => ({ ...m, ingestedAt: loadStart + Math.floor((i * 1000) / LOAD_RATE_PER_S) }));
  const byPartition: ScoredMention[][] = Array.from({ length: RAW_PARTITIONS }, () => []);
  for (const m of ingested) byPartition[rawPartition(m.id)]?.push(m);
  const arrivals: Arrival[] = [];
  const loadEnd = loadStart + Math.ceil((file.length * 1000) / LOAD_RATE_PER_S);
  // Batches of each partition in turn; a batch is read once its last record was ingested.
  let readAt = loadStart;
  for (let offset = 0; byPartition.some((p) => p.length > offset); offset += ENRICHER_BATCH) {
    for (const records of byPartition) {
      const batch = records.slice(offset, offset + ENRICHER_BATCH);
      const last = batch.at(-1);
      if (!last) continue;
      readAt = Math.max(readAt + 50, last.ingestedAt + 100);
      for (const m of batch) arrivals.push({ at: readAt, mention: m });
    }
  }
  const readEnd = readAt;
  // The watermark stays behind the load until the enricher has read all of it.
  return { arrivals, loadEnd, watermarkAt: (at) => (at < readEnd ? loadStart - WATERMARK_TRAIL_MS : at - WATERMARK_TRAIL_MS) };
}

/** A file sent slowly enough that the pipeline keeps up: the ingest watermark follows the load. */
function pacedBackfill(file: ScoredMention[], loadStart: number): { arrivals: Arrival[]; watermarkAt: (at: number) => number; loadEnd: number } {
  const arrivals = file.map((m, i) => {
    const ingestedAt = loadStart + Math.floor((i * 1000) / PACED_RATE_PER_S);
    return { at: ingestedAt + 200, mention: { ...m, ingestedAt } };
  });
  const loadEnd = loadStart + Math.ceil((file.length * 1000) / PACED_RATE_PER_S);
  return { arrivals, loadEnd, watermarkAt: (at) => at - WATERMARK_TRAIL_MS };
}

interface Run {
  engine: AmplificationEngine;
  alerts: Alert[];
  judgeSlice?: number;
}

/** What a tick releases: one `advance`, or `advanceSome` slices until nothing more is due. */
function advanceRun(run: Run, watermark: number, brandOf: (id: string) => Brand | undefined, at: number): Alert[] {
  if (run.judgeSlice === undefined) return run.engine.advance(watermark, brandOf, at).alerts;
  const alerts: Alert[] = [];
  for (;;) {
    const { output, more } = run.engine.advanceSome(watermark, brandOf, at, run.judgeSlice);
    alerts.push(...output.alerts);
    if (!more) return alerts;
  }
}

/** Feeds arrivals and ticks to an engine; `onStep` sees the running state after each arrival. */
function drive(arrivals: Arrival[], watermarkAt: (at: number) => number, end: number, brands: Map<string, Brand>, run: Run, onStep?: (index: number) => void): void {
  const brandOf = (id: string) => brands.get(id);
  let lastTick = Number.NEGATIVE_INFINITY;
  let lastTickAt = Number.NEGATIVE_INFINITY;
  const tick = (at: number) => {
    // The worker measures the watermark on a cadence, not after every record.
    if (at - lastTickAt < TICK_INTERVAL_MS) return;
    lastTickAt = at;
    const watermark = watermarkAt(at);
    if (watermark <= lastTick) return;
    if (run.engine.wouldAdvance(watermark)) run.alerts.push(...advanceRun(run, watermark, brandOf, at));
    lastTick = watermark;
  };
  let clock = arrivals[0]?.at ?? end;
  for (const [index, arrival] of arrivals.entries()) {
    for (; clock + IDLE_TICK_MS < arrival.at; clock += IDLE_TICK_MS) tick(clock + IDLE_TICK_MS);
    clock = Math.max(clock, arrival.at);
    run.alerts.push(...run.engine.process(arrival.mention, brands.get(arrival.mention.brandId), arrival.at).alerts);
    tick(arrival.at);
    onStep?.(index);
  }
  for (; clock < end; clock += IDLE_TICK_MS) tick(clock + IDLE_TICK_MS);
}

/** Runs the engine over the mentions arriving in the given order (ingestedAt set here); returns every alert raised. */
export function alertsInOrder(input: ScenarioInput, order: ArrivalOrder, options: ArrivalOptions = {}): Alert[] {
  const seed = options.seed ?? 1;
  const brands = new Map(input.brands.map((b) => [b.id, b]));
  const sorted = [...input.mentions].sort(byPublished);
  const lastPublished = sorted.at(-1)?.publishedAt ?? 0;
  const loadStart = lastPublished + 3_600_000;
  const settle = 10 * 60_000;
  const newRun = (): Run => ({ engine: createAmplificationEngine(undefined, options.limits), alerts: [], ...(options.judgeSlice !== undefined ? { judgeSlice: options.judgeSlice } : {}) });

  if (order === 'sorted-paced' || order === 'partition-lag') {
    const { arrivals, watermarkAt } = live(sorted, order === 'partition-lag' ? 0 : null);
    const run = newRun();
    const last = arrivals.at(-1)?.at ?? loadStart;
    drive(flagCopies(arrivals), watermarkAt, last + PARTITION_LAG_MS + settle, brands, run);
    return run.alerts;
  }
  if (order === 'replay-after-live') {
    // Live first, then a connector sends its whole history again: the same ids, later.
    const first = live(sorted, null);
    const liveEnd = (first.arrivals.at(-1)?.at ?? 0) + settle;
    const again = backfill(shuffle(sorted, seed), liveEnd);
    const arrivals = flagCopies([...first.arrivals, ...again.arrivals]);
    const run = newRun();
    drive(arrivals, (at) => (at < liveEnd ? first.watermarkAt(at) : again.watermarkAt(at)), again.loadEnd + settle, brands, run);
    return run.alerts;
  }
  const file = order === 'all-at-once' ? sorted : shuffle(sorted, seed);
  const { arrivals: raw, watermarkAt, loadEnd } = order === 'shuffled-paced' ? pacedBackfill(file, loadStart) : backfill(file, loadStart);
  const arrivals = flagCopies(raw);
  const end = Math.max(loadEnd, arrivals.at(-1)?.at ?? loadEnd) + settle;
  if (order !== 'killed-midway') {
    const run = newRun();
    drive(arrivals, watermarkAt, end, brands, run);
    return run.alerts;
  }
  // A worker SIGKILLed mid-way: what it committed stays; its successor loads the last snapshot and
  // replays the input after it silently (its alerts were committed the first time), then goes on.
  const crashAt = Math.floor(arrivals.length * (0.3 + 0.4 * unit(`crash:${seed}`)));
  const snapshotAt = Math.floor(crashAt * unit(`snapshot:${seed}`));
  const first = newRun();
  let snapshot: Buffer | undefined;
  drive(arrivals.slice(0, crashAt), watermarkAt, 0, brands, first, (index) => {
    if (index === snapshotAt) snapshot = encodeState(first.engine.snapshot());
  });
  const restored = snapshot ? decodeState(snapshot, STATE_FORMAT) : undefined;
  const replayed: Run = { ...newRun(), engine: createAmplificationEngine(restored, options.limits) };
  drive(arrivals.slice(snapshot ? snapshotAt + 1 : 0, crashAt), watermarkAt, 0, brands, replayed);
  const after: Run = { ...replayed, alerts: [] };
  drive(arrivals.slice(crashAt), watermarkAt, end, brands, after);
  return [...first.alerts, ...after.alerts];
}
