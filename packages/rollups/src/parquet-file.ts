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
}

export interface Int64ListColumn {
  name: string;
  list: 'INT64';
  /** One array per row (never null; an empty array for none). */
  data: bigint[][];
}

export type Column = FlatColumn | Int64ListColumn;

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
    columnData: columns.map((column) => ({ name: column.name, data: column.data as ColumnSource['data'] })),
    // Sorted keys: metadata order is part of the bytes.
    kvMetadata: Object.keys(meta.kv ?? {})
      .sort()
      .map((key) => ({ key, value: meta.kv?.[key] ?? '' })),
  });
  return Buffer.from(bytes);
}
