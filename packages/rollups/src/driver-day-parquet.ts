// The driver_days Parquet columns (analysts' contract, docs/analysts.md). `brand` and `date` (the
// UTC day of publication) are Hive partitions in the path, not columns.
import type { DriverDayRow } from './driver-day-rows.ts';
import { writeParquet } from './parquet-file.ts';
import type { FlushRange } from './rollup-parquet.ts';

export const driverDayColumns = ['term', 'weight', 'mentions', 'kafka_partition', 'first_offset', 'last_offset'] as const;

const createdBy = 'brand-listening aggregation-worker driver-days/v1';

/** Rows of one file (one brand and day), in the order given; none is a valid file too. */
export function encodeDriverDays(rows: ReadonlyArray<DriverDayRow>, range: FlushRange): Buffer {
  const pick = <V>(f: (r: DriverDayRow) => V): V[] => rows.map(f);
  return writeParquet(
    [
      { name: 'term', type: 'STRING', nullable: false, data: pick((r) => r.term) },
      { name: 'weight', type: 'DOUBLE', nullable: false, data: pick((r) => r.weight) },
      { name: 'mentions', type: 'INT64', nullable: false, data: pick((r) => BigInt(r.mentions)) },
      { name: 'kafka_partition', type: 'INT32', nullable: false, data: pick(() => range.partition) },
      { name: 'first_offset', type: 'INT64', nullable: false, data: pick(() => BigInt(range.firstOffset)) },
      { name: 'last_offset', type: 'INT64', nullable: false, data: pick(() => BigInt(range.lastOffset)) },
    ],
    { createdBy },
  );
}
