// The inbox's history beyond the alert topics' retention (and beyond the newest 1,000 the hub
// holds): the brand's alerts from the alert archive (`alerts/v1/brand=<id>/…`, the `alerts` view
// of `sl query`), newest first, without the ones the hub already holds.
import type { Alert, AlertKind, AlertSeverity, InfluenceScore } from '@sl/contracts';
import { badRequest } from './api-error.ts';
import { type DashboardStore, num, type Params, type Row } from './dashboard-store.ts';

/** An archived alert as the API sends it: the record, its Kafka position, and where it came from. */
export type ArchivedAlert = Alert & { position: { partition: number; offset: string }; archived: true };

const parseJson = <T>(value: unknown, fallback: T): T => (typeof value === 'string' ? (JSON.parse(value) as T) : fallback);

/** One page of the archive's history, newest raised first; `next` asks for the page after it. */
export interface ArchivedPage {
  archived: ArchivedAlert[];
  /** Pass as `cursor` for the older ones; null when none is left. */
  next: string | null;
}

// The cursor is the last alert shown's (created_at, id): newest first, ties broken by id, so a
// page boundary never repeats or skips an alert, however many are archived meanwhile.
function encodeCursor(createdMs: number, id: string): string {
  return Buffer.from(JSON.stringify([createdMs, id])).toString('base64url');
}

function decodeCursor(cursor: string): { createdMs: number; id: string } {
  try {
    const [createdMs, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [unknown, unknown];
    if (typeof createdMs === 'number' && Number.isInteger(createdMs) && typeof id === 'string') return { createdMs, id };
  } catch {
    // Falls through to the refusal below.
  }
  throw badRequest('cursor is not one this API gave out; start again without it');
}

/**
 * At most `limit` archived alerts of the brand whose ids are not in `held`, newest created first,
 * older than `cursor` when given. An id archived twice (the topic replayed) is shown once, at its
 * first position.
 */
export async function readArchivedAlerts(store: DashboardStore, brandId: string, held: ReadonlySet<string>, limit: number, cursor: string | null = null): Promise<ArchivedPage> {
  const relation = store.relation('alerts', { brand: brandId });
  const after = cursor === null ? null : decodeCursor(cursor);
  const params: Params = { n: limit + held.size + 1 };
  if (after !== null) {
    params.cursor_us = BigInt(after.createdMs) * 1000n;
    params.cursor_id = after.id;
  }
  // The held ones are left out after the query: asking for limit + held.size (+1, to know whether
  // there is a next page) keeps the page full.
  const rows = await store.rows(
    `WITH once AS (
       SELECT * FROM ${relation}
       QUALIFY row_number() OVER (PARTITION BY id ORDER BY kafka_partition, kafka_offset) = 1)
     SELECT id, kind, severity, epoch_ms(window_start) AS window_start, epoch_ms(window_end) AS window_end, observed, expected,
            mention_ids::VARCHAR AS mention_ids, sample_texts::VARCHAR AS sample_texts, explanation, epoch_ms(created_at) AS created_at,
            author, url, sentiment, influence::VARCHAR AS influence, historical, kafka_partition, kafka_offset::VARCHAR AS kafka_offset
       FROM once
      ${after === null ? '' : 'WHERE (created_at < make_timestamp($cursor_us::BIGINT) OR (created_at = make_timestamp($cursor_us::BIGINT) AND id < $cursor_id))'}
      ORDER BY created_at DESC, id DESC
      LIMIT $n`,
    params,
  );
  const shown = rows.filter((row) => !held.has(String(row.id)));
  const page = shown.slice(0, limit);
  const last = page.at(-1);
  return {
    archived: page.map((row) => archivedAlertOf(brandId, row)),
    next: shown.length > limit && last !== undefined ? encodeCursor(num(last.created_at) ?? 0, String(last.id)) : null,
  };
}

function archivedAlertOf(brandId: string, row: Row): ArchivedAlert {
  return {
    id: String(row.id),
    brandId,
    kind: String(row.kind) as AlertKind,
    severity: String(row.severity) as AlertSeverity,
    windowStart: num(row.window_start) ?? 0,
    windowEnd: num(row.window_end) ?? 0,
    observed: num(row.observed) ?? 0,
    expected: num(row.expected) ?? 0,
    mentionIds: parseJson<string[]>(row.mention_ids, []),
    sampleTexts: parseJson<string[]>(row.sample_texts, []),
    explanation: String(row.explanation),
    createdAt: num(row.created_at) ?? 0,
    author: row.author === null ? null : String(row.author),
    url: row.url === null ? null : String(row.url),
    sentiment: num(row.sentiment),
    influence: parseJson<InfluenceScore | null>(row.influence, null),
    historical: row.historical === true,
    position: { partition: num(row.kafka_partition) ?? 0, offset: String(row.kafka_offset) },
    archived: true,
  };
}
