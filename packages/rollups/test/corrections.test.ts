import { kindCorrection, type VerdictCorrection } from '@sl/contracts';
import type { ConsumedRecord } from '@sl/kafka';
import { describe, expect, it } from 'vitest';
import { analystView, viewRelation } from '../src/analyst-views.ts';
import { correctionsLayout } from '../src/corrections-layout.ts';
import { correctionRows, rollupRows } from '../src/rollup-rows.ts';
import { rollupsLayout } from '../src/rollups-layout.ts';
import { duckdb, HOUR, MINUTE, records, scored, spamThresholdOf, T0, tempDir, writeFiles } from './rollup-fixtures.ts';

// Three mentions of acme in one minute, as the enricher scored them in the order it read them:
// m2 was read first and counted, m1 (published earlier) marked its copy; m3 is counted.
const m1 = scored({ n: 1, publishedAt: T0 + 1_000, compound: -0.6, handle: 'early', isDuplicate: true });
const m2 = scored({ n: 2, publishedAt: T0 + 2_000, compound: -0.6, handle: 'late' });
const m3 = scored({ n: 3, publishedAt: T0 + 3_000, compound: 0.5, handle: 'other' });
const asScored = records(0, 0, [m1, m2, m3]);
// The engine, in publication order: m1 is the original, m2 the copy.
const fix: VerdictCorrection[] = [
  kindCorrection(m1, { by: 'event_time', fromKind: 'duplicate', toKind: 'counted', reason: 'the earliest published of its copies', correctedAt: m1.publishedAt }),
  kindCorrection(m2, { by: 'event_time', fromKind: 'counted', toKind: 'duplicate', reason: `a copy of ${m1.id}, published earlier`, correctedAt: m2.publishedAt }),
];
const asCorrections = fix.map((value, i): ConsumedRecord<VerdictCorrection> => ({ topic: 'mentions.corrections', partition: 0, offset: String(i), key: Buffer.from('acme'), value, headers: {}, timestamp: 0 }));

describe('verdict corrections in the rollups', () => {
  it('take away what the mention added as first counted and add what it adds as corrected, under their verdict', () => {
    const rows = correctionRows(asCorrections).filter((r) => r.grain === 'minute');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ brandId: 'acme', verdict: 'event_time', isCorrection: false, mentions: 0, duplicates: 0, positive: 0, neutral: 0, negative: 0, reach: (m1.author.followers ?? 0) - (m2.author.followers ?? 0) });
    // Net zero counts here (one in, one out, same sentiment); a lone correction moves one mention.
    const [only] = correctionRows(asCorrections.slice(0, 1)).filter((r) => r.grain === 'hour');
    expect(only).toMatchObject({ mentions: 1, duplicates: -1, negative: 1, sentimentSum: -0.6, likes: m1.engagement.likes, verdict: 'event_time' });
    expect(only?.authorsSketch).toHaveLength(1);
  });

  it('sum with the scored rows to the corrected counts in sl query', async () => {
    const scoredRows = rollupRows(asScored, { spamThresholdOf }).filter((r) => r.grain === 'minute');
    expect(scoredRows.map((r) => [r.mentions, r.duplicates, r.negative])).toEqual([[2, 1, 1]]);
    const { dir, dispose } = await tempDir();
    const db = await duckdb();
    try {
      await writeFiles(dir, [...rollupsLayout({ spamThresholdOf }).files(asScored, { partition: 0, firstOffset: '0', lastOffset: '2' })]);
      const files = [...correctionsLayout().files(asCorrections, { partition: 0, firstOffset: '0', lastOffset: '1' })];
      // Correction rows sit beside the scored ones (the rollups view sums both), under their own names;
      // the archive file comes last, so what `corrections` shows is rolled up.
      expect(files.map((f) => f.key)).toEqual([
        'rollups/v1/grain=day/brand=acme/date=2024-05-01/corrections-0-0-1.parquet',
        'rollups/v1/grain=hour/brand=acme/date=2024-05-01/corrections-0-0-1.parquet',
        'rollups/v1/grain=minute/brand=acme/date=2024-05-01/corrections-0-0-1.parquet',
        'corrections/v1/brand=acme/date=2024-05-01/part-0-0-1.parquet',
      ]);
      await writeFiles(dir, files);
      const rollups = viewRelation(dir, analystView('rollups'));
      const sums = await db.rows(
        `SELECT verdict, sum(mentions)::INT AS mentions, sum(duplicates)::INT AS duplicates, sum(negative)::INT AS negative FROM ${rollups} WHERE grain = 'minute' GROUP BY ALL ORDER BY verdict`,
      );
      expect(sums).toEqual([
        { verdict: 'event_time', mentions: 0, duplicates: 0, negative: 0 },
        { verdict: 'scored', mentions: 2, duplicates: 1, negative: 1 },
      ]);
      const archive = await db.rows(`SELECT mention_id, "by", from_kind, to_kind, reason, brand FROM ${viewRelation(dir, analystView('corrections'))} ORDER BY mention_id`);
      expect(archive).toEqual([
        { mention_id: m1.id, by: 'event_time', from_kind: 'duplicate', to_kind: 'counted', reason: 'the earliest published of its copies', brand: 'acme' },
        { mention_id: m2.id, by: 'event_time', from_kind: 'counted', to_kind: 'duplicate', reason: `a copy of ${m1.id}, published earlier`, brand: 'acme' },
      ]);
    } finally {
      db.close();
      await dispose();
    }
  });

  it('roll up nothing of a correction whose kind or label is unknown, and say so', () => {
    const odd = { ...(fix[0] as VerdictCorrection), toKind: 'quarantined' as VerdictCorrection['toKind'] };
    const told: string[] = [];
    const rows = correctionRows([asCorrections[1] as ConsumedRecord<VerdictCorrection>, { ...(asCorrections[0] as ConsumedRecord<VerdictCorrection>), value: odd }], { onUnknown: (c) => told.push(c.id) });
    expect(told).toEqual([odd.id]);
    // Only the other correction moved: m2 left mentions for duplicates.
    expect(rows.filter((r) => r.grain === 'day').map((r) => [r.mentions, r.duplicates])).toEqual([[-1, 1]]);
  });

  it('are late rows when the mention came late, like its scored rows', () => {
    const late = scored({ n: 9, publishedAt: T0 + 5 * MINUTE, delay: 2 * HOUR });
    const correction = kindCorrection(late, { by: 'event_time', fromKind: 'counted', toKind: 'duplicate', reason: 'x', correctedAt: 0 });
    const rows = correctionRows([{ topic: 't', partition: 0, offset: '0', key: null, value: correction, headers: {}, timestamp: 0 }]);
    expect(rows.every((r) => r.isCorrection)).toBe(true);
    expect(rollupRows(records(0, 0, [late]), { spamThresholdOf }).every((r) => r.isCorrection)).toBe(true);
  });
});
