// One place that turns column arrays into Parquet bytes. hyparquet-writer infers a schema from
// typed flat columns but takes nested ones (the sketch's LIST<INT64>) only through an explicit
// schema, so flat columns are typed through `schemaFromColumnData` and lists spliced in as the
// standard three-level LIST group that DuckDB, Spark and Trino read as an array.
import { type BasicType, type ColumnSource, parquetWriteBuffer, type SchemaElement, schemaFromColumnData } from 'hyparquet-writer';

export interface FlatColumn {
  name: string;
  type: BasicType;
  data: unknown[];
  nullable?: boolean;
  /**
   * Values all distinct (ids, offsets): written PLAIN with no dictionary attempt, as the writer
   * would decide after sampling them. Implies `manyValues`. @default false
   */
  distinct?: boolean;
  /**
   * Strings with few repeats (free text): turned to UTF-8 here through Buffer's shared pool, where
   * the writer would make an ArrayBuffer per value with its TextEncoder; whether a dictionary pays
   * is still the writer's call (copies of one text can make it). @default false
   */
  manyValues?: boolean;
  /** Min/max statistics in the file's metadata; off for long free text nobody filters by range. @default true */
  statistics?: boolean;
}

export interface Int64ListColumn {
  name: string;
  list: 'INT64';
  /** One array per row (never null; an empty array for none). */
  data: bigint[][];
}

export type Column = FlatColumn | Int64ListColumn;

const utf8 = (value: unknown): unknown => (typeof value === 'string' ? Buffer.from(value, 'utf8') : value);

export function writeParquet(columns: ReadonlyArray<Column>, meta: { createdBy: string; kv?: Record<string, string> }): Buffer {
  const schema: SchemaElement[] = [{ name: 'root', num_children: columns.length }];
  for (const column of columns) {
    if ('list' in column) {
      schema.push(
        { name: column.name, repetition_type: 'REQUIRED', converted_type: 'LIST', num_children: 1 },
        { name: 'list', repetition_type: 'REPEATED', num_children: 1 },
        { name: 'element', type: 'INT64', repetition_type: 'REQUIRED' },
      );
    } else {
      const flat: ColumnSource = {
        name: column.name,
        data: column.data as ColumnSource['data'],
        type: column.type,
        nullable: column.nullable ?? true,
      };
      schema.push(...schemaFromColumnData({ columnData: [flat] }).slice(1));
    }
  }
  const bytes = parquetWriteBuffer({
    createdBy: meta.createdBy,
    schema,
    columnData: columns.map((column) => {
      if ('list' in column) return { name: column.name, data: column.data as ColumnSource['data'] };
      const data = (column.distinct || column.manyValues) && column.type === 'STRING' ? column.data.map(utf8) : column.data;
      return {
        name: column.name,
        data: data as ColumnSource['data'],
        ...(column.distinct ? { encoding: 'PLAIN' as const } : {}),
        ...(column.statistics === false ? { statistics: false } : {}),
      };
    }),
    // Sorted keys: metadata order is part of the bytes.
    kvMetadata: Object.keys(meta.kv ?? {})
      .sort()
      .map((key) => ({ key, value: meta.kv?.[key] ?? '' })),
  });
  return Buffer.from(bytes);
}
