// Deterministic object names: the same records from the same Kafka partition and offsets always
// land under the same key, so a sink that crashes after an upload and before its commit
// rewrites the same objects instead of adding copies.
export function utcDate(epochMs: number): string {
  return new Date(epochMs).toISOString().slice(0, 10);
}

/**
 * Hive partition values may not hold '/' and should stay readable; anything else is escaped as
 * %XX per UTF-8 byte (what readers' URL-decoding expects; one escape per code unit would be
 * ambiguous: ' 2D' and U+202D would both give %202D).
 */
export function partitionValue(value: string): string {
  return value.replace(/[^A-Za-z0-9._-]/gu, (c) =>
    [...Buffer.from(c, 'utf8')].map((byte) => `%${byte.toString(16).toUpperCase().padStart(2, '0')}`).join(''),
  );
}

export function partFileName(partition: number, firstOffset: string, lastOffset: string): string {
  return `part-${partition}-${firstOffset}-${lastOffset}.parquet`;
}

export function rawArchiveKey(options: { prefix: string; source: string; date: string; partition: number; firstOffset: string; lastOffset: string }): string {
  return `${options.prefix}/source=${partitionValue(options.source)}/date=${options.date}/${partFileName(options.partition, options.firstOffset, options.lastOffset)}`;
}
