// Deterministic object names for the aggregation sink's files: grain, brand and date are Hive
// partitions; the file name is the flush's Kafka partition and offset range.
import { partFileName, partitionValue } from '@sl/archive';
import type { Grain } from './rollup-rows.ts';

export const ROLLUPS_PREFIX = 'rollups/v1';
export const CONVERSATIONS_PREFIX = 'conversations/v1';
export const CORRECTIONS_PREFIX = 'corrections/v1';
export const AUTHOR_DAYS_PREFIX = 'author-days/v1';
export const DRIVER_DAYS_PREFIX = 'driver-days/v1';
export const BRAND_REPLIES_PREFIX = 'brand-replies/v1';

interface PartOf {
  partition: number;
  firstOffset: string;
  lastOffset: string;
}

/** A flush's file name; `stem` tells apart files of another topic's flushes in the same folder. */
function fileName(options: PartOf & { stem?: string }): string {
  const part = partFileName(options.partition, options.firstOffset, options.lastOffset);
  return options.stem === undefined ? part : part.replace(/^part-/u, `${options.stem}-`);
}

export function rollupKey(options: PartOf & { prefix?: string; grain: Grain; brandId: string; date: string; stem?: string }): string {
  const prefix = options.prefix ?? ROLLUPS_PREFIX;
  return `${prefix}/grain=${options.grain}/brand=${partitionValue(options.brandId)}/date=${options.date}/${fileName(options)}`;
}

export function correctionKey(options: PartOf & { prefix?: string; brandId: string; date: string }): string {
  const prefix = options.prefix ?? CORRECTIONS_PREFIX;
  return `${prefix}/brand=${partitionValue(options.brandId)}/date=${options.date}/${fileName(options)}`;
}

export function conversationKey(options: PartOf & { prefix?: string; brandId: string; date: string }): string {
  const prefix = options.prefix ?? CONVERSATIONS_PREFIX;
  return `${prefix}/brand=${partitionValue(options.brandId)}/date=${options.date}/${partFileName(options.partition, options.firstOffset, options.lastOffset)}`;
}

/**
 * A per-day aggregate's file (author_days, driver_days, brand_replies): the same brand, date and file name as the
 * flush's conversation file, so a reader can tell which archive files a day's aggregates cover.
 */
export function dayAggregateKey(options: PartOf & { prefix: string; brandId: string; date: string }): string {
  return conversationKey(options);
}
