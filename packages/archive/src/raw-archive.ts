// The raw archive: every mention ever ingested, before any brand rule, under
// raw/v1/source=<source>/date=<published date, UTC>/part-<partition>-<first>-<last>.parquet.
import type { RawMention } from '@sl/contracts';
import type { ConsumedRecord } from '@sl/kafka';
import type { ObjectStore } from '@sl/object-store';
import type { Logger, Registry } from '@sl/observability';
import type { FlushPolicy } from './flush-policy.ts';
import { rawArchiveKey, utcDate } from './object-names.ts';
import { createPartitionedSink, type PartitionedSink, type SinkFile, type SinkLayout } from './partitioned-sink.ts';
import { encodeRawMentions } from './raw-mention-parquet.ts';

export const RAW_ARCHIVE_PREFIX = 'raw/v1';
export const RAW_ARCHIVE_INTENTS = '_sink-state/raw-archive/v1';

export function rawArchiveLayout(prefix: string = RAW_ARCHIVE_PREFIX): SinkLayout<RawMention> {
  return {
    sizeOf: (record) => 200 + record.value.text.length + (record.value.title?.length ?? 0) + (record.value.url?.length ?? 0),
    *files(records, range): Iterable<SinkFile> {
      const groups = new Map<string, { source: string; date: string; records: ConsumedRecord<RawMention>[] }>();
      for (const record of records) {
        const date = utcDate(record.value.publishedAt);
        const id = `${record.value.source}\u0000${date}`;
        const group = groups.get(id) ?? { source: record.value.source, date, records: [] };
        group.records.push(record);
        groups.set(id, group);
      }
      for (const group of groups.values()) {
        yield {
          key: rawArchiveKey({ prefix, source: group.source, date: group.date, ...range }),
          body: encodeRawMentions(group.records),
          rows: group.records.length,
        };
      }
    },
  };
}

export interface RawArchiveSinkOptions {
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

export function createRawArchiveSink(options: RawArchiveSinkOptions): PartitionedSink<RawMention> {
  return createPartitionedSink({
    name: 'raw-archive',
    topic: options.topic,
    store: options.store,
    layout: rawArchiveLayout(options.prefix),
    commit: options.commit,
    logger: options.logger,
    intentPrefix: RAW_ARCHIVE_INTENTS,
    ...(options.policy ? { policy: options.policy } : {}),
    ...(options.registry ? { registry: options.registry } : {}),
    ...(options.now ? { now: options.now } : {}),
  });
}
