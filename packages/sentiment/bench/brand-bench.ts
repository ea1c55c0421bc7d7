// The brand-directed half of the sentiment bench: on texts labelled for their sentiment toward
// one named brand, this package scores toward that brand (scoreTowardTargets with the brand's
// names) and each peer scores the whole text, as a peer used for brand monitoring would.
import type { SentimentLabel } from '@sl/contracts';
import { scoreTowardTargets } from '../src/index.ts';
import { type BrandExample, loadBrandExamples } from './brand-eval-data.ts';
import type { Split } from './eval-data.ts';
import { evaluate, type Scores } from './metrics.ts';
import type { Scorer } from './peers.ts';

/** Texts at least this long count as long-form (blog posts, forum answers, newsletters). */
export const LONG_FORM_CHARS = 400;

interface BrandSlice {
  name: string;
  filter(e: BrandExample): boolean;
}

const BRAND_SLICES: readonly BrandSlice[] = [
  { name: 'Sanders · Apple + Google tweets', filter: (e) => e.source === 'sanders' },
  { name: 'own · forum, blog, news (all)', filter: (e) => e.source === 'own' },
  { name: `own · long-form (≥ ${LONG_FORM_CHARS} chars)`, filter: (e) => e.source === 'own' && e.text.length >= LONG_FORM_CHARS },
  { name: 'brand-directed · all', filter: () => true },
];

export interface BrandSliceResult {
  split: Split;
  slice: string;
  n: number;
  /** Gold label counts. */
  gold: Record<string, number>;
  scores: Record<string, Scores>;
}

export function towardBrand(e: Pick<BrandExample, 'text' | 'brand' | 'terms'>): SentimentLabel {
  const [result] = scoreTowardTargets(e.text, [{ id: e.brand, terms: e.terms }]);
  return result?.sentiment.label ?? 'neutral';
}

export function scoreBrandSplit(split: Split, scorers: readonly Scorer[], devErrors: boolean): BrandSliceResult[] {
  const examples = loadBrandExamples(split);
  const predictions = new Map<string, SentimentLabel[]>();
  for (const s of scorers) {
    const label = s.name === '@sl/sentiment' ? towardBrand : (e: BrandExample) => s.label(e.text);
    predictions.set(s.name, examples.map(label));
  }
  if (devErrors && split === 'dev') {
    const ours = predictions.get('@sl/sentiment') ?? [];
    examples.forEach((e, i) => {
      if (ours[i] !== e.label)
        console.log(`dev-error\t${e.source}/${e.brand}\tgold=${e.label}\tgot=${ours[i]}\t${e.text.replace(/\s+/g, ' ')}`);
    });
  }
  return BRAND_SLICES.map((slice) => {
    const idx = examples.flatMap((e, i) => (slice.filter(e) ? [i] : []));
    const gold = idx.map((i) => examples[i]?.label ?? 'neutral');
    const counts: Record<string, number> = {};
    for (const g of gold) counts[g] = (counts[g] ?? 0) + 1;
    const scores: Record<string, Scores> = {};
    for (const s of scorers) {
      const predicted = predictions.get(s.name) ?? [];
      scores[s.name] = evaluate(
        gold,
        idx.map((i) => predicted[i] ?? 'neutral'),
      );
    }
    return { split, slice: slice.name, n: idx.length, gold: counts, scores };
  });
}

export function brandTable(results: readonly BrandSliceResult[], scorers: readonly Scorer[], split: Split): string {
  const header = ['slice', 'n (neutral)', ...scorers.map((s) => `${s.name} acc / F1`)];
  const lines = [`| ${header.join(' | ')} |`, `| ${header.map((_, i) => (i < 2 ? '---' : '---:')).join(' | ')} |`];
  for (const r of results.filter((x) => x.split === split)) {
    const cells = scorers.map((s) => {
      const sc = r.scores[s.name];
      return sc === undefined ? '' : `${(sc.accuracy * 100).toFixed(1)} / ${(sc.macroF1 * 100).toFixed(1)}`;
    });
    lines.push(`| ${r.slice} | ${r.n} (${r.gold.neutral ?? 0}) | ${cells.join(' | ')} |`);
  }
  return lines.join('\n');
}
