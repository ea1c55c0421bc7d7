// The aggregation sink's layout: every file of one flush of one Kafka partition — a rollup file
// per (grain, brand, window date), and per (brand, published date) a conversation file, an
// author_days file and a driver_days file — named from the flush's offset range, so a rewritten
// flush replaces the same objects byte for byte.
import { type SinkFile, type SinkLayout, utcDate } from '@sl/archive';
import type { ScoredMention } from '@sl/contracts';
import type { ConsumedRecord } from '@sl/kafka';
import type { ClassifyOptions } from './classify.ts';
import { encodeAuthorDays } from './author-day-parquet.ts';
import { authorDayRows, type FoldedAuthors } from './author-day-rows.ts';
import { encodeBrandReplies } from './brand-reply-parquet.ts';
import { brandReplyRows } from './brand-reply-rows.ts';
import { encodeConversations } from './conversation-parquet.ts';
import { encodeDriverDays } from './driver-day-parquet.ts';
import { driverDayRows } from './driver-day-rows.ts';
import {
  AUTHOR_DAYS_PREFIX,
  BRAND_REPLIES_PREFIX,
  CONVERSATIONS_PREFIX,
  conversationKey,
  DRIVER_DAYS_PREFIX,
  dayAggregateKey,
  ROLLUPS_PREFIX,
  rollupKey,
} from './object-names.ts';
import { encodeRollupRows } from './rollup-parquet.ts';
import { type RollupRow, rollupRows, windowStart } from './rollup-rows.ts';

export interface RollupsLayoutOptions extends ClassifyOptions {
  /** @default ROLLUPS_PREFIX */
  rollupsPrefix?: string;
  /** @default CONVERSATIONS_PREFIX */
  conversationsPrefix?: string;
  /** @default AUTHOR_DAYS_PREFIX */
  authorDaysPrefix?: string;
  /** @default DRIVER_DAYS_PREFIX */
  driverDaysPrefix?: string;
  /** @default BRAND_REPLIES_PREFIX */
  brandRepliesPrefix?: string;
  /** The brand's own account handles (brands file, lower case, no @), for brand_replies. @default none */
  handlesOf?: (brandId: string) => readonly string[];
  /** Author rows one flush writes per brand and day; the rest go into one "others" row. @default DEFAULT_MAX_AUTHORS_PER_DAY (10,000) */
  maxAuthorsPerDay?: number;
  /** Told of every "others" row a flush writes (to count and log it); told again if the flush is written again. */
  onAuthorsFolded?: (folded: FoldedAuthors) => void;
}

/**
 * The live heap a buffered scored record takes, for the sink's memory budget: objects and short
 * strings about 1.1 KB, text at up to two bytes a character (V8 keeps a string with any character
 * past U+00FF at two), 64 bytes per list entry. Measured 1,400–1,512 B per record against an
 * estimate of 1,490–1,570 on real posts (bench/flush-cost.ts), so the budget errs high.
 */
export function scoredRecordHeapBytes(m: ScoredMention): number {
  const chars = m.text.length + (m.title?.length ?? 0) + (m.url?.length ?? 0) + m.author.handle.length + (m.author.name?.length ?? 0);
  return 1_100 + 2 * chars + 64 * (m.sentiment.drivers.length + m.matchedTerms.length + m.spamReasons.length);
}

export function rollupsLayout(options: RollupsLayoutOptions): SinkLayout<ScoredMention> {
  const classify: ClassifyOptions = {
    spamThresholdOf: options.spamThresholdOf,
    ...(options.lateAfterMs === undefined ? {} : { lateAfterMs: options.lateAfterMs }),
  };
  return {
    sizeOf: (record) => scoredRecordHeapBytes(record.value),
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

      // Grouped by brand and UTC day (a number), each group's object name made once.
      const conversationGroups = new Map<string, ConsumedRecord<ScoredMention>[]>();
      for (const record of records) {
        const m = record.value;
        const id = `${m.brandId}\u0000${windowStart('day', m.publishedAt)}`;
        const group = conversationGroups.get(id);
        if (group) group.push(record);
        else conversationGroups.set(id, [record]);
      }
      for (const group of conversationGroups.values()) {
        const first = (group[0] as ConsumedRecord<ScoredMention>).value;
        const key = conversationKey({
          prefix: options.conversationsPrefix ?? CONVERSATIONS_PREFIX,
          brandId: first.brandId,
          date: utcDate(first.publishedAt),
          ...range,
        });
        encoders.set(key, () => ({ key, body: encodeConversations(group, flushClassify), rows: group.length }));
      }

      // Per-day author and driver aggregates and the brand's replies: a file for every (brand, date) the flush archives,
      // even one with no counted mention, under the conversation file's own name, so a reader
      // knows which archive files the aggregates cover.
      const authorGroups = authorDayRows(records, {
        spamThresholdOf: thresholdOf,
        ...(options.maxAuthorsPerDay === undefined ? {} : { maxAuthorsPerDay: options.maxAuthorsPerDay }),
        ...(options.onAuthorsFolded === undefined ? {} : { onFolded: options.onAuthorsFolded }),
      });
      const driverGroups = driverDayRows(records, { spamThresholdOf: thresholdOf });
      // Read once per brand per flush, like the spam threshold.
      const handles = new Map<string, readonly string[]>();
      const replyGroups = brandReplyRows(records, (brandId) => {
        let value = handles.get(brandId);
        if (value === undefined) {
          value = options.handlesOf?.(brandId) ?? [];
          handles.set(brandId, value);
        }
        return value;
      });
      const brandDays = new Map<string, { brandId: string; day: number }>();
      for (const record of records) {
        const day = windowStart('day', record.value.publishedAt);
        brandDays.set(`${record.value.brandId}\u0000${day}`, { brandId: record.value.brandId, day });
      }
      for (const [id, { brandId, day }] of brandDays) {
        const where = { brandId, date: utcDate(day), ...range };
        const authorsKey = dayAggregateKey({ prefix: options.authorDaysPrefix ?? AUTHOR_DAYS_PREFIX, ...where });
        const authors = authorGroups.get(id) ?? [];
        encoders.set(authorsKey, () => ({ key: authorsKey, body: encodeAuthorDays(authors, range), rows: authors.length }));
        const driversKey = dayAggregateKey({ prefix: options.driverDaysPrefix ?? DRIVER_DAYS_PREFIX, ...where });
        const drivers = driverGroups.get(id) ?? [];
        encoders.set(driversKey, () => ({ key: driversKey, body: encodeDriverDays(drivers, range), rows: drivers.length }));
        const repliesKey = dayAggregateKey({ prefix: options.brandRepliesPrefix ?? BRAND_REPLIES_PREFIX, ...where });
        const replies = replyGroups.get(id) ?? [];
        encoders.set(repliesKey, () => ({ key: repliesKey, body: encodeBrandReplies(replies, range), rows: replies.length }));
      }

      for (const key of [...encoders.keys()].sort()) yield (encoders.get(key) as () => SinkFile)();
    },
  };
}
