// Additive partial aggregates of scored mentions: one row per (grain, brand, UTC window by
// publishedAt, source, language, correction flag, verdict). Every numeric column is a count or a
// sum, so rows for the same key from any number of files add up; unique authors add up through
// the mergeable sketch (authors-sketch.ts) and top terms approximately (see README).
//
// Verdict corrections (mentions.corrections) are rows too: minus what the mention added as first
// counted, plus what it adds as corrected, under `verdict` 'event_time' or 'team'. Summing every
// row of a window gives the corrected counts; `coalesce(verdict, 'scored') = 'scored'` alone gives
// the enricher's (files written before corrections existed have no verdict column).
import type { MentionKind, ScoredMention, SentimentLabel, VerdictCorrection } from '@sl/contracts';
import type { ConsumedRecord } from '@sl/kafka';
import { authorHash, authorsSketch, estimateAuthors } from './authors-sketch.ts';
import { type ClassifyOptions, DEFAULT_LATE_AFTER_MS, isCorrection, mentionKind, rollupLang } from './classify.ts';
import { type TermCount, termsAndHashtagsOf, topCounts } from './top-terms.ts';

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
  /** Whose verdict the row counts: 'scored' (as scored), or a correction's ('event_time', 'team'). */
  verdict: RollupVerdict;
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

export type RollupVerdict = 'scored' | VerdictCorrection['by'];
const KINDS: ReadonlySet<string> = new Set<MentionKind>(['counted', 'duplicate', 'spam', 'thread_reply']);
const LABELS: ReadonlySet<string> = new Set<SentimentLabel>(['positive', 'neutral', 'negative']);
const VERDICTS: readonly RollupVerdict[] = ['scored', 'event_time', 'team'];

interface Accumulator {
  row: RollupRow;
  /** Kept on minute windows only; an hour's and a day's are their minutes' merged (rows()). */
  authors: Set<bigint>;
  terms: Map<string, number>;
  hashtags: Map<string, number>;
  /** A minute's hour and day, whose sets and counts it adds to in rows(). */
  parents: Accumulator[];
}

const byCode = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Orders rows by grain, brand, window, source, language, plain before late, then scored before corrected. */
export function compareRollupRows(a: RollupRow, b: RollupRow): number {
  return (
    GRAINS.indexOf(a.grain) - GRAINS.indexOf(b.grain) ||
    byCode(a.brandId, b.brandId) ||
    a.windowStart - b.windowStart ||
    byCode(a.source, b.source) ||
    byCode(a.lang, b.lang) ||
    Number(a.isCorrection) - Number(b.isCorrection) ||
    VERDICTS.indexOf(a.verdict) - VERDICTS.indexOf(b.verdict)
  );
}

function emptyRow(
  grain: Grain,
  brandId: string,
  start: number,
  source: string,
  lang: string,
  correction: boolean,
  verdict: RollupVerdict,
): RollupRow {
  return {
    grain,
    brandId,
    windowStart: start,
    source,
    lang,
    isCorrection: correction,
    verdict,
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

const mergeCounts = (into: Map<string, number>, from: ReadonlyMap<string, number>): void => {
  for (const [key, n] of from) into.set(key, (into.get(key) ?? 0) + n);
};

/** What one mention adds to (sign 1) or takes from (sign -1) its rows. */
interface Contribution {
  brandId: string;
  publishedAt: number;
  source: string;
  lang: string;
  late: boolean;
  verdict: RollupVerdict;
  kind: MentionKind;
  sign: 1 | -1;
  label: SentimentLabel;
  compound: number;
  followers: number;
  likes: number;
  shares: number;
  replies: number;
  /** Added to the row's sketch and top lists when it counts (sketches cannot take one away). */
  author?: bigint;
  terms?: Iterable<string>;
  hashtags?: Iterable<string>;
}

// Every mention adds to three rows (its minute, hour and day). The counts and sums are added to
// each directly, in arrival order; the author sets and term counts only to the minute's, and each
// hour's and day's are its minutes' merged once at the end: the same sets and counts (a term
// counts once per mention either way) for a third of the per-mention work. A row is found by its
// series (brand, source, language, lateness, verdict: one string key per mention) and then its
// window start (a number) per grain.
class RowAccumulator {
  private readonly series = new Map<string, Array<Map<number, Accumulator>>>();
  private readonly all: Accumulator[] = [];

  private accumulator(windows: Map<number, Accumulator>, grain: Grain, start: number, c: Contribution): Accumulator {
    let acc = windows.get(start);
    if (!acc) {
      acc = {
        row: emptyRow(grain, c.brandId, start, c.source, c.lang, c.late, c.verdict),
        authors: new Set(),
        terms: new Map(),
        hashtags: new Map(),
        parents: [],
      };
      windows.set(start, acc);
      this.all.push(acc);
    }
    return acc;
  }

  add(c: Contribution): void {
    const seriesKey = `${c.brandId}\u0000${c.source}\u0000${c.lang}\u0000${c.late ? 1 : 0}\u0000${c.verdict}`;
    let windows = this.series.get(seriesKey);
    if (!windows) {
      windows = GRAINS.map(() => new Map<number, Accumulator>());
      this.series.set(seriesKey, windows);
    }
    const minute = this.accumulator(windows[0] as Map<number, Accumulator>, 'minute', windowStart('minute', c.publishedAt), c);
    if (minute.parents.length === 0)
      minute.parents.push(
        this.accumulator(windows[1] as Map<number, Accumulator>, 'hour', windowStart('hour', c.publishedAt), c),
        this.accumulator(windows[2] as Map<number, Accumulator>, 'day', windowStart('day', c.publishedAt), c),
      );
    addCounts(minute.row, c);
    for (const parent of minute.parents) addCounts(parent.row, c);
    if (c.kind !== 'counted' || c.sign < 0) return;
    if (c.author !== undefined) minute.authors.add(c.author);
    if (c.terms) bump(minute.terms, c.terms);
    if (c.hashtags) bump(minute.hashtags, c.hashtags);
  }

  rows(): RollupRow[] {
    for (const acc of this.all) {
      if (acc.row.grain !== 'minute') continue;
      for (const parent of acc.parents) {
        for (const author of acc.authors) parent.authors.add(author);
        mergeCounts(parent.terms, acc.terms);
        mergeCounts(parent.hashtags, acc.hashtags);
      }
    }
    const rows: RollupRow[] = [];
    for (const acc of this.all) {
      const sketch = authorsSketch(acc.authors);
      acc.row.authorsSketch = sketch;
      acc.row.authorsEstimate = estimateAuthors(sketch);
      acc.row.topTerms = topCounts(acc.terms);
      acc.row.topHashtags = topCounts(acc.hashtags);
      rows.push(acc.row);
    }
    return rows.sort(compareRollupRows);
  }
}

/** The counts and sums one contribution adds to (or takes from) one row. */
function addCounts(row: RollupRow, c: Contribution): void {
  const n = c.sign;
  if (c.kind === 'duplicate') row.duplicates += n;
  else if (c.kind === 'spam') row.spam += n;
  else if (c.kind === 'thread_reply') row.threadReplies += n;
  if (c.kind !== 'counted') return;
  row.mentions += n;
  if (c.label === 'positive') row.positive += n;
  else if (c.label === 'neutral') row.neutral += n;
  else if (c.label === 'negative') row.negative += n;
  row.sentimentSum += n * c.compound;
  row.sentimentSumSq += n * c.compound * c.compound;
  row.reach += n * c.followers;
  row.likes += n * c.likes;
  row.shares += n * c.shares;
  row.replies += n * c.replies;
}

/** The rollup rows of a batch of records, in `compareRollupRows` order. Pure and deterministic. */
export function rollupRows(records: ReadonlyArray<ConsumedRecord<ScoredMention>>, options: RollupOptions): RollupRow[] {
  const lateAfterMs = options.lateAfterMs ?? DEFAULT_LATE_AFTER_MS;
  const thresholds = new Map<string, number>();
  const rows = new RowAccumulator();
  // An author's hash (SHA-256) once per flush: authors post many times.
  const authors = new Map<string, bigint>();
  const authorOf = (source: string, handle: string): bigint => {
    const key = `${source}\u0000${handle}`;
    let hash = authors.get(key);
    if (hash === undefined) {
      hash = authorHash(source, handle);
      authors.set(key, hash);
    }
    return hash;
  };
  for (const record of records) {
    const m = record.value;
    let threshold = thresholds.get(m.brandId);
    if (threshold === undefined) {
      threshold = options.spamThresholdOf(m.brandId);
      thresholds.set(m.brandId, threshold);
    }
    const kind = mentionKind(m, threshold);
    const text = m.title === null ? m.text : `${m.title}\n${m.text}`;
    rows.add({
      brandId: m.brandId,
      publishedAt: m.publishedAt,
      source: m.source,
      lang: rollupLang(m),
      late: isCorrection(m, lateAfterMs),
      verdict: 'scored',
      kind,
      sign: 1,
      label: m.sentiment.label,
      compound: m.sentiment.compound,
      followers: m.author.followers ?? 0,
      likes: m.engagement.likes,
      shares: m.engagement.shares,
      replies: m.engagement.replies,
      ...(kind === 'counted' ? { author: authorOf(m.source, m.author.handle), ...termsAndHashtagsOf(text) } : {}),
    });
  }
  return rows.rows();
}

/**
 * The rollup rows of a batch of verdict corrections: for each, minus the rows its mention added
 * as it counted before, plus the rows it adds as it counts now, under the correction's `verdict`.
 * A mention that comes to count adds its author to the sketch; one that stops counting cannot be
 * taken out of it (a sketch only grows), and neither moves top terms (the correction carries no
 * text): those two columns stay as first scored.
 */
export function correctionRows(
  records: ReadonlyArray<ConsumedRecord<VerdictCorrection>>,
  options: Pick<RollupOptions, 'lateAfterMs'> & { onUnknown?: (correction: VerdictCorrection) => void } = {},
): RollupRow[] {
  const lateAfterMs = options.lateAfterMs ?? DEFAULT_LATE_AFTER_MS;
  const rows = new RowAccumulator();
  for (const record of records) {
    const c = record.value;
    // A kind or label this version does not know (the fields are open strings): half a move would
    // leave the columns off by one, so none of it is rolled up; the archive still keeps it.
    if (!KINDS.has(c.fromKind) || !KINDS.has(c.toKind) || !LABELS.has(c.fromSentiment) || !LABELS.has(c.toSentiment)) {
      options.onUnknown?.(c);
      continue;
    }
    const common = {
      brandId: c.brandId,
      publishedAt: c.publishedAt,
      source: c.source,
      lang: c.lang,
      late: isCorrection(c, lateAfterMs),
      verdict: c.by,
      compound: c.compound,
      followers: c.followers ?? 0,
      likes: c.likes,
      shares: c.shares,
      replies: c.replies,
    };
    rows.add({ ...common, kind: c.fromKind, sign: -1, label: c.fromSentiment });
    rows.add({ ...common, kind: c.toKind, sign: 1, label: c.toSentiment, author: authorHash(c.source, c.authorHandle) });
  }
  return rows.rows();
}
