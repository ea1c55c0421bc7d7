import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRawArchiverConfig } from '../src/config.ts';

describe('raw-archiver config', () => {
  it('has defaults for every field', () => {
    expect(loadRawArchiverConfig({})).toEqual({
      KAFKA_BROKERS: ['127.0.0.1:19092'],
      SL_TOPIC_NAMESPACE: '',
      SL_GROUP_ID: 'raw-archiver',
      SL_ARCHIVE_ALERTS: true,
      SL_ALERT_ARCHIVE_GROUP_ID: 'alert-archiver',
      ALERT_ARCHIVE_FLUSH_INTERVAL_MS: 10_000,
      SL_DATA_DIR: path.resolve('.sl'),
      SL_OPS_PORT: 9101,
      ARCHIVE_FLUSH_RECORDS: 50_000,
      ARCHIVE_FLUSH_BYTES: 32 * 1024 * 1024,
      ARCHIVE_FLUSH_TOTAL_BYTES: 32 * 1024 * 1024,
      ARCHIVE_FLUSH_INTERVAL_MS: 10_000,
      LOG_LEVEL: 'info',
    });
  });

  it('rejects a flush policy that makes no sense, naming the field', () => {
    expect(() => loadRawArchiverConfig({ ARCHIVE_FLUSH_RECORDS: '-5' })).toThrow(/ARCHIVE_FLUSH_RECORDS: /);
    expect(() => loadRawArchiverConfig({ LOG_LEVEL: 'loud' })).toThrow(/LOG_LEVEL: /);
    expect(() => loadRawArchiverConfig({ SL_ARCHIVE_ALERTS: 'yes' })).toThrow(/SL_ARCHIVE_ALERTS: /);
    expect(loadRawArchiverConfig({ SL_ARCHIVE_ALERTS: '0' }).SL_ARCHIVE_ALERTS).toBe(false);
  });
});
