// Proves each hand-written interface agrees with its current schema. The sample values in
// golden-values.ts are typed as the interfaces, so the compiler checks value ⊆ interface; here
// avsc checks value ⊆ schema (every schema field present with its type) and, with
// noUndeclaredFields, that no interface field is missing from the schema. avsc accepts a missing
// field that has a default, so the samples' keys are also compared with the schema's fields:
// a schema field the interface forgot fails there. The sparse samples take the other side of
// every union, so a nullable mismatch fails one of the two.
import { describe, expect, it } from 'vitest';
import type avsc from 'avsc';
import { allContracts } from '../src/index.ts';
import { extraValues, goldenValues, sparseValues } from './golden-values.ts';

describe.each(allContracts.map((contract) => [contract.name, contract] as const))('%s interface matches its schema', (name, contract) => {
  const samples = {
    golden: goldenValues[name as keyof typeof goldenValues],
    sparse: sparseValues[name as keyof typeof sparseValues],
  };

  const extras = (extraValues as Record<string, readonly unknown[]>)[name] ?? [];
  const all: Array<[string, unknown]> = [...Object.entries(samples), ...extras.map((extra, i) => [`extra ${i + 1}`, extra] as [string, unknown])];

  for (const [kind, sample] of all) {
    it(`the ${kind} sample is valid, with no field the schema lacks`, () => {
      expect(sample, `no sample for ${name} in golden-values.ts`).toBeDefined();
      const problems: string[] = [];
      const valid = contract.type.isValid(sample, {
        noUndeclaredFields: true,
        errorHook: (path: string[], got: unknown) => problems.push(`${path.join('.')}: ${JSON.stringify(got)}`),
      });
      expect(problems).toEqual([]);
      expect(valid).toBe(true);
      expect(contract.isValid(sample)).toBe(true);
      expect(contract.decode(contract.encode(sample))).toEqual(sample);
    });
  }

  it('every sample sets every schema field, nested records included', () => {
    expect(fieldsNotSet(samples.golden, contract.type)).toEqual([]);
    expect(fieldsNotSet(samples.sparse, contract.type)).toEqual([]);
  });

  it('a value missing a field is not valid', () => {
    const [firstField] = Object.keys(samples.golden);
    const missing = { ...samples.golden } as Record<string, unknown>;
    if (firstField !== undefined) delete missing[firstField];
    expect(contract.isValid(missing)).toBe(false);
  });
});

interface RecordLikeType {
  readonly typeName: string;
  readonly fields?: ReadonlyArray<{ name: string; type: avsc.Type }>;
  readonly itemsType?: avsc.Type;
}

/** Paths of record fields the schema declares but `value` does not set (recursing into records and arrays). */
function fieldsNotSet(value: unknown, type: avsc.Type, path = ''): string[] {
  const t = type as unknown as RecordLikeType;
  if (t.typeName === 'record' && typeof value === 'object' && value !== null) {
    return (t.fields ?? []).flatMap((field) => {
      const fieldPath = path ? `${path}.${field.name}` : field.name;
      return Object.hasOwn(value, field.name)
        ? fieldsNotSet((value as Record<string, unknown>)[field.name], field.type, fieldPath)
        : [fieldPath];
    });
  }
  if (t.typeName === 'array' && Array.isArray(value) && t.itemsType) {
    const items = t.itemsType;
    return value.flatMap((item, index) => fieldsNotSet(item, items, `${path}[${index}]`));
  }
  return [];
}
