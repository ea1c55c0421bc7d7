// House rule for schemas/: every record and every field says what it means, in the .avsc itself,
// because the schema is what other teams (and other languages) read first.
import { describe, expect, it } from 'vitest';
import { allContracts } from '../src/index.ts';

describe.each(allContracts.flatMap((contract) => contract.versions.map((version) => [version.file, version.schema] as const)))(
  '%s',
  (_file, schema) => {
    it('has a doc on every record and every field', () => {
      expect(undocumented(schema, '')).toEqual([]);
    });
  },
);

/** Paths of records and fields without a non-empty doc, walking nested types. */
function undocumented(schema: unknown, path: string): string[] {
  if (Array.isArray(schema)) return schema.flatMap((branch) => undocumented(branch, path));
  if (typeof schema !== 'object' || schema === null) return [];
  const node = schema as { type?: unknown; name?: string; doc?: unknown; fields?: unknown[]; items?: unknown; values?: unknown };
  const missing: string[] = [];
  if (node.type === 'record' || node.type === 'enum' || node.type === 'fixed') {
    if (typeof node.doc !== 'string' || node.doc === '') missing.push(`${path || '(root)'} (${node.type} ${node.name})`);
  }
  for (const field of (node.fields ?? []) as Array<{ name: string; doc?: unknown; type: unknown }>) {
    const fieldPath = path ? `${path}.${field.name}` : field.name;
    if (typeof field.doc !== 'string' || field.doc === '') missing.push(fieldPath);
    missing.push(...undocumented(field.type, fieldPath));
  }
  if (node.items !== undefined) missing.push(...undocumented(node.items, `${path}[]`));
  if (node.values !== undefined) missing.push(...undocumented(node.values, `${path}{}`));
  if (typeof node.type === 'object') missing.push(...undocumented(node.type, path));
  return missing;
}
