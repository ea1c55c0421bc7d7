// The input of the snapshot codec's tests, in three phases: live mentions (judged), a backfill
// (waiting for the watermark when the snapshot is taken), then live mentions again. Every fifth
// text is a copy of one of a few templates, so the copy index and its groups are filled too.
// fixtures/state-format-4.gz is the snapshot the code of format 4 (commit 9433cd6) took of an
// engine fed `before` with `SNAPSHOT_LIMITS`: it proves an old snapshot still restores.
import type { Brand, ScoredMention } from '@sl/contracts';
import { alertScenario, brandFixture } from '@sl/testkit';

export const SNAPSHOT_BRAND: Brand = brandFixture('acme', { name: 'Acme', handles: ['acme'], categoryTerms: ['coffee'] });
/** Live here means published up to 5 s before it was ingested (the scenario ingests 2 s after). */
export const SNAPSHOT_LIMITS = { liveDelayMs: 5_000 };

const TEMPLATES = [
  'the acme rocket skates rolled ten miles past the canyon before the wheels gave out',
  'acme support never answered my three emails about the broken anvil delivery last week',
  'whoever designed the acme coffee grinder lid has never had to open it with one hand',
];

export interface SnapshotInput {
  /** Live mentions, then the backfill; the snapshot is taken after them. */
  before: ScoredMention[];
  /** Live mentions after the backfill's hold. */
  after: ScoredMention[];
}

export function snapshotInput(): SnapshotInput {
  const all = alertScenario({ brandId: 'acme', days: 1, seed: 3, peakPerMinute: 6 }).mentions.slice(0, 1_200);
  const mentions = all.map(
    (m, i): ScoredMention => ({
      ...m,
      similarTo: [],
      spamScoreBeforeCopies: m.spamScore,
      text: i % 5 === 0 ? `${TEMPLATES[i % 3]} ${i % 2 === 0 ? 'again' : ''}`.trim() : m.text,
    }),
  );
  const live = mentions.slice(0, 800);
  const loadedAt = (live.at(-1)?.ingestedAt ?? 0) + 3_600_000;
  // The backfill, its oldest first and then newest first: published long before it is ingested
  // and out of order, so after its first it holds the brand's watermark and waits.
  const [oldest, ...rest] = mentions.slice(800, 1_000);
  const backfill = [...(oldest ? [oldest] : []), ...rest.reverse()].map((m, i) => ({ ...m, ingestedAt: loadedAt + i * 10 }));
  const shift = loadedAt + 600_000 - (mentions[1_000]?.publishedAt ?? 0);
  const after = mentions.slice(1_000).map((m) => ({ ...m, publishedAt: m.publishedAt + shift, ingestedAt: m.ingestedAt + shift }));
  return { before: [...live, ...backfill], after };
}

interface Output {
  alerts: unknown[];
  influence: unknown[];
  corrections: unknown[];
}

/**
 * Feeds mentions as the worker does (each processed, then a tick up to its ingestion) and returns
 * all they gave, in order; `settle` ticks a day past the last at the end, releasing what waits.
 */
export function feed(
  engine: { process: (m: ScoredMention, b: Brand, at: number) => Output; advance: (w: number, b: () => Brand, at: number) => Output },
  mentions: readonly ScoredMention[],
  settle: boolean,
): Output {
  const all: Output = { alerts: [], influence: [], corrections: [] };
  const take = (out: Output) => {
    all.alerts.push(...out.alerts);
    all.influence.push(...out.influence);
    all.corrections.push(...out.corrections);
  };
  for (const mention of mentions) {
    take(engine.process(mention, SNAPSHOT_BRAND, 0));
    take(engine.advance(mention.ingestedAt, () => SNAPSHOT_BRAND, 0));
  }
  const last = mentions.at(-1);
  if (last && settle) take(engine.advance(last.ingestedAt + 86_400_000, () => SNAPSHOT_BRAND, 0));
  return all;
}
