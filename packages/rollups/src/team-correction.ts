// A person on the brand's team correcting how one mention counts (its sentiment, or whether it is
// spam, a copy or a counted mention). The correction is a VerdictCorrection `by: 'team'` on
// mentions.corrections, like the engine's: the rollups change by additive correction rows, the
// mention's scored record and the earlier verdicts stay in the archive, and `verdict = 'team'`
// tells corrected rows from scored ones.
//
// What it corrects from is the mention's current verdict: the conversation archive's record as
// scored, with the latest correction of it (the engine's or an earlier one of the team's) on top.
import type { MentionKind, SentimentLabel, VerdictCorrection } from '@sl/contracts';

const KINDS: readonly MentionKind[] = ['counted', 'duplicate', 'spam', 'thread_reply'];
const LABELS: readonly SentimentLabel[] = ['positive', 'neutral', 'negative'];

/** What the team may set; a thread reply stays one (it is what the thread says, not a verdict). */
export const TEAM_KINDS: readonly MentionKind[] = ['counted', 'duplicate', 'spam'];

/**
 * The mention's current verdict for a brand, as `currentVerdictSql` reads it: what a correction
 * carries of the mention, with the kind and sentiment it counts with now.
 */
export type CurrentVerdict = Omit<VerdictCorrection, 'id' | 'by' | 'fromKind' | 'toKind' | 'fromSentiment' | 'toSentiment' | 'reason' | 'correctedAt'> & {
  kind: MentionKind;
  sentiment: SentimentLabel;
};

const quote = (value: string): string => `'${value.replaceAll("'", "''")}'`;

/**
 * Where `currentVerdictSql` reads: `sl query`'s views by default; the dashboard passes relations
 * pinned to the brand's own partitions (it never opens a view over every brand).
 */
export interface VerdictRelations {
  /** @default conversations */
  conversations: string;
  /** @default corrections */
  corrections: string;
}

const ANALYST_RELATIONS: VerdictRelations = { conversations: 'conversations', corrections: 'corrections' };

/**
 * SQL over the `conversations` and `corrections` views giving the mention's current verdict for the
 * brand (one row, or none when the archive does not hold it): the record that counted first (a
 * re-sent copy of it is a duplicate of itself), then the latest correction on top.
 */
export function currentVerdictSql(brandId: string, mentionId: string, relations: VerdictRelations = ANALYST_RELATIONS): string {
  return `WITH scored AS (
  SELECT id, source, coalesce(detected_lang, lang, 'und') AS lang, epoch_ms(published_at) AS published_at, epoch_ms(ingested_at) AS ingested_at,
         author_handle, author_followers, likes, shares, replies, sentiment_compound, sentiment_label,
         CASE WHEN is_duplicate THEN 'duplicate' WHEN is_spam THEN 'spam' WHEN role = 'thread_reply' THEN 'thread_reply' ELSE 'counted' END AS kind
    FROM ${relations.conversations} WHERE brand = ${quote(brandId)} AND id = ${quote(mentionId)}
   ORDER BY is_duplicate, kafka_partition, kafka_offset LIMIT 1),
latest AS (
  SELECT to_kind, to_sentiment FROM ${relations.corrections} WHERE brand = ${quote(brandId)} AND mention_id = ${quote(mentionId)}
   ORDER BY corrected_at DESC, kafka_partition DESC, kafka_offset DESC LIMIT 1)
SELECT scored.*, latest.to_kind, latest.to_sentiment FROM scored LEFT JOIN latest ON true`;
}

/** The row `currentVerdictSql` answers (DuckDB JSON rows: BIGINT as strings), as a verdict. */
export function currentVerdictOf(brandId: string, row: Record<string, unknown>): CurrentVerdict {
  const num = (value: unknown): number => Number(value ?? 0);
  const kind = String(row.to_kind ?? row.kind);
  const sentiment = String(row.to_sentiment ?? row.sentiment_label);
  if (!KINDS.includes(kind as MentionKind)) throw new RangeError(`unknown kind "${kind}" for ${String(row.id)}`);
  if (!LABELS.includes(sentiment as SentimentLabel)) throw new RangeError(`unknown sentiment "${sentiment}" for ${String(row.id)}`);
  return {
    mentionId: String(row.id),
    brandId,
    source: String(row.source),
    lang: String(row.lang),
    publishedAt: num(row.published_at),
    ingestedAt: num(row.ingested_at),
    authorHandle: String(row.author_handle),
    followers: row.author_followers === null || row.author_followers === undefined ? null : num(row.author_followers),
    likes: num(row.likes),
    shares: num(row.shares),
    replies: num(row.replies),
    compound: num(row.sentiment_compound),
    kind: kind as MentionKind,
    sentiment: sentiment as SentimentLabel,
  };
}

export interface TeamChange {
  kind?: MentionKind;
  sentiment?: SentimentLabel;
  /** Why, in the team's words (required: the archive shows it beside the original verdict). */
  reason: string;
  /** Wall clock, epoch ms. */
  at: number;
}

/** The team's correction of `current`, or an explanation of why there is nothing to correct. */
export function teamCorrection(current: CurrentVerdict, change: TeamChange): { correction: VerdictCorrection } | { unchanged: string } {
  if (change.kind !== undefined && !TEAM_KINDS.includes(change.kind)) return { unchanged: `a mention can be set to ${TEAM_KINDS.join(', ')}, not ${change.kind}` };
  if (change.kind !== undefined && current.kind === 'thread_reply') return { unchanged: `${current.mentionId} is a reply in ${current.brandId}'s threads, not a verdict to correct` };
  const toKind = change.kind ?? current.kind;
  const toSentiment = change.sentiment ?? current.sentiment;
  if (toKind === current.kind && toSentiment === current.sentiment) return { unchanged: `${current.mentionId} already counts as ${current.kind}, ${current.sentiment}` };
  if (change.reason.trim() === '') return { unchanged: 'a correction needs a reason' };
  const { kind, sentiment, ...mention } = current;
  return {
    correction: {
      ...mention,
      id: `team:${current.brandId}:${current.mentionId}:${change.at}`,
      by: 'team',
      fromKind: kind,
      toKind,
      fromSentiment: sentiment,
      toSentiment,
      reason: change.reason.trim(),
      correctedAt: change.at,
    },
  };
}

/** Why a team correction was not made; each way of refusing is told apart for the caller's error. */
export type TeamCorrectionRefusal =
  /** The archive does not hold the mention for that brand (not archived yet, or another brand's). */
  | { refused: 'not_found'; message: string }
  /** The archive's row holds a kind or label this version does not know. */
  | { refused: 'unreadable'; message: string }
  /** Nothing would change, or the change is not one the team may make. */
  | { refused: 'unchanged'; message: string };

export interface PrepareTeamCorrectionOptions {
  brandId: string;
  mentionId: string;
  change: TeamChange;
  /** Runs `currentVerdictSql`'s text and answers its rows (DuckDB JSON rows). */
  readRows: (sql: string) => Promise<ReadonlyArray<Record<string, unknown>>>;
  /** Where the archive is read. @default sl query's views */
  relations?: VerdictRelations;
  /** Named in the not-found message: the folder or bucket read. */
  readFrom: string;
}

/**
 * The whole of a team correction short of sending it, as `sl correct` and the dashboard both make
 * it: the mention's current verdict read from the archive, then the correction of it.
 */
export async function prepareTeamCorrection(options: PrepareTeamCorrectionOptions): Promise<{ correction: VerdictCorrection } | TeamCorrectionRefusal> {
  const { brandId, mentionId } = options;
  const rows = await options.readRows(currentVerdictSql(brandId, mentionId, options.relations));
  const row = rows[0];
  if (row === undefined) return { refused: 'not_found', message: `no mention ${mentionId} of brand ${brandId} in the archive under ${options.readFrom}` };
  let current: CurrentVerdict;
  try {
    current = currentVerdictOf(brandId, row);
  } catch (error) {
    return { refused: 'unreadable', message: `cannot correct ${mentionId}: ${(error as Error).message}` };
  }
  const outcome = teamCorrection(current, options.change);
  return 'unchanged' in outcome ? { refused: 'unchanged', message: `nothing to correct: ${outcome.unchanged}` } : outcome;
}

/** The message a correction is produced as on mentions.corrections: keyed by brand, like the engine's. */
export function correctionMessage(correction: VerdictCorrection): { key: string; value: VerdictCorrection } {
  return { key: correction.brandId, value: correction };
}
