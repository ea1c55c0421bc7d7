// Additive partial aggregates of scored mentions: one row per (grain, brand, UTC window by
// publishedAt, source, language, correction flag). Every numeric column is a count or a sum, so
// rows for the same key from any number of files add up; unique authors add up through the
// mergeable sketch (authors-sketch.ts) and top terms approximately (see README).
import type { ScoredMention } from '@sl/contracts';
import type { ConsumedRecord } from '@sl/kafka';
import { authorHash, authorsSketch, estimateAuthors } from './authors-sketch.ts';
import { type ClassifyOptions, DEFAULT_LATE_AFTER_MS, isCorrection, mentionKind, rollupLang } from './classify.ts';
import { hashtagsOf, type TermCount, termsOf, topCounts } from './top-terms.ts';

export type Grain = 'minute' | 'hour' | 'day';
export const GRAINS: readonly Grain[] = ['minute', 'hour', 'day'];
export const GRAIN_MS: Readonly<Record<Grain, number>> = { minute: 60_000, hour: 3_600_000, day: 86_400_000 };

/** Start of the UTC window of `grain` holding `epochMs` (epoch 0 is a UTC midnight). */
export function windowStart(grain: Grain, epochMs: number): number {
  const size = GRAIN_MS[grain];
  return Math.floor(epochMs / size) * size;
}

export interface RollupRow {
  grain: Grain;
  brandId: string;
  /** Epoch ms UTC. */
  windowStart: number;
  source: string;
  lang: string;
  isCorrection: boolean;
  mentions: number;
  duplicates: number;
  spam: number;
  /** Replies in the brand's threads that do not name it (not duplicates, not spam); not in `mentions`. */
  threadReplies: number;
  positive: number;
  neutral: number;
  negative: number;
  sentimentSum: number;
  sentimentSumSq: number;
  reach: number;
  likes: number;
  shares: number;
  replies: number;
  /** KMV sketch of the counted mentions' authors, ascending. */
  authorsSketch: bigint[];
  authorsEstimate: number;
  topTerms: TermCount[];
  topHashtags: TermCount[];
}

export type RollupOptions = ClassifyOptions;

interface Accumulator {
  row: RollupRow;
  authors: Set<bigint>;
  terms: Map<string, number>;
  hashtags: Map<string, number>;
}

const byCode = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Orders rows by grain, brand, window, source, language, then plain before correction. */
export function compareRollupRows(a: RollupRow, b: RollupRow): number {
  return (
    GRAINS.indexOf(a.grain) - GRAINS.indexOf(b.grain) ||
    byCode(a.brandId, b.brandId) ||
    a.windowStart - b.windowStart ||
    byCode(a.source, b.source) ||
    byCode(a.lang, b.lang) ||
    Number(a.isCorrection) - Number(b.isCorrection)
  );
}

function emptyRow(grain: Grain, brandId: string, start: number, source: string, lang: string, correction: boolean): RollupRow {
  return {
    grain,
    brandId,
    windowStart: start,
    source,
    lang,
    isCorrection: correction,
    mentions: 0,
    duplicates: 0,
    spam: 0,
    threadReplies: 0,
    positive: 0,
    neutral: 0,
    negative: 0,
    sentimentSum: 0,
    sentimentSumSq: 0,
    reach: 0,
    likes: 0,
    shares: 0,
    replies: 0,
    authorsSketch: [],
    authorsEstimate: 0,
    topTerms: [],
    topHashtags: [],
  };
}

const bump = (counts: Map<string, number>, keys: Iterable<string>): void => {
  for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
};

/** The rollup rows of a batch of records, in `compareRollupRows` order. Pure and deterministic. */
export function rollupRows(records: ReadonlyArray<ConsumedRecord<ScoredMention>>, options: RollupOptions): RollupRow[] {
  const lateAfterMs = options.lateAfterMs ?? DEFAULT_LATE_AFTER_MS;
  const thresholds = new Map<string, number>();
  const accumulators = new Map<string, Accumulator>();
  for (const record of records) {
    const m = record.value;
    let threshold = thresholds.get(m.brandId);
    if (threshold === undefined) {
      threshold = options.spamThresholdOf(m.brandId);
      thresholds.set(m.brandId, threshold);
    }
    const kind = mentionKind(m, threshold);
    const correction = isCorrection(m, lateAfterMs);
    const lang = rollupLang(m);
    // Computed once per record, shared by the three grains.
    const counted =
      kind === 'counted'
        ? {
            author: authorHash(m.source, m.author.handle),
            terms: termsOf(m.title === null ? m.text : `${m.title}\n${m.text}`),
            hashtags: hashtagsOf(m.title === null ? m.text : `${m.title}\n${m.text}`),
          }
        : undefined;
    for (const grain of GRAINS) {
      const start = windowStart(grain, m.publishedAt);
      const id = `${grain}\u0000${m.brandId}\u0000${start}\u0000${m.source}\u0000${lang}\u0000${correction ? 1 : 0}`;
      let acc = accumulators.get(id);
      if (!acc) {
        acc = {
          row: emptyRow(grain, m.brandId, start, m.source, lang, correction),
          authors: new Set(),
          terms: new Map(),
          hashtags: new Map(),
        };
        accumulators.set(id, acc);
      }
      const row = acc.row;
      if (kind === 'duplicate') row.duplicates += 1;
      else if (kind === 'spam') row.spam += 1;
      else if (kind === 'thread_reply') row.threadReplies += 1;
      if (!counted) continue;
      row.mentions += 1;
      const label = m.sentiment.label;
      if (label === 'positive') row.positive += 1;
      else if (label === 'neutral') row.neutral += 1;
      else if (label === 'negative') row.negative += 1;
      row.sentimentSum += m.sentiment.compound;
      row.sentimentSumSq += m.sentiment.compound * m.sentiment.compound;
      row.reach += m.author.followers ?? 0;
      row.likes += m.engagement.likes;
      row.shares += m.engagement.shares;
      row.replies += m.engagement.replies;
      acc.authors.add(counted.author);
      bump(acc.terms, counted.terms);
      bump(acc.hashtags, counted.hashtags);
    }
  }
  const rows: RollupRow[] = [];
  for (const acc of accumulators.values()) {
    const sketch = authorsSketch(acc.authors);
    acc.row.authorsSketch = sketch;
    acc.row.authorsEstimate = estimateAuthors(sketch);
    acc.row.topTerms = topCounts(acc.terms);
    acc.row.topHashtags = topCounts(acc.hashtags);
    rows.push(acc.row);
  }
  return rows.sort(compareRollupRows);
}
