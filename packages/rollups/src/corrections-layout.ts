// The aggregation sink's layout for mentions.corrections: each flush of one partition becomes
// correction rows of the rollups — in the same folders as the scored rows, so `rollups` sums
// them together, in files named `corrections-<partition>-<first>-<last>.parquet` so they never
// meet a scored flush's name — and one correction archive file per (brand, publication date).
import { type SinkFile, type SinkLayout, utcDate } from '@sl/archive';
import type { VerdictCorrection } from '@sl/contracts';
import type { ConsumedRecord } from '@sl/kafka';
import { encodeCorrections } from './correction-parquet.ts';
import { CORRECTIONS_PREFIX, correctionKey, ROLLUPS_PREFIX, rollupKey } from './object-names.ts';
import { encodeRollupRows } from './rollup-parquet.ts';
import type { ChainedCorrection, CorrectionChain } from './correction-chain.ts';
import { correctionRows, type RollupRow } from './rollup-rows.ts';

export interface CorrectionsLayoutOptions {
  /** As the scored rollups: a correction's rows are late (is_correction) by its mention's own timestamps. */
  lateAfterMs?: number;
  /** @default ROLLUPS_PREFIX */
  rollupsPrefix?: string;
  /** @default CORRECTIONS_PREFIX */
  correctionsPrefix?: string;
  /** Told of a correction whose kind or label this version does not know: archived, not rolled up. */
  onUnknown?: (correction: VerdictCorrection) => void;
  /**
   * Chains each correction onto the ones before it for the same mention (correction-chain.ts): a
   * team correction made from a stale archive, or an engine one after the team's, is rolled up and
   * archived as the chain resolves it. Without one, every correction is taken as written.
   */
  chain?: CorrectionChain;
  /** Told of a correction the chain changed (as sent, and as rolled up). */
  onChained?: (sent: VerdictCorrection, resolved: ChainedCorrection) => void;
}

/** File-name stem of correction rows in the rollups' folders. */
export const CORRECTION_ROWS_STEM = 'corrections';

export function correctionsLayout(options: CorrectionsLayoutOptions = {}): SinkLayout<VerdictCorrection> {
  return {
    // The live heap a buffered correction takes, for the sink's memory budget: about 700 bytes of
    // objects and short strings, its ids, handle and reason at up to two bytes a character
    // (910 B measured against 894 estimated, bench/flush-cost.ts).
    sizeOf: ({ value: c }) => 700 + 2 * (c.id.length + c.mentionId.length + c.authorHandle.length + c.reason.length),
    *files(sent, range): Iterable<SinkFile> {
      if (sent.length === 0) return;
      // In offset order, each resolved against the ones before it (a retried flush resolves the same way).
      const records = options.chain
        ? sent.map((record) => {
            const resolved = (options.chain as CorrectionChain).resolve(record.partition, record.offset, record.value);
            if (resolved.change === 'none') return record;
            options.onChained?.(record.value, resolved);
            return { ...record, value: resolved.correction };
          })
        : sent;
      const encoders = new Map<string, () => SinkFile>();
      const rollupGroups = new Map<string, RollupRow[]>();
      const rows = correctionRows(records, {
        ...(options.lateAfterMs === undefined ? {} : { lateAfterMs: options.lateAfterMs }),
        ...(options.onUnknown === undefined ? {} : { onUnknown: options.onUnknown }),
      });
      for (const row of rows) {
        const key = rollupKey({
          prefix: options.rollupsPrefix ?? ROLLUPS_PREFIX,
          grain: row.grain,
          brandId: row.brandId,
          date: utcDate(row.windowStart),
          stem: CORRECTION_ROWS_STEM,
          ...range,
        });
        const group = rollupGroups.get(key) ?? [];
        group.push(row);
        rollupGroups.set(key, group);
      }
      for (const [key, group] of rollupGroups) encoders.set(key, () => ({ key, body: encodeRollupRows(group, range), rows: group.length }));

      const archiveGroups = new Map<string, ConsumedRecord<VerdictCorrection>[]>();
      for (const record of records) {
        const c = record.value;
        const key = correctionKey({
          prefix: options.correctionsPrefix ?? CORRECTIONS_PREFIX,
          brandId: c.brandId,
          date: utcDate(c.publishedAt),
          ...range,
        });
        const group = archiveGroups.get(key) ?? [];
        group.push(record);
        archiveGroups.set(key, group);
      }
      for (const [key, group] of archiveGroups) encoders.set(key, () => ({ key, body: encodeCorrections(group), rows: group.length }));

      // The rollup rows first, the archive last: the sink uploads in this order, so a correction
      // readable in `corrections` has its rows in `rollups` too (the dashboard waits for that).
      const order = (key: string) => (key.startsWith(`${options.correctionsPrefix ?? CORRECTIONS_PREFIX}/`) ? 1 : 0);
      for (const key of [...encoders.keys()].sort((a, b) => order(a) - order(b) || (a < b ? -1 : a > b ? 1 : 0)))
        yield (encoders.get(key) as () => SinkFile)();
    },
  };
}
