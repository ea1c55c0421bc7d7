// Author block columns pack to 4 bytes a row only when every value survives it exactly.
import { expect, it } from 'vitest';
import { nullOf, packColumn, valueAt } from '../src/packed-column.ts';

const read = (values: number[]) => {
  const column = packColumn(Float64Array.from(values));
  return { type: column.constructor.name, values: values.map((_, i) => valueAt(column, i)), nullMark: nullOf(column) };
};

it('packs whole numbers from 0 to 2^32 - 2 and nulls into a Uint32Array, reading them back exactly', () => {
  expect(read([0, 7, 4_294_967_294, Number.NaN])).toEqual({
    type: 'Uint32Array',
    values: [0, 7, 4_294_967_294, Number.NaN],
    nullMark: 4_294_967_295,
  });
});

it('keeps doubles for a negative, a fraction or a value from 2^32 - 1 up', () => {
  for (const odd of [-1, 0.5, 4_294_967_295, 1e12]) {
    expect(read([3, odd, Number.NaN])).toEqual({ type: 'Float64Array', values: [3, odd, Number.NaN], nullMark: Number.NaN });
  }
});
