// The compatibility check behind "a published version is never edited; add vN+1". It proves, per
// record, that every newer version can read data written with every older one (Avro schema
// resolution, via avsc's createResolver), and that an old golden value decodes to what Avro's
// rules promise: shared fields unchanged, added fields at their defaults, removed fields gone.
import type avsc from 'avsc';
import type { SchemaVersion } from './schema-files.ts';

export interface CompatibilityProblem {
  readonly name: string;
  readonly writerVersion: number;
  readonly readerVersion: number;
  readonly message: string;
}

/** Whether `reader` can resolve data written with `writer`; null when it can. */
export function checkReaderCanRead(writer: SchemaVersion, reader: SchemaVersion): CompatibilityProblem | null {
  try {
    reader.type.createResolver(writer.type);
    return null;
  } catch (cause) {
    const detail = cause instanceof Error ? cause.message : String(cause);
    const where = locateIncompatibility(writer.type, reader.type, '') ?? detail;
    return {
      name: reader.name,
      writerVersion: writer.version,
      readerVersion: reader.version,
      message:
        `${reader.name} v${reader.version} cannot read data written with v${writer.version}: ${where} ` +
        `(${writer.file} → ${reader.file}). New fields need a default; a field's type may only widen ` +
        'as Avro promotes (int→long→float→double, string↔bytes).',
    };
  }
}

/**
 * Finds the first field (by dotted path) whose reader type cannot read the writer's, so the
 * message names it; avsc's own error names only the two types. Null when not found by walking
 * records and arrays (the caller falls back to avsc's message).
 */
function locateIncompatibility(writerType: avsc.Type, readerType: avsc.Type, path: string): string | null {
  const writer = writerType as unknown as IntrospectableType;
  const reader = readerType as unknown as IntrospectableType;
  if (writer.typeName === 'record' && reader.typeName === 'record') {
    for (const field of reader.fields ?? []) {
      const fieldPath = path ? `${path}.${field.name}` : field.name;
      const written = writer.fields?.find((candidate) => candidate.name === field.name);
      if (written === undefined) {
        if (field.defaultValue() === undefined) return `field "${fieldPath}" is new and has no default`;
        continue;
      }
      if (!canResolve(written.type, field.type)) {
        return (
          locateIncompatibility(written.type, field.type, fieldPath) ??
          `field "${fieldPath}" changed from ${JSON.stringify(written.type.schema())} to ${JSON.stringify(field.type.schema())}`
        );
      }
    }
    return null;
  }
  if (writer.typeName === 'array' && reader.typeName === 'array' && writer.itemsType && reader.itemsType) {
    return locateIncompatibility(writer.itemsType, reader.itemsType, `${path}[]`);
  }
  return null;
}

function canResolve(writerType: avsc.Type, readerType: avsc.Type): boolean {
  try {
    readerType.createResolver(writerType);
    return true;
  } catch {
    return false;
  }
}

/**
 * Checks a record's whole history (oldest first): each vN+1 reads vN, and the newest reads every
 * older version, since the current contract decodes all of them and Avro compatibility is not
 * transitive. Returns every problem found; an empty array means compatible.
 */
export function checkVersionHistory(versions: readonly SchemaVersion[]): CompatibilityProblem[] {
  const current = versions.at(-1);
  const pairs = new Map<string, [SchemaVersion, SchemaVersion]>();
  versions.forEach((writer, index) => {
    const next = versions[index + 1];
    if (next !== undefined) pairs.set(`${writer.version}>${next.version}`, [writer, next]);
    if (current !== undefined && writer !== current) pairs.set(`${writer.version}>${current.version}`, [writer, current]);
  });
  return [...pairs.values()]
    .map(([writer, reader]) => checkReaderCanRead(writer, reader))
    .filter((problem): problem is CompatibilityProblem => problem !== null);
}

/**
 * What Avro resolution must turn `value` (valid for the writer) into under `readerType`:
 * fields both have keep their value, fields only the reader has take the reader's default,
 * fields only the writer has are dropped. Recurses through records, arrays and maps; a value
 * inside a union is taken as is. An independent statement of the rule, so a test can compare it
 * with what the resolver actually produced.
 */
export function expectedAfterResolution(value: unknown, readerType: avsc.Type): unknown {
  const type = readerType as unknown as IntrospectableType;
  if (type.typeName === 'record' && isPlainRecord(value)) {
    const result: Record<string, unknown> = {};
    for (const field of type.fields ?? []) {
      result[field.name] = Object.hasOwn(value, field.name)
        ? expectedAfterResolution(value[field.name], field.type)
        : field.defaultValue();
    }
    return result;
  }
  if (type.typeName === 'array' && Array.isArray(value) && type.itemsType) {
    const items = type.itemsType;
    return value.map((item) => expectedAfterResolution(item, items));
  }
  if (type.typeName === 'map' && isPlainRecord(value) && type.valuesType) {
    const values = type.valuesType;
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, expectedAfterResolution(item, values)]));
  }
  return value;
}

// The parts of avsc's Type classes the projection needs; avsc's typings do not declare them.
interface IntrospectableType {
  readonly typeName: string;
  readonly fields?: ReadonlyArray<{ name: string; type: avsc.Type; defaultValue(): unknown }>;
  readonly itemsType?: avsc.Type;
  readonly valuesType?: avsc.Type;
}

function isPlainRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !Buffer.isBuffer(value);
}
