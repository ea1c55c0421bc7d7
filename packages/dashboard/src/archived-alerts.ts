// The inbox's history beyond the alert topics' retention (and beyond the newest 1,000 the hub
// holds): the brand's alerts from the alert archive (`alerts/v1/brand=<id>/…`, the `alerts` view
// of `sl query`), newest first, without the ones the hub already holds.
import type { Alert, AlertKind, AlertSeverity, InfluenceScore } from '@sl/contracts';
import { type DashboardStore, num } from './dashboard-store.ts';

/** An archived alert as the API sends it: the record, its Kafka position, and where it came from. */
export type ArchivedAlert = Alert & { position: { partition: number; offset: string }; archived: true };

const parseJson = <T>(value: unknown, fallback: T): T => (typeof value === 'string' ? (JSON.parse(value) as T) : fallback);

/**
 * At most `limit` archived alerts of the brand whose ids are not in `held`, newest created first.
 * An id archived twice (the topic replayed) is shown once, at its first position.
 */
export async function readArchivedAlerts(store: DashboardStore, brandId: string, held: ReadonlySet<string>, limit: number): Promise<ArchivedAlert[]> {
  const relation = store.relation('alerts', { brand: brandId });
  // The held ones are left out after the query: asking for limit + held.size keeps the page full.
  const rows = await store.rows(
    `SELECT id, kind, severity, epoch_ms(window_start) AS window_start, epoch_ms(window_end) AS window_end, observed, expected,
            mention_ids::VARCHAR AS mention_ids, sample_texts::VARCHAR AS sample_texts, explanation, epoch_ms(created_at) AS created_at,
            author, url, sentiment, influence::VARCHAR AS influence, historical, kafka_partition, kafka_offset::VARCHAR AS kafka_offset
       FROM ${relation}
      QUALIFY row_number() OVER (PARTITION BY id ORDER BY kafka_partition, kafka_offset) = 1
      ORDER BY created_at DESC, id DESC
      LIMIT $n`,
    { n: limit + held.size },
  );
  return rows
    .filter((row) => !held.has(String(row.id)))
    .slice(0, limit)
    .map((row) => ({
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
    }));
}
