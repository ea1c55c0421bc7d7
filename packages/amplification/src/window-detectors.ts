// Window kinds, judged when the window closes (its end plus grace passed by the watermark), on the
// whole window: the decision counts each author at most `cap` times, the figures reported are the
// window's own, the ones the rollups hold for it (mentions, and negative among them).
import type { Brand } from '@sl/contracts';
import { type AlertDraft, fixed, percent, span, windowAlertId } from './alert-text.ts';
import type { BrandState } from './brand-state.ts';
import { expectedCount, isWarm, usualNegativeShare } from './volume-baseline.ts';
import { MAX_MENTION_IDS, MAX_SAMPLES, type WindowTally } from './window-tally.ts';
import { noteAdded } from './earliest-bound.ts';

/** Standard deviations above the expected count (Poisson) a spike must also clear. */
const SPIKE_SIGMAS = 5;
/**
 * The window's negative share must beat the usual one with about 99.9 % confidence (Wilson
 * lower bound): the share is checked after every mention, and early looks at a few mentions
 * would otherwise cry wolf a few times a week.
 */
const SURGE_Z = 3;
/** Closed windows before negativity has a baseline of its own. */
const MIN_WINDOWS_FOR_SURGE = 4;

function quiet(st: BrandState, kind: string, tally: WindowTally): boolean {
  return tally.fired.includes(kind) || (st.quietUntil[kind] ?? Number.NEGATIVE_INFINITY) > tally.start;
}

function fire(st: BrandState, brand: Brand, kind: string, tally: WindowTally): void {
  tally.fired.push(kind);
  st.quietUntil[kind] = tally.start + st.windowMs + brand.alertThresholds.cooldownMinutes * 60_000;
  noteAdded(st.quietUntil, st.quietUntil[kind]);
}

export function volumeSpike(brand: Brand, st: BrandState, tally: WindowTally): AlertDraft | null {
  const th = brand.alertThresholds;
  // Each author, and each post's replies, at most `cap` times (window-tally.ts).
  const count = tally.count - tally.threadExcess;
  if (count < th.minMentionsPerWindow || quiet(st, 'volume_spike', tally)) return null;
  if (!isWarm(st.baseline, tally.start, st.windowMs)) return null;
  const expected = expectedCount(st.baseline, tally.start);
  // Poisson noise plus a quarter of the expectation: the baseline is itself an estimate.
  const needed = Math.max(th.volumeSpikeRatio * expected, expected + SPIKE_SIGMAS * Math.sqrt(expected + 1 + (0.25 * expected) ** 2));
  if (count < needed) return null;
  fire(st, brand, 'volume_spike', tally);
  const ratio = expected > 0 ? count / expected : Number.POSITIVE_INFINITY;
  const end = tally.start + st.windowMs;
  const authors = Object.keys(tally.perAuthor).length;
  return {
    id: windowAlertId(brand.id, 'volume_spike', tally.start),
    kind: 'volume_spike',
    severity: ratio >= 2 * th.volumeSpikeRatio ? 'critical' : 'warning',
    windowStart: tally.start,
    windowEnd: end,
    observed: tally.raw,
    expected: round2(expected),
    mentionIds: [...tally.mentionIds],
    sampleTexts: tally.loudest.map((s) => s.text),
    sentiment: round2(tally.sentimentSum / tally.count),
    explanation: `${tally.raw} mentions of ${brand.name} from ${authors} authors in ${span(tally.start, end)}, ${fixed(ratio)}× the usual ${fixed(expected)} for this time of day${tally.raw > count ? ` (${count} counting each author, and each post's replies, at most ${tally.cap} times)` : ''}.`,
  };
}

interface Span {
  start: number;
  count: number;
  negatives: number;
  /** Uncapped, as the rollups count them. */
  raw: number;
  rawNegatives: number;
  sentimentSum: number;
  negativeIds: string[];
  samples: string[];
}

/** The window alone, or with the window before it when that one just closed: a surge that straddles a boundary, or a quiet brand's, has enough mentions to judge only over both. */
function surgeSpans(st: BrandState, tally: WindowTally): Span[] {
  const own: Span = { start: tally.start, count: tally.count, negatives: tally.negatives, raw: tally.raw, rawNegatives: tally.rawNegatives, sentimentSum: tally.sentimentSum, negativeIds: tally.negativeIds, samples: tally.mostNegative.map((s) => s.text) };
  const prev = st.previous;
  if (!prev || prev.start !== tally.start - st.windowMs || prev.fired.includes('negative_surge')) return [own];
  const both = [...tally.mostNegative, ...prev.mostNegative].sort((a, b) => b.rank - a.rank).slice(0, MAX_SAMPLES);
  return [
    own,
    {
      start: prev.start,
      count: prev.count + tally.count,
      raw: prev.raw + tally.raw,
      rawNegatives: prev.rawNegatives + tally.rawNegatives,
      negatives: prev.negatives + tally.negatives,
      sentimentSum: prev.sentimentSum + tally.sentimentSum,
      negativeIds: [...prev.negativeIds, ...tally.negativeIds].slice(-MAX_MENTION_IDS),
      samples: both.map((s) => s.text),
    },
  ];
}

export function negativeSurge(brand: Brand, st: BrandState, tally: WindowTally): AlertDraft | null {
  const th = brand.alertThresholds;
  if (quiet(st, 'negative_surge', tally) || st.baseline.windows < MIN_WINDOWS_FOR_SURGE) return null;
  const usual = usualNegativeShare(st.baseline);
  const surge = surgeSpans(st, tally).find((span) => {
    const share = span.negatives / span.count;
    return span.count >= th.minMentionsPerWindow && share >= th.negativeSurgeShare && wilsonLowerBound(share, span.count, SURGE_Z) >= th.negativeSurgeRatio * usual;
  });
  if (!surge) return null;
  fire(st, brand, 'negative_surge', tally);
  const share = surge.negatives / surge.count;
  const end = tally.start + st.windowMs;
  return {
    id: windowAlertId(brand.id, 'negative_surge', tally.start),
    kind: 'negative_surge',
    severity: share >= Math.min(0.95, 1.5 * th.negativeSurgeShare) ? 'critical' : 'warning',
    windowStart: surge.start,
    windowEnd: end,
    // Counts, as the rollups hold them: negative mentions, against the usual share of all of them.
    observed: surge.rawNegatives,
    expected: round2(usual * surge.raw),
    mentionIds: [...surge.negativeIds],
    sampleTexts: surge.samples,
    sentiment: round2(surge.sentimentSum / surge.count),
    explanation: `${surge.rawNegatives} of ${surge.raw} mentions of ${brand.name} in ${span(surge.start, end)} are negative (${percent(surge.rawNegatives / surge.raw)}), against a usual ${percent(usual)} (fires at ${percent(th.negativeSurgeShare)} and ${fixed(th.negativeSurgeRatio)}× usual${surge.raw > surge.count ? `, counting each author at most ${tally.cap} times` : ''}).`,
  };
}

export function wilsonLowerBound(share: number, n: number, z: number): number {
  const z2 = z * z;
  const centre = share + z2 / (2 * n);
  const margin = z * Math.sqrt((share * (1 - share)) / n + z2 / (4 * n * n));
  return (centre - margin) / (1 + z2 / n);
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}
