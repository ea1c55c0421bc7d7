// The rollups do not depend on the order the enricher read a history in. The enricher marks the
// copy it reads second as the duplicate and weighs copy-paste by what it read so far, so a
// shuffled backfill used to move duplicate and spam counts between windows, and a window's
// rollups could differ from what its alert observed. The amplification engine judges copies in
// publication order and writes a correction wherever its verdict differs; the rollups of the
// scored records plus those corrections must be the same in every read order, and equal each
// volume spike's and negative surge's observed figure.
//
// The history: the order-invariance fixture (three brands, four days, a spike) as raw mentions,
// plus copy campaigns written here — the same long texts posted by several people within a few
// hours, so copies fall into different windows than their originals.
import type { Brand, RawMention } from '@sl/contracts';
import { describe, expect, it } from 'vitest';
import { orderFixture } from '../../packages/amplification/test/order-fixture.ts';
import { readOrders, type StagesRun, throughStages, windowSums } from './through-stages.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a * 1_103_515_245 + 12_345) >>> 0;
    return a / 4_294_967_296;
  };
}

const CAMPAIGN_TEXTS = [
  'just got the new {b} stove and it boils water in under three minutes at altitude',
  'the {b} customer service line kept me on hold for an hour and never picked up',
  'if you camp in winter get the {b} sleeping bag liner, it makes a real difference',
  'my {b} tent leaked through the seams on the second night of a light drizzle',
  'anyone know whether {b} ships replacement poles to Canada without charging import fees',
  'giveaway: follow and repost to win a {b} camp chair, winners picked on Friday',
];

function history(): { brands: Brand[]; raw: RawMention[] } {
  const { brands, mentions } = orderFixture(4);
  const raw: RawMention[] = mentions.map((m) => ({
    id: m.id,
    source: m.source,
    sourceId: m.sourceId,
    text: m.text,
    title: m.title,
    url: m.url,
    lang: m.lang,
    publishedAt: m.publishedAt,
    ingestedAt: m.ingestedAt,
    author: m.author,
    engagement: m.engagement,
    parentId: m.parentId,
  }));
  const r = random(7);
  const start = Math.min(...raw.map((m) => m.publishedAt));
  let n = 0;
  for (const brand of brands) {
    for (const [t, template] of CAMPAIGN_TEXTS.entries()) {
      const text = template.replace('{b}', brand.id);
      const base = start + (1 + t * 0.5) * 24 * HOUR + r() * 8 * HOUR;
      const copies = 2 + Math.floor(r() * 4);
      for (let c = 0; c < copies; c += 1) {
        n += 1;
        raw.push({
          id: `copies:${n}`,
          source: 'copies',
          sourceId: String(n),
          // Some copies add a word or two, as people do when they paste.
          text: c % 3 === 2 ? `${text} honestly` : text,
          title: null,
          url: null,
          lang: 'en',
          publishedAt: Math.round(base + r() * 3 * HOUR),
          ingestedAt: Math.round(base + r() * 3 * HOUR),
          author: { handle: `poster${n}`, name: null, followers: 100 + Math.floor(r() * 900) },
          engagement: { likes: Math.floor(r() * 5), shares: 0, replies: 0 },
          parentId: null,
        });
      }
    }
  }
  return { brands, raw };
}

describe('rollups in every read order', () => {
  const { brands, raw } = history();
  const windowMs = (brands[0] as Brand).alertThresholds.windowMinutes * MINUTE;
  const runs = readOrders(raw).map(([name, order]) => [name, throughStages(brands, order)] as [string, StagesRun]);
  const asObject = (sums: Map<string, unknown>) => Object.fromEntries([...sums].sort(([a], [b]) => (a < b ? -1 : 1)));

  it('sum scored and corrected rows to the same counts per brand and window, though the scored rows alone differ', () => {
    const [, sorted] = runs[0] as [string, StagesRun];
    const reference = asObject(windowSums(sorted, brands, windowMs));
    let scoredOnlyDiffers = false;
    for (const [name, run] of runs) {
      expect({ order: name, sums: asObject(windowSums(run, brands, windowMs)) }).toEqual({ order: name, sums: reference });
      if (JSON.stringify(asObject(windowSums(run, brands, windowMs, { corrected: false }))) !== JSON.stringify(reference)) scoredOnlyDiffers = true;
    }
    // Not vacuous: some read order made the enricher's verdicts differ, and corrections mended them.
    expect(scoredOnlyDiffers).toBe(true);
    expect(runs.some(([, run]) => run.corrections.length > 0)).toBe(true);
  });

  it("give each volume spike and negative surge exactly the figure it observed, in every read order", () => {
    let windowAlerts = 0;
    for (const [name, run] of runs) {
      const sums = windowSums(run, brands, windowMs);
      for (const alert of run.alerts) {
        if (alert.kind !== 'volume_spike' && alert.kind !== 'negative_surge') continue;
        windowAlerts += 1;
        const sum = sums.get(`${alert.brandId} ${alert.windowStart}`);
        const figure = alert.kind === 'volume_spike' ? sum?.mentions : sum?.negative;
        expect({ order: name, alert: alert.id, observed: alert.observed }).toEqual({ order: name, alert: alert.id, observed: figure });
      }
    }
    expect(windowAlerts).toBeGreaterThanOrEqual(runs.length);
  });

  it('raise the same alerts in every read order', () => {
    const summary = (run: StagesRun) => run.alerts.map((a) => `${a.id} ${a.observed} ${a.expected} ${a.mentionIds.join(',')}`).sort();
    const [, sorted] = runs[0] as [string, StagesRun];
    for (const [name, run] of runs) expect({ order: name, alerts: summary(run) }).toEqual({ order: name, alerts: summary(sorted) });
  });
});
