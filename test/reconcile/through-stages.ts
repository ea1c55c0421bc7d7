// A history through the real enricher, sentiment scorer and amplification engine in one process,
// with the enricher reading it in a given order, and the rollups those stages' records make
// (scored rows plus the engine's verdict corrections), summed per brand and window as `sl query`
// sums them. Shared by the read-order reconcile test and test/bench/order-through-stages.ts.
//
// The engine always gets the scored mentions in publication order, live (each a second after
// publication, a watermark tick every second), so any difference between read orders comes from
// the enricher's verdicts; the corrections are what makes the rollups independent of them.
import { type AmplificationEngine, createAmplificationEngine, type EngineLimits } from '@sl/amplification';
import type { Alert, Brand, EnrichedMention, RawMention, ScoredMention, VerdictCorrection } from '@sl/contracts';
import { createEnricher } from '@sl/enrichment';
import { correctionRows, type RollupRow, rollupRows } from '@sl/rollups';
import { scoreMention } from '@sl/sentiment';

export interface StagesRun {
  enriched: EnrichedMention[];
  scored: ScoredMention[];
  alerts: Alert[];
  corrections: VerdictCorrection[];
}

export const byPublished = (a: { publishedAt: number; id: string }, b: { publishedAt: number; id: string }): number =>
  a.publishedAt - b.publishedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** A deterministic shuffle: sorted by a hash of the seed and the id. */
export function shuffled<T extends { id: string }>(items: readonly T[], seed: number): T[] {
  const rank = (id: string) => {
    let h = 0x811c9dc5 ^ seed;
    for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193);
    return h >>> 0;
  };
  return [...items].sort((a, b) => rank(a.id) - rank(b.id));
}

/** The read orders compared: publication order, reversed, two shuffles, and the order given. */
export function readOrders(history: readonly RawMention[]): Array<[string, RawMention[]]> {
  const sorted = [...history].sort(byPublished);
  return [
    ['sorted', sorted],
    ['given', [...history]],
    ['reversed', [...sorted].reverse()],
    ['shuffled-1', shuffled(history, 1)],
    ['shuffled-2', shuffled(history, 2)],
  ];
}

export function throughStages(brands: readonly Brand[], readOrder: readonly RawMention[]): StagesRun {
  const brandById = new Map(brands.map((b) => [b.id, b]));
  const enricher = createEnricher({ brands: [...brands] });
  const enriched = readOrder.flatMap((raw, i) => enricher.enrich(raw, `0:${i}`));
  const scored: ScoredMention[] = enriched.map((m) => ({ ...scoreMention(m, brandById), ingestedAt: m.publishedAt + 1_000 }));
  const inOrder = [...scored].sort((a, b) => byPublished(a, b) || (a.brandId < b.brandId ? -1 : 1));
  const engine: AmplificationEngine = createAmplificationEngine();
  const brandOf = (id: string): Brand | undefined => brandById.get(id);
  const alerts: Alert[] = [];
  const corrections: VerdictCorrection[] = [];
  const take = (out: { alerts: Alert[]; corrections: VerdictCorrection[] }) => {
    alerts.push(...out.alerts);
    corrections.push(...out.corrections);
  };
  let nextTick = Number.NEGATIVE_INFINITY;
  for (const mention of inOrder) {
    if (mention.ingestedAt >= nextTick) {
      if (Number.isFinite(nextTick)) take(engine.advance(nextTick, brandOf, 0));
      nextTick = Math.floor(mention.ingestedAt / 1_000) * 1_000 + 1_000;
    }
    take(engine.process(mention, brandOf(mention.brandId), 0));
  }
  take(engine.advance(Number.MAX_SAFE_INTEGER / 2, brandOf, 0));
  return { enriched, scored, alerts, corrections };
}

export interface WindowSums {
  mentions: number;
  duplicates: number;
  spam: number;
  threadReplies: number;
  negative: number;
}

/**
 * The minute rollups of a run, scored rows and correction rows alike (or scored only), summed per
 * `<brand> <window start>` for windows of `windowMs`: what `sl query` sums for each window.
 */
export function windowSums(
  run: StagesRun,
  brands: readonly Brand[],
  windowMs: number,
  options: { corrected: boolean } = { corrected: true },
): Map<string, WindowSums> {
  const threshold = new Map(brands.map((b) => [b.id, b.spamThreshold]));
  const record = <T>(value: T, i: number) => ({ topic: 't', partition: 0, offset: String(i), key: null, value, headers: {}, timestamp: 0 });
  const rows: RollupRow[] = [...rollupRows(run.scored.map(record), { spamThresholdOf: (id) => threshold.get(id) ?? 0.7 })];
  if (options.corrected) rows.push(...correctionRows(run.corrections.map(record)));
  const sums = new Map<string, WindowSums>();
  for (const row of rows) {
    if (row.grain !== 'minute') continue;
    const key = `${row.brandId} ${Math.floor(row.windowStart / windowMs) * windowMs}`;
    const sum = sums.get(key) ?? { mentions: 0, duplicates: 0, spam: 0, threadReplies: 0, negative: 0 };
    sum.mentions += row.mentions;
    sum.duplicates += row.duplicates;
    sum.spam += row.spam;
    sum.threadReplies += row.threadReplies;
    sum.negative += row.negative;
    sums.set(key, sum);
  }
  return sums;
}

/**
 * The scored mentions as one backfill into the engine: all ingested within 30 s in the given
 * order, the watermark measured every 500 mentions, then released. The engine's waiting list
 * holds them back until the load is over, so its alerts must not depend on the order, as long
 * as no brand has more than `maxPendingPerBrand` waiting.
 */
export function backfillIntoEngine(
  scored: readonly ScoredMention[],
  brands: readonly Brand[],
  limits: Partial<EngineLimits> = {},
): Alert[] {
  const brandById = new Map(brands.map((b) => [b.id, b]));
  const brandOf = (id: string): Brand | undefined => brandById.get(id);
  const engine = createAmplificationEngine(undefined, limits);
  const loadedAt = Date.UTC(2030, 0, 1);
  const alerts: Alert[] = [];
  scored.forEach((mention, i) => {
    const ingestedAt = loadedAt + Math.floor((i / scored.length) * 30_000);
    alerts.push(...engine.process({ ...mention, ingestedAt }, brandOf(mention.brandId), 0).alerts);
    if (i % 500 === 0) alerts.push(...engine.advance(ingestedAt - 250, brandOf, 0).alerts);
  });
  alerts.push(...engine.advance(loadedAt + 10 * 86_400_000, brandOf, 0).alerts);
  return alerts;
}
