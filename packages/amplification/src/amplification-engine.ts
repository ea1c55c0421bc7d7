// The amplification engine: scored mentions in, alerts and author influence out, in EVENT time.
// Mentions wait in their brand's pending list until the brand's watermark (brand-watermark.ts)
// passes them; then they are judged in event-time order (ties by id), with the brand's clock
// (window-clock.ts) moved to each one first. So the alerts for a set of mentions depend on the
// set, not on the order it arrived in. A mention that arrives behind its brand's watermark is
// late: counted, and judged by the per-mention detectors only (its window is closed); one more
// than the lateness horizon behind is counted and left out.
//
// The engine reads no clock and draws no random number. The ingest watermark comes in as data
// (watermark ticks in the input partition), so a replay of the partition rebuilds the same state.
import {
  type Alert,
  type AuthorInfluence,
  type Brand,
  kindCorrection,
  mentionKind,
  type ScoredMention,
  type VerdictCorrection,
} from '@sl/contracts';
import type { AlertDraft } from './alert-text.ts';
import { buildAlert } from './alert-text.ts';
import { type BrandState, newBrandState, type PartitionState, STATE_FORMAT } from './brand-state.ts';
import { brandWatermark, expireHolds, nextHoldExpiry, recordHold, type WatermarkOptions } from './brand-watermark.ts';
import { DAY_MS, HOUR_MS, MINUTE_MS, observedAt } from './event-time.ts';
import { type Judgement, judgeMention, type JudgeLimits } from './judge-mention.ts';
import { advanceClock, nextClockDue } from './window-clock.ts';
import { indexedTexts, PRINTED_CHARS } from './copy-index.ts';
import {
  addPending,
  dropFront,
  keepPending,
  markReadyFront,
  pendingCount,
  pendingMention,
  readyFront,
  splitPending,
} from './pending-mentions.ts';
import { newStateEvictions, type StateEvictions } from './state-evictions.ts';
import { DEFAULT_MAX_WINDOW_AUTHORS } from './window-tally.ts';

export interface EngineLimits extends JudgeLimits {
  /** Mentions further than this behind their brand's watermark are left out of every detector, ms. @default 7 days */
  latenessHorizonMs: number;
  /** A mention ingested more than this after its publication is a backfill and holds its brand's watermark, ms. @default 500 */
  liveDelayMs: number;
  /** How long, in ingestion time, a backfilled mention holds its brand's watermark, ms. @default 60_000 */
  backfillHoldMs: number;
  /**
   * Mentions a brand may have waiting for its watermark (about 0.5 KB each, encoded: pending-mentions.ts); past it the oldest
   * tenth is judged at once, ahead of the watermark (pendingJudgedEarly), and arrival order can
   * then change alerts: sized for a backfill of days, not for a live pace. @default 200_000
   */
  maxPendingPerBrand: number;
}

// What the limits cost at the bench's traffic (docs/performance.md, "Memory"): a waiting mention
// ~0.5 KB (its Avro record in a one-byte string, its event time and id), a copy-index text ~0.8 KB
// (its packed print, 20 bucket links, its share of the bucket table) with its group ~0.3 KB, an
// author ~0.4 KB, a followed post ~0.8 KB. Per brand at these defaults, about 16 + 6 + 8 + 1.6 MB
// when every memory is full, plus the mentions waiting for the watermark: none at a live pace, up
// to 100 MB while a backfill of 200,000 is held back. These are set for the alerts to be right (a
// copy index of 5,000 texts doubled the acceptance history's verdict corrections; 10,000 waiting
// mentions made a 14,000-mention backfill's alerts depend on its order), not for memory; the
// worker's old-generation cap (its package.json, nodeOptions) must follow when these are raised or
// a worker holds more brands.
export const DEFAULT_ENGINE_LIMITS: Readonly<EngineLimits> = Object.freeze({
  maxAuthorsPerBrand: 20_000,
  maxPostsPerBrand: 2_000,
  postHorizonMs: 48 * HOUR_MS,
  maxOpenQuestions: 500,
  maxCopyGroupsPerBrand: 20_000,
  maxWindowAuthors: DEFAULT_MAX_WINDOW_AUTHORS,
  latenessHorizonMs: 7 * DAY_MS,
  liveDelayMs: 250,
  backfillHoldMs: 60_000,
  maxPendingPerBrand: 200_000,
});

/** Entries held in each bounded memory, summed over the engine's brands. */
export interface StateSizes {
  authors: number;
  copyTexts: number;
  copyGroups: number;
  posts: number;
  pending: number;
  questions: number;
}

export interface EngineOutput {
  alerts: Alert[];
  /** Authors whose influence changed, one record per judged mention about them. */
  influence: AuthorInfluence[];
  /**
   * Mentions whose event-time verdict (copy, spam, counted) differs from the enricher's read-order
   * one, as the rollups count it: applied to the rollups, a window's sums are what its alerts saw.
   */
  corrections: VerdictCorrection[];
}

/** Takes a judgement's outputs: the author's influence, and a correction when the verdicts differ. */
function record(out: EngineOutput, brand: Brand, mention: ScoredMention, judgement: Judgement): void {
  if (judgement.influence) out.influence.push(judgement.influence);
  if (judgement.kind === null) return;
  const fromKind = mentionKind(mention, brand.spamThreshold);
  if (fromKind === judgement.kind) return;
  out.corrections.push(
    kindCorrection(mention, {
      by: 'event_time',
      fromKind,
      toKind: judgement.kind,
      reason: judgement.reason,
      correctedAt: observedAt(mention),
    }),
  );
}

export interface BrandLateness {
  brandId: string;
  /** Arrived behind the brand's watermark, judged by per-mention detectors only. */
  late: number;
  /** Arrived more than the lateness horizon behind, left out. */
  tooLate: number;
  /** Waiting for the watermark. */
  pending: number;
  /** The brand's event-time watermark; null before its first mention is judged. */
  watermark: number | null;
}

export interface AmplificationEngine {
  /** Takes one mention in; `brand` is the brand's current rules (undefined: unknown or deleted). Only a late mention gives output at once. */
  process(mention: ScoredMention, brand: Brand | undefined, createdAt: number): EngineOutput;
  /** Every mention ingested at or before `ingestWatermark` has been processed: judge what that releases. */
  advance(ingestWatermark: number, brandOf: (brandId: string) => Brand | undefined, createdAt: number): EngineOutput;
  /**
   * `advance` in slices: judges about `maxJudged` mentions at most (mentions tied in time are not
   * split) and says whether more are due. Calling again with the same watermark until `more` is
   * false gives exactly what one `advance` gives; a worker yields between the calls, so a backfill
   * released all at once does not hold its event loop (and its group heartbeats) for seconds.
   */
  advanceSome(
    ingestWatermark: number,
    brandOf: (brandId: string) => Brand | undefined,
    createdAt: number,
    maxJudged: number,
  ): { output: EngineOutput; more: boolean; judged: number };
  /** Whether advancing to this ingest watermark would judge a mention, close a window or raise a due question. */
  wouldAdvance(ingestWatermark: number): boolean;
  /** The partition's state, JSON-able. */
  snapshot(): PartitionState;
  /** Brands held, for metrics. */
  brandCount(): number;
  /** Per-brand lateness counts and waiting mentions, for metrics and logs. */
  lateness(): BrandLateness[];
  /** What the limits made this engine forget or judge early since it was made (replays included). */
  evictions(): Readonly<StateEvictions>;
  /** Entries held in each bounded memory now. */
  sizes(): StateSizes;
}

/** Text kept for a waiting mention: enough for questions, category terms and its copy print, not a whole blog post. */
const PENDING_TEXT_CHARS = PRINTED_CHARS;

/** A waiting mention without what the detectors never read, so a backfill's memory and snapshot stay small. */
function waiting(mention: ScoredMention): ScoredMention {
  return {
    ...mention,
    text: mention.text.length > PENDING_TEXT_CHARS ? mention.text.slice(0, PENDING_TEXT_CHARS) : mention.text,
    title: null,
    spamReasons: [],
    // The engine finds copies from the text (copy-links.ts); null still marks a record from
    // before that, whose copy verdict is the enricher's.
    similarTo: mention.similarTo === null ? null : [],
    sentiment: { compound: mention.sentiment.compound, label: mention.sentiment.label, drivers: [] },
  };
}

/** The earliest of these event times; MAX_SAFE_INTEGER for none. */
function lowest(times: readonly number[]): number {
  let min = Number.MAX_SAFE_INTEGER;
  for (const t of times) if (t < min) min = t;
  return min;
}

export function createAmplificationEngine(restored?: PartitionState, limits: Partial<EngineLimits> = {}): AmplificationEngine {
  const opts: EngineLimits = { ...DEFAULT_ENGINE_LIMITS, ...limits };
  const holdOptions: WatermarkOptions = { liveDelayMs: opts.liveDelayMs, holdMs: opts.backfillHoldMs };
  const state: PartitionState = restored?.format === STATE_FORMAT ? restored : { format: STATE_FORMAT, ingestWatermark: null, brands: {} };
  const evicted = newStateEvictions();

  const brandState = (brand: Brand): BrandState => {
    const windowMs = brand.alertThresholds.windowMinutes * MINUTE_MS;
    let st = state.brands[brand.id];
    if (!st || st.windowMs !== windowMs) {
      // A new window length makes old windows and per-window baselines meaningless; everything
      // else carries over.
      const fresh = newBrandState(windowMs);
      if (st) {
        const { windows: _w, lastClosed: _l, previous: _p, baseline: _b, windowMs: _m, ...kept } = st;
        Object.assign(fresh, kept);
      }
      st = fresh;
      state.brands[brand.id] = st;
    }
    return st;
  };

  const output = (): { out: EngineOutput; emitFor: (brand: Brand, createdAt: number) => (draft: AlertDraft) => void } => {
    const out: EngineOutput = { alerts: [], influence: [], corrections: [] };
    return {
      out,
      emitFor: (brand, createdAt) => (draft) =>
        out.alerts.push(buildAlert(brand.id, draft, createdAt, brand.alertThresholds.historyMinutes * MINUTE_MS)),
    };
  };

  const watermarkAt = (st: BrandState, ingestWatermark: number): number => {
    expireHolds(st.holds, ingestWatermark, holdOptions);
    return brandWatermark(st.holds, ingestWatermark, holdOptions);
  };

  /**
   * Judges the brand's pending mentions up to `upTo` in order and moves its clock there. With a
   * budget, only the first `budget` of them (with any tied in time to the last of those), and the
   * clock stops at that last one: a later call for `upTo` goes on exactly where this one stopped,
   * so judging in slices gives what judging at once gives.
   */
  const release = (
    brand: Brand,
    st: BrandState,
    upTo: number,
    out: EngineOutput,
    emit: (draft: AlertDraft) => void,
    budget = Number.POSITIVE_INFINITY,
  ): { judged: number; reached: boolean } => {
    const pending = st.pending;
    const judge = (position: number) => {
      // Decoded one at a time: a release of a whole backfill never holds it as objects.
      const mention = pendingMention(pending, position);
      advanceClock(brand, st, observedAt(mention), emit);
      record(out, brand, mention, judgeMention(brand, st, mention, { late: false, limits: opts, emit, evicted }));
    };
    /**
     * Of `count` ready ones (event times by rank), how many this call judges (the budget, and any
     * tied in time with the last) and where its clock stops: past the budget, at the last one judged.
     */
    const cut = (count: number, atRank: (rank: number) => number): { judged: number; until: number } => {
      if (count <= budget) return { judged: count, until: upTo };
      const last = atRank(budget - 1);
      let end = budget;
      while (end < count && atRank(end) === last) end++;
      return { judged: end, until: last };
    };
    let until: number;
    let judged: number;
    const front = readyFront(pending, upTo);
    if (front !== undefined) {
      // A later slice of this release: its mentions are the front of the list, in judge order.
      ({ judged, until } = cut(front, (rank) => pending.at[rank] as number));
      for (let position = 0; position < judged; position++) judge(position);
      dropFront(pending, judged);
      st.pendingFrom = judged < front ? (pending.at[0] as number) : lowest(pending.at);
    } else {
      const { ready, waiting } = splitPending(pending, upTo);
      ({ judged, until } = cut(ready.length, (rank) => pending.at[ready[rank] as number] as number));
      let left = waiting;
      if (judged < ready.length) {
        // What is left of the release waits in judge order, ahead of the rest, and is marked so:
        // the next slices take it from the front (readyFront) without splitting the list again.
        left = ready.slice(judged).concat(waiting);
        ready.length = judged;
      }
      st.pending = keepPending(pending, left);
      markReadyFront(st.pending, upTo, left.length - waiting.length);
      st.pendingFrom = left.length > waiting.length ? (st.pending.at[0] as number) : lowest(st.pending.at);
      for (const position of ready) judge(position);
    }
    if (judged > 0 || st.watermark !== null) {
      advanceClock(brand, st, until, emit);
      st.watermark = Math.max(st.watermark ?? until, until);
    }
    return { judged, reached: until === upTo };
  };

  const advanceSome = (
    ingestWatermark: number,
    brandOf: (brandId: string) => Brand | undefined,
    createdAt: number,
    maxJudged: number,
  ): { output: EngineOutput; more: boolean; judged: number } => {
    const { out, emitFor } = output();
    state.ingestWatermark = Math.max(state.ingestWatermark ?? ingestWatermark, ingestWatermark);
    let budget = Math.max(1, maxJudged);
    let judgedHere = 0;
    for (const brandId of Object.keys(state.brands).sort()) {
      const st = state.brands[brandId];
      const brand = brandOf(brandId);
      if (!st || !brand) continue;
      if (brand.deleted) {
        delete state.brands[brandId];
        continue;
      }
      const upTo = watermarkAt(st, state.ingestWatermark);
      if (st.watermark !== null && upTo <= st.watermark) continue;
      if (st.watermark === null && pendingCount(st.pending) === 0) continue;
      if (budget <= 0) return { output: out, more: true, judged: judgedHere };
      const { judged, reached } = release(brand, brandState(brand), upTo, out, emitFor(brand, createdAt), budget);
      budget -= judged;
      judgedHere += judged;
      if (!reached) return { output: out, more: true, judged: judgedHere };
    }
    return { output: out, more: false, judged: judgedHere };
  };

  return {
    process(mention, brand, createdAt) {
      const { out, emitFor } = output();
      if (!brand || brand.deleted) return out;
      const st = brandState(brand);
      const t = observedAt(mention);
      if (st.watermark !== null && t < st.watermark - opts.latenessHorizonMs) {
        st.tooLate += 1;
        return out;
      }
      if (st.watermark === null || t > st.watermark) {
        addPending(st.pending, waiting(mention));
        st.pendingFrom = Math.min(st.pendingFrom, t);
        recordHold(st.holds, mention.ingestedAt, t, holdOptions);
        if (pendingCount(st.pending) > opts.maxPendingPerBrand) {
          // Bounded memory wins over order: judge the oldest tenth now (up to the event time of
          // the one a tenth of the way along in judge order, which orders by event time first).
          const times = Float64Array.from(st.pending.at).sort();
          const cut = times[Math.floor(opts.maxPendingPerBrand / 10)];
          if (cut !== undefined) evicted.pendingJudgedEarly += release(brand, st, cut, out, emitFor(brand, createdAt)).judged;
        }
        return out;
      }
      st.late += 1;
      record(out, brand, mention, judgeMention(brand, st, mention, { late: true, limits: opts, emit: emitFor(brand, createdAt), evicted }));
      return out;
    },

    advance: (ingestWatermark, brandOf, createdAt) => advanceSome(ingestWatermark, brandOf, createdAt, Number.POSITIVE_INFINITY).output,

    advanceSome,

    wouldAdvance(ingestWatermark) {
      for (const st of Object.values(state.brands)) {
        if (nextHoldExpiry(st.holds, holdOptions) <= ingestWatermark) return true;
        const upTo = brandWatermark(st.holds, ingestWatermark, holdOptions);
        if (st.watermark !== null && upTo <= st.watermark) continue;
        if (st.pendingFrom <= upTo && pendingCount(st.pending) > 0) return true;
        if (st.watermark !== null && nextClockDue(st) <= upTo) return true;
      }
      return false;
    },

    snapshot: () => state,
    brandCount: () => Object.keys(state.brands).length,
    lateness: () =>
      Object.entries(state.brands).map(([brandId, st]) => ({
        brandId,
        late: st.late,
        tooLate: st.tooLate,
        pending: pendingCount(st.pending),
        watermark: st.watermark,
      })),
    evictions: () => evicted,
    sizes() {
      const sizes: StateSizes = { authors: 0, copyTexts: 0, copyGroups: 0, posts: 0, pending: 0, questions: 0 };
      for (const st of Object.values(state.brands)) {
        sizes.authors += st.authorCount;
        sizes.copyTexts += indexedTexts(st.copyIndex);
        sizes.copyGroups += Object.keys(st.copies).length;
        sizes.posts += st.postCount;
        sizes.pending += pendingCount(st.pending);
        sizes.questions += Object.keys(st.questions).length;
      }
      return sizes;
    },
  };
}
