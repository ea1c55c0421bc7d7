// POST /api/v1/brands/{id}/corrections: the correction form's endpoint. It makes the correction
// exactly as `sl correct` does (@sl/rollups' prepareTeamCorrection: the mention's current verdict
// from the brand's archive, then a VerdictCorrection `by: 'team'`) and hands it to the sender the
// service wired (the project's Kafka producer, on mentions.corrections); the aggregation worker
// then rolls it up like any other. GET …/corrections?mention= says where a mention's corrections
// stand: the latest archived, and the one sent from here and not archived yet.
import type { SentimentLabel, VerdictCorrection } from '@sl/contracts';
import { prepareTeamCorrection } from '@sl/rollups';
import { z } from 'zod';
import { ApiError, badRequest } from './api-error.ts';
import { type FeedCorrection, feedCorrectionOf, readLatestCorrection } from './conversation-widgets.ts';
import type { DashboardStore } from './dashboard-store.ts';
import type { SentCorrections } from './sent-corrections.ts';

/** Sends a correction to mentions.corrections; the service wires it to its Kafka producer. */
export interface CorrectionSender {
  /** The topic written, for messages. */
  readonly topic: string;
  send(correction: VerdictCorrection): Promise<void>;
}

const SENTIMENTS = ['positive', 'neutral', 'negative'] as const;
/** What the team may set (thread replies stay what the thread says): @sl/rollups' TEAM_KINDS. */
const KINDS = ['counted', 'spam', 'duplicate'] as const;

export const MAX_REASON_LENGTH = 500;

const correctionBody = z
  .object(
    {
      mentionId: z
        .string({ error: 'mentionId is required: the mention id as the feed gives it (source:sourceId)' })
        .trim()
        .min(1, 'mentionId is empty')
        .max(300, 'mentionId is longer than 300 characters'),
      sentiment: z.enum(SENTIMENTS, { error: `sentiment must be ${SENTIMENTS.join(', ')}` }).optional(),
      kind: z.enum(KINDS, { error: `kind must be ${KINDS.join(', ')}` }).optional(),
      reason: z
        .string({ error: 'reason is required: the archive keeps why a verdict was changed' })
        .trim()
        .min(1, 'reason is empty: the archive keeps why a verdict was changed')
        .max(MAX_REASON_LENGTH, `reason is longer than ${MAX_REASON_LENGTH} characters`),
    },
    { error: 'the body must be a JSON object: {"mentionId", "sentiment" and/or "kind", "reason"}' },
  )
  .strict()
  .refine((body) => body.sentiment !== undefined || body.kind !== undefined, {
    error: 'give sentiment or kind (or both): what the mention should count as',
  });

export type CorrectionBody = z.infer<typeof correctionBody>;

/** The request body as a correction request, or a 400 naming every field that is wrong. */
export function parseCorrectionBody(value: unknown): CorrectionBody {
  const parsed = correctionBody.safeParse(value);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((issue) =>
    issue.code === 'unrecognized_keys' ? `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.join(', ')}` : issue.message,
  );
  throw badRequest(`not a correction: ${issues.join('; ')}`);
}

export interface SubmitCorrectionOptions {
  store: DashboardStore;
  brandId: string;
  body: CorrectionBody;
  sender: CorrectionSender | undefined;
  sent: SentCorrections;
  /** Wall clock, epoch ms. @default Date.now() */
  now?: number;
}

/** Whether the brand's correction archive holds correction `id` (of a mention published at `publishedAt`). */
async function archived(store: DashboardStore, brandId: string, correction: VerdictCorrection): Promise<boolean> {
  // The archive's date is the mention's publication date (UTC).
  const date = new Date(correction.publishedAt).toISOString().slice(0, 10);
  if (!store.hasFiles('corrections', { brand: brandId, date })) return false;
  const rows = await store.rows(
    `SELECT 1 AS found FROM ${store.relation('corrections', { brand: brandId, date })} WHERE id = $id LIMIT 1`,
    { id: correction.id },
  );
  return rows.length > 0;
}

/** Makes and sends the team's correction; every refusal is an ApiError with a message a person can act on. */
export async function submitCorrection(options: SubmitCorrectionOptions): Promise<VerdictCorrection> {
  const { store, brandId, body, sender, sent } = options;
  if (sender === undefined) {
    throw new ApiError(
      'UNAVAILABLE',
      'this dashboard has no Kafka configured (no KAFKA_BROKERS): a correction is a record on mentions.corrections; start it with KAFKA_BROKERS, or use sl correct',
    );
  }
  const inFlight = sent.pending(brandId, body.mentionId);
  if (inFlight !== undefined) {
    if (await archived(store, brandId, inFlight)) sent.settle(brandId, body.mentionId, inFlight.id);
    else
      throw new ApiError(
        'CONFLICT',
        `${body.mentionId} has a correction in flight (${inFlight.id}, sent ${new Date(inFlight.correctedAt).toISOString()}): the aggregation worker has not archived it yet; correct again once the card shows it, or the rollups would move the mention twice`,
      );
  }
  const outcome = await prepareTeamCorrection({
    brandId,
    mentionId: body.mentionId,
    change: {
      ...(body.kind === undefined ? {} : { kind: body.kind }),
      ...(body.sentiment === undefined ? {} : { sentiment: body.sentiment as SentimentLabel }),
      reason: body.reason,
      at: options.now ?? Date.now(),
    },
    readRows: (sql) => store.rows(sql),
    relations: {
      conversations: store.relation('conversations', { brand: brandId }),
      corrections: store.relation('corrections', { brand: brandId }),
    },
    readFrom: store.folder('conversations'),
  });
  if ('refused' in outcome) throw new ApiError(outcome.refused === 'not_found' ? 'NOT_FOUND' : 'CONFLICT', outcome.message);
  try {
    await sender.send(outcome.correction);
  } catch (error) {
    throw new ApiError('UNAVAILABLE', `could not send the correction to ${sender.topic}: ${(error as Error).message}; try again`, {
      cause: error,
    });
  }
  sent.add(outcome.correction);
  return outcome.correction;
}

export interface CorrectionState {
  brand: string;
  mention: string;
  /** The latest correction the archive holds (the engine's or the team's); null: none. */
  latest: FeedCorrection | null;
  /** The team's correction sent from this dashboard that the archive does not show yet. */
  sent: FeedCorrection | null;
}

/** Where a mention's corrections stand: the page asks until the one it sent is archived (and so rolled up). */
export async function readCorrectionState(
  store: DashboardStore,
  brandId: string,
  mentionId: string,
  sent: SentCorrections,
): Promise<CorrectionState> {
  if (mentionId.trim() === '') throw badRequest('mention is required: …/corrections?mention=<source:sourceId>');
  const latest = await readLatestCorrection(store, brandId, mentionId);
  if (latest !== null) sent.settle(brandId, mentionId, latest.id);
  const pending = sent.pending(brandId, mentionId);
  return { brand: brandId, mention: mentionId, latest, sent: pending === undefined ? null : feedCorrectionOf(pending) };
}

/** Feed items with the correction sent from here and not archived yet; an archived one stops being "sent". */
export function markSent<T extends { id: string; corrected: FeedCorrection | null; sent: FeedCorrection | null }>(
  brandId: string,
  items: readonly T[],
  sent: SentCorrections,
): T[] {
  return items.map((item) => {
    if (item.corrected !== null) sent.settle(brandId, item.id, item.corrected.id);
    const pending = sent.pending(brandId, item.id);
    return pending === undefined ? item : { ...item, sent: feedCorrectionOf(pending) };
  });
}
