// The alert archive: every alert raised, kept beyond the alert topics' retention, under
// alerts/v1/brand=<id>/date=<window start date, UTC>/part-<partition>-<first>-<last>.parquet.
// One sink per brand topic (alerts.<brand>): the brand partition is the topic's brand, never what
// a record claims, so a record written to one brand's topic can never land in another's files.
import type { Alert } from '@sl/contracts';
import type { ConsumedRecord } from '@sl/kafka';
import type { ObjectStore } from '@sl/object-store';
import type { Logger, Registry } from '@sl/observability';
import { encodeAlerts } from './alert-parquet.ts';
import type { FlushPolicy } from './flush-policy.ts';
import { partFileName, partitionValue, utcDate } from './object-names.ts';
import { createPartitionedSink, type PartitionedSink, type SinkFile, type SinkLayout } from './partitioned-sink.ts';

export const ALERT_ARCHIVE_PREFIX = 'alerts/v1';
export const ALERT_ARCHIVE_INTENTS = '_sink-state/alert-archive/v1';

export function alertArchiveKey(options: { prefix?: string; brandId: string; date: string; partition: number; firstOffset: string; lastOffset: string }): string {
  const prefix = options.prefix ?? ALERT_ARCHIVE_PREFIX;
  return `${prefix}/brand=${partitionValue(options.brandId)}/date=${options.date}/${partFileName(options.partition, options.firstOffset, options.lastOffset)}`;
}

export interface AlertArchiveLayoutOptions {
  /** The brand whose topic the sink reads. */
  brandId: string;
  /** @default ALERT_ARCHIVE_PREFIX */
  prefix?: string;
  /** Told of records whose brandId is not the topic's (archived under the topic's brand all the same). */
  onForeignBrand?: (record: ConsumedRecord<Alert>) => void;
}

export function alertArchiveLayout(options: AlertArchiveLayoutOptions): SinkLayout<Alert> {
  return {
    sizeOf: (record) => 300 + record.value.explanation.length + record.value.sampleTexts.reduce((n, t) => n + t.length, 0) + 40 * record.value.mentionIds.length,
    *files(records, range): Iterable<SinkFile> {
      const byDate = new Map<string, ConsumedRecord<Alert>[]>();
      for (const record of records) {
        if (record.value.brandId !== options.brandId) options.onForeignBrand?.(record);
        const date = utcDate(record.value.windowStart);
        const group = byDate.get(date) ?? [];
        group.push(record);
        byDate.set(date, group);
      }
      for (const date of [...byDate.keys()].sort()) {
        const group = byDate.get(date) as ConsumedRecord<Alert>[];
        yield {
          key: alertArchiveKey({ brandId: options.brandId, date, ...range, ...(options.prefix ? { prefix: options.prefix } : {}) }),
          body: encodeAlerts(group),
          rows: group.length,
        };
      }
    },
  };
}

export interface AlertArchiveSinkOptions {
  brandId: string;
  /** The topic as named on the cluster (namespace included). */
  topic: string;
  store: ObjectStore;
  commit: (partition: number, nextOffset: string) => Promise<void>;
  logger: Logger;
  policy?: Partial<FlushPolicy>;
  registry?: Registry;
  prefix?: string;
  /** Clock for the age trigger, for tests. @default Date.now */
  now?: () => number;
}

export function createAlertArchiveSink(options: AlertArchiveSinkOptions): PartitionedSink<Alert> {
  const log = options.logger.child({ component: 'alert-archive', brand: options.brandId });
  return createPartitionedSink({
    name: 'alert-archive',
    topic: options.topic,
    store: options.store,
    layout: alertArchiveLayout({
      brandId: options.brandId,
      ...(options.prefix ? { prefix: options.prefix } : {}),
      onForeignBrand: (record) =>
        log.warn(
          { topic: record.topic, partition: record.partition, offset: record.offset, claimed: record.value.brandId },
          "an alert on this brand's topic names another brand; archived under the topic's brand",
        ),
    }),
    commit: options.commit,
    logger: options.logger,
    intentPrefix: ALERT_ARCHIVE_INTENTS,
    ...(options.policy ? { policy: options.policy } : {}),
    ...(options.registry ? { registry: options.registry } : {}),
    ...(options.now ? { now: options.now } : {}),
  });
}
