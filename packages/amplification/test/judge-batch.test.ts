// A backfill's release cut into bounded transactions must come out as the one release would: every
// alert and correction once, each author's last influence the same, and a crash between two cuts
// (the open transaction lost, the state rebuilt from a snapshot or from the log) must not change
// that. The worker's partition is simulated here: a log of mentions and ticks, a committed offset,
// the outputs of committed transactions, and the worker's replay (records and ticks, no output).
import { type Alert, type AuthorInfluence, authorInfluenceKey, type Brand, type VerdictCorrection } from '@sl/contracts';
import { alertScenario, brandFixture } from '@sl/testkit';
import { describe, expect, it } from 'vitest';
import {
  type AmplificationEngine,
  advanceInSlices,
  type BatchItem,
  createAmplificationEngine,
  decodeState,
  encodeState,
  type EngineOutput,
  judgeBatch,
  STATE_FORMAT,
} from '../src/index.ts';

const brand: Brand = brandFixture('acme', { name: 'Acme', handles: ['acme'], categoryTerms: ['coffee', 'roast'] });
const brandOf = (id: string) => (id === brand.id ? brand : undefined);
const scenario = alertScenario({ brandId: 'acme', days: 4, seed: 11 });
// The whole history ingested in one second, long after it happened: one backfill, held back.
const ingestedAt = Date.UTC(2026, 10, 25);
const mentions = scenario.mentions.map((m) => ({ ...m, ingestedAt }));
// Past every hold: the tick releases all of it.
const releaseAt = ingestedAt + 120_000;
const CREATED_AT = 1;
const BOUND = 1_000;

interface Committed {
  alerts: Alert[];
  influence: AuthorInfluence[];
  corrections: VerdictCorrection[];
  /** Mentions judged by each committed transaction's ticks. */
  judged: number[];
}

/** A partition's log and what its committed transactions wrote: the worker's loop without Kafka. */
class SimulatedPartition {
  readonly log: BatchItem[];
  committedTo = 0;
  readonly out: Committed = { alerts: [], influence: [], corrections: [], judged: [] };

  constructor(tickBound: number | undefined) {
    this.log = mentions.map((mention, i) => ({ offset: String(i), mention }));
    this.append({ ingestWatermark: releaseAt, ...(tickBound !== undefined ? { maxJudged: tickBound } : {}) });
  }

  append(tick: { ingestWatermark: number; maxJudged?: number }): void {
    this.log.push({ offset: String(this.log.length), tick });
  }

  /** One batch (the log from the committed offset, at most `fetch` items), one transaction; with `crash`, lost before its commit. */
  async transaction(engine: AmplificationEngine, options: { perBatch: number; fetch?: number; crash?: boolean }): Promise<void> {
    const items = this.log.slice(this.committedTo, this.committedTo + (options.fetch ?? this.log.length));
    const outputs: EngineOutput[] = [];
    const judged = await judgeBatch(engine, items, {
      brandOf,
      createdAt: CREATED_AT,
      maxJudgedPerBatch: options.perBatch,
      take: (o) => outputs.push(o),
    });
    if (options.crash) return;
    for (const o of outputs) {
      this.out.alerts.push(...o.alerts);
      this.out.influence.push(...o.influence);
      this.out.corrections.push(...o.corrections);
    }
    this.out.judged.push(judged.judged);
    // The continuation tick is written by the same transaction, so it exists only if it commits.
    if (judged.owed !== null) this.append({ ingestWatermark: judged.owed, maxJudged: BOUND });
    this.committedTo = judged.consumedTo === undefined ? this.committedTo + items.length : Number(judged.consumedTo);
  }

  done(): boolean {
    return this.committedTo === this.log.length;
  }
}

/** The worker's replay: records and ticks in their place, bounds honoured, outputs dropped. */
async function replay(engine: AmplificationEngine, log: readonly BatchItem[], from: number, to: number): Promise<void> {
  for (const item of log.slice(from, to)) {
    if ('mention' in item) engine.process(item.mention, brandOf(item.mention.brandId), 0);
    else
      await advanceInSlices(
        engine,
        item.tick.ingestWatermark,
        brandOf,
        0,
        () => undefined,
        item.tick.maxJudged !== undefined ? { maxJudged: item.tick.maxJudged } : {},
      );
  }
}

const lastByAuthor = (records: AuthorInfluence[]) => new Map(records.map((r) => [authorInfluenceKey(r), r]));
const correctionKeys = (records: VerdictCorrection[]) => records.map((c) => `${c.mentionId}:${c.fromKind}>${c.toKind}`);

/** One transaction releasing everything: what the cut releases must add up to. */
let wholeRelease: Promise<SimulatedPartition> | undefined;
async function unbounded(): Promise<Committed> {
  wholeRelease ??= (async () => {
    const partition = new SimulatedPartition(undefined);
    await partition.transaction(createAmplificationEngine(), { perBatch: Number.POSITIVE_INFINITY });
    return partition;
  })();
  const partition = await wholeRelease;
  expect(partition.done()).toBe(true);
  return partition.out;
}

describe('a release cut into bounded transactions', () => {
  it('writes every alert and correction once, as one release does, each transaction judging the bound', async () => {
    const whole = await unbounded();
    expect(whole.judged).toEqual([mentions.length]);
    expect(whole.alerts.map((a) => a.kind).sort()).toEqual(scenario.events.map((e) => e.kind).sort());

    const partition = new SimulatedPartition(BOUND);
    const engine = createAmplificationEngine();
    while (!partition.done()) await partition.transaction(engine, { perBatch: BOUND });
    const cuts = Math.ceil(mentions.length / BOUND);
    // The scenario's event times are distinct: each tick judges exactly its bound, the last what is left.
    expect(partition.out.judged).toEqual([...Array.from({ length: cuts - 1 }, () => BOUND), mentions.length - (cuts - 1) * BOUND]);
    expect(partition.out.alerts).toEqual(whole.alerts);
    expect(correctionKeys(partition.out.corrections)).toEqual(correctionKeys(whole.corrections));
    expect(partition.out.corrections).toEqual(whole.corrections);
    expect(lastByAuthor(partition.out.influence)).toEqual(lastByAuthor(whole.influence));
  });

  it('cuts a batch after the tick that reaches the bound: the ticks written meanwhile do not all land in one transaction', async () => {
    const partition = new SimulatedPartition(BOUND);
    // Ticks the ticker wrote while the release was being judged, right behind the first one.
    for (let n = 1; n <= 5; n += 1) partition.append({ ingestWatermark: releaseAt + n * 100, maxJudged: BOUND });
    const engine = createAmplificationEngine();
    await partition.transaction(engine, { perBatch: BOUND });
    expect(partition.out.judged).toEqual([BOUND]);
    // Committed up to and with the first tick; the five behind it come again as the next batch.
    expect(partition.committedTo).toBe(mentions.length + 1);
    await partition.transaction(engine, { perBatch: BOUND });
    expect(partition.out.judged).toEqual([BOUND, BOUND]);
    expect(partition.committedTo).toBe(mentions.length + 2);
    while (!partition.done()) await partition.transaction(engine, { perBatch: BOUND });
    const whole = await unbounded();
    expect(partition.out.alerts).toEqual(whole.alerts);
    expect(partition.out.corrections).toEqual(whole.corrections);
    expect(lastByAuthor(partition.out.influence)).toEqual(lastByAuthor(whole.influence));
  });

  for (const restart of ['from a snapshot', 'from the log'] as const) {
    it(`loses the transaction a crash interrupts and replays ${restart} to the same outputs, each once`, async () => {
      const whole = await unbounded();
      const partition = new SimulatedPartition(BOUND);
      let engine = createAmplificationEngine();
      // The held mentions, then the first two cuts of the release, committed; a snapshot with the second.
      await partition.transaction(engine, { perBatch: BOUND, fetch: mentions.length });
      await partition.transaction(engine, { perBatch: BOUND });
      await partition.transaction(engine, { perBatch: BOUND });
      const snapshot = { state: encodeState(engine.snapshot()), at: partition.committedTo };
      await partition.transaction(engine, { perBatch: BOUND });
      // The fourth transaction's outputs and its continuation tick are lost with it.
      await partition.transaction(engine, { perBatch: BOUND, crash: true });
      expect(partition.out.judged).toEqual([0, BOUND, BOUND, BOUND]);

      engine =
        restart === 'from a snapshot' ? createAmplificationEngine(decodeState(snapshot.state, STATE_FORMAT)) : createAmplificationEngine();
      await replay(engine, partition.log, restart === 'from a snapshot' ? snapshot.at : 0, partition.committedTo);
      while (!partition.done()) await partition.transaction(engine, { perBatch: BOUND });

      const ids = partition.out.alerts.map((a) => a.id);
      expect(new Set(ids).size).toBe(ids.length);
      expect(partition.out.alerts).toEqual(whole.alerts);
      expect(partition.out.corrections).toEqual(whole.corrections);
      expect(lastByAuthor(partition.out.influence)).toEqual(lastByAuthor(whole.influence));
    });
  }
});
