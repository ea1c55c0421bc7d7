// Per-day author aggregates: one row per (brand, UTC day of publishedAt, source, author handle)
// over the counted mentions of one flush, so the dashboard's top authors add rows up instead of
// grouping every archived mention. Like the rollups they are additive: several flushes' rows for
// one author and day simply add up (counts and sums; the name and followers by max).
//
// One flush writes at most `maxAuthorsPerDay` author rows per brand and day; the rest are folded
// into one explicit "others" row (counts summed, `authors` saying how many, `max_mentions` the
// largest of them), reported to the caller, which counts and logs it: nothing is dropped.
import type { ScoredMention } from '@sl/contracts';
import type { ConsumedRecord } from '@sl/kafka';
import { type ClassifyOptions, mentionKind } from './classify.ts';
import { addCompensated, type CompensatedSum, compensatedSum, compensatedTotal } from './compensated-sum.ts';
import { GRAIN_MS } from './rollup-rows.ts';

/** Author rows one flush writes per brand and day before folding the rest. @default 10_000 */
export const DEFAULT_MAX_AUTHORS_PER_DAY = 10_000;

export interface AuthorDayRow {
  brandId: string;
  /** UTC midnight of the mentions' publication day, epoch ms. */
  day: number;
  /** null on the "others" row. */
  source: string | null;
  /** The handle as on the mention (the archive's grouping key); null on the "others" row. */
  authorHandle: string | null;
  /** The largest name the author's mentions carried (as DuckDB's max over strings); null when none. */
  authorName: string | null;
  /** The largest follower count on the author's mentions; null when none said. */
  followers: number | null;
  mentions: number;
  likes: number;
  shares: number;
  replies: number;
  sentimentSum: number;
  isOthers: boolean;
  /** Authors the row stands for: 1, or how many the "others" row folds. */
  authors: number;
  /** The most mentions one of those authors has in the row (the row's own on an author row). */
  maxMentions: number;
}

/** What a flush folded into one "others" row. */
export interface FoldedAuthors {
  brandId: string;
  day: number;
  authors: number;
  mentions: number;
}

export interface AuthorDayOptions extends Pick<ClassifyOptions, 'spamThresholdOf'> {
  /** @default DEFAULT_MAX_AUTHORS_PER_DAY */
  maxAuthorsPerDay?: number;
  onFolded?: (folded: FoldedAuthors) => void;
}

// DuckDB compares VARCHARs byte by byte (UTF-8); JavaScript's < compares UTF-16 units, which
// orders some characters differently. Names are maxed as DuckDB would, so both agree.
const utf8Compare = (a: string, b: string): number => Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));

const maxName = (a: string | null, b: string | null): string | null => (a === null ? b : b === null ? a : utf8Compare(a, b) >= 0 ? a : b);
const maxFollowers = (a: number | null, b: number | null): number | null => (a === null ? b : b === null ? a : Math.max(a, b));

/** The dashboard's order: most mentions, then most followers (none last), then handle and source. */
export function compareAuthorRows(a: AuthorDayRow, b: AuthorDayRow): number {
  return (
    b.mentions - a.mentions ||
    (b.followers ?? -1) - (a.followers ?? -1) ||
    utf8Compare(a.authorHandle ?? '', b.authorHandle ?? '') ||
    utf8Compare(a.source ?? '', b.source ?? '')
  );
}

function othersRow(brandId: string, day: number, folded: readonly AuthorDayRow[]): AuthorDayRow {
  const row: AuthorDayRow = {
    brandId,
    day,
    source: null,
    authorHandle: null,
    authorName: null,
    followers: null,
    mentions: 0,
    likes: 0,
    shares: 0,
    replies: 0,
    sentimentSum: 0,
    isOthers: true,
    authors: folded.length,
    maxMentions: 0,
  };
  const sentiment = compensatedSum();
  for (const r of folded) {
    addCompensated(sentiment, r.sentimentSum);
    row.mentions += r.mentions;
    row.likes += r.likes;
    row.shares += r.shares;
    row.replies += r.replies;
    row.maxMentions = Math.max(row.maxMentions, r.mentions);
  }
  row.sentimentSum = compensatedTotal(sentiment);
  return row;
}

/**
 * The author rows of a batch, grouped per brand and day (key `brand\u0000day`), each group in
 * `compareAuthorRows` order with its "others" row last. Pure and deterministic: the same records
 * give the same rows, so a flush rewritten after a crash writes the same bytes.
 */
export function authorDayRows(
  records: ReadonlyArray<ConsumedRecord<ScoredMention>>,
  options: AuthorDayOptions,
): Map<string, AuthorDayRow[]> {
  const cap = options.maxAuthorsPerDay ?? DEFAULT_MAX_AUTHORS_PER_DAY;
  const byAuthor = new Map<string, AuthorDayRow>();
  const sentiment = new Map<AuthorDayRow, CompensatedSum>();
  for (const record of records) {
    const m = record.value;
    if (mentionKind(m, options.spamThresholdOf(m.brandId)) !== 'counted') continue;
    const day = Math.floor(m.publishedAt / GRAIN_MS.day) * GRAIN_MS.day;
    const id = `${m.brandId}\u0000${day}\u0000${m.source}\u0000${m.author.handle}`;
    let row = byAuthor.get(id);
    if (row === undefined) {
      row = {
        brandId: m.brandId,
        day,
        source: m.source,
        authorHandle: m.author.handle,
        authorName: null,
        followers: null,
        mentions: 0,
        likes: 0,
        shares: 0,
        replies: 0,
        sentimentSum: 0,
        isOthers: false,
        authors: 1,
        maxMentions: 0,
      };
      byAuthor.set(id, row);
      sentiment.set(row, compensatedSum());
    }
    row.authorName = maxName(row.authorName, m.author.name);
    row.followers = maxFollowers(row.followers, m.author.followers);
    row.mentions += 1;
    row.maxMentions = row.mentions;
    row.likes += m.engagement.likes;
    row.shares += m.engagement.shares;
    row.replies += m.engagement.replies;
    addCompensated(sentiment.get(row) as CompensatedSum, m.sentiment.compound);
  }
  for (const [row, sum] of sentiment) row.sentimentSum = compensatedTotal(sum);
  const groups = new Map<string, AuthorDayRow[]>();
  for (const row of byAuthor.values()) {
    const key = `${row.brandId}\u0000${row.day}`;
    const group = groups.get(key) ?? [];
    group.push(row);
    groups.set(key, group);
  }
  for (const [key, rows] of groups) {
    rows.sort(compareAuthorRows);
    if (rows.length <= cap) continue;
    const first = rows[0] as AuthorDayRow;
    const others = othersRow(first.brandId, first.day, rows.slice(cap));
    options.onFolded?.({ brandId: first.brandId, day: first.day, authors: others.authors, mentions: others.mentions });
    groups.set(key, [...rows.slice(0, cap), others]);
  }
  return groups;
}
