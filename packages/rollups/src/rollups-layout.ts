// The aggregation sink's layout: every file of one flush of one Kafka partition — a rollup file
// per (grain, brand, window date) and a conversation file per (brand, published date) — named
// from the flush's offset range, so a rewritten flush replaces the same objects byte for byte.
import { type SinkFile, type SinkLayout, utcDate } from '@sl/archive';
import type { ScoredMention } from '@sl/contracts';
import type { ConsumedRecord } from '@sl/kafka';
import type { ClassifyOptions } from './classify.ts';
import { encodeConversations } from './conversation-parquet.ts';
import { CONVERSATIONS_PREFIX, conversationKey, ROLLUPS_PREFIX, rollupKey } from './object-names.ts';
import { encodeRollupRows } from './rollup-parquet.ts';
import { type RollupRow, rollupRows } from './rollup-rows.ts';

export interface RollupsLayoutOptions extends ClassifyOptions {
  /** @default ROLLUPS_PREFIX */
  rollupsPrefix?: string;
  /** @default CONVERSATIONS_PREFIX */
  conversationsPrefix?: string;
}

export function rollupsLayout(options: RollupsLayoutOptions): SinkLayout<ScoredMention> {
  const classify: ClassifyOptions = {
    spamThresholdOf: options.spamThresholdOf,
    ...(options.lateAfterMs === undefined ? {} : { lateAfterMs: options.lateAfterMs }),
  };
  return {
    sizeOf: (record) => {
      const m = record.value;
      return (
        400 + m.text.length + (m.title?.length ?? 0) + (m.url?.length ?? 0) + 32 * (m.sentiment.drivers.length + m.matchedTerms.length)
      );
    },
    *files(records, range): Iterable<SinkFile> {
      if (records.length === 0) return;
      // A threshold read once per brand per flush: the whole flush sees one brand config.
      const thresholds = new Map<string, number>();
      const thresholdOf = (brandId: string): number => {
        let value = thresholds.get(brandId);
        if (value === undefined) {
          value = options.spamThresholdOf(brandId);
          thresholds.set(brandId, value);
        }
        return value;
      };
      const flushClassify: ClassifyOptions = { ...classify, spamThresholdOf: thresholdOf };
      // Grouping is cheap; encoding is not. Files are encoded one at a time as the sink asks for
      // them, so the sink can upload (and the event loop heartbeat) between them.
      const encoders = new Map<string, () => SinkFile>();

      const rollupGroups = new Map<string, RollupRow[]>();
      for (const row of rollupRows(records, flushClassify)) {
        const key = rollupKey({
          prefix: options.rollupsPrefix ?? ROLLUPS_PREFIX,
          grain: row.grain,
          brandId: row.brandId,
          date: utcDate(row.windowStart),
          ...range,
        });
        const group = rollupGroups.get(key) ?? [];
        group.push(row);
        rollupGroups.set(key, group);
      }
      for (const [key, rows] of rollupGroups) encoders.set(key, () => ({ key, body: encodeRollupRows(rows, range), rows: rows.length }));

      const conversationGroups = new Map<string, ConsumedRecord<ScoredMention>[]>();
      for (const record of records) {
        const m = record.value;
        const key = conversationKey({
          prefix: options.conversationsPrefix ?? CONVERSATIONS_PREFIX,
          brandId: m.brandId,
          date: utcDate(m.publishedAt),
          ...range,
        });
        const group = conversationGroups.get(key) ?? [];
        group.push(record);
        conversationGroups.set(key, group);
      }
      for (const [key, group] of conversationGroups)
        encoders.set(key, () => ({ key, body: encodeConversations(group, flushClassify), rows: group.length }));

      for (const key of [...encoders.keys()].sort()) yield (encoders.get(key) as () => SinkFile)();
    },
  };
}
