export {
  ALERT_ARCHIVE_INTENTS,
  ALERT_ARCHIVE_PREFIX,
  type AlertArchiveLayoutOptions,
  type AlertArchiveSinkOptions,
  alertArchiveKey,
  alertArchiveLayout,
  createAlertArchiveSink,
} from './alert-archive.ts';
export { ALERT_ARCHIVE_STAGE, type AlertArchivers, type AlertArchiversOptions, createAlertArchivers } from './alert-archivers.ts';
export { alertArchiveColumns, encodeAlerts } from './alert-parquet.ts';
export { defaultFlushPolicy, type FlushPolicy } from './flush-policy.ts';
export { claimIntent, type FlushIntent, intentKey, readIntent } from './flush-intents.ts';
export { partFileName, partitionValue, rawArchiveKey, utcDate } from './object-names.ts';
export { createPartitionedSink, type PartitionedSink, type PartitionedSinkOptions, type SinkFile, type SinkLayout } from './partitioned-sink.ts';
export { createRawArchiveSink, RAW_ARCHIVE_INTENTS, RAW_ARCHIVE_PREFIX, type RawArchiveSinkOptions, rawArchiveLayout } from './raw-archive.ts';
export { encodeRawMentions, rawArchiveColumns } from './raw-mention-parquet.ts';
export { commitThrough, runStorageSink, type StorageSinkRunner, type StorageSinkRunnerOptions } from './run-storage-sink.ts';
