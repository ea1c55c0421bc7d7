// The brand's own accounts, which top authors leaves out and whose replies mark an author answered:
// a handle as the brands file normalises it (lower case, no leading @), alone or as `source:handle`.
import type { BrandInfo } from './rollup-widgets.ts';

/** A row's handle, normalised, in SQL. */
export const HANDLE_SQL = "lower(ltrim(author_handle, '@'))";

/**
 * SQL true for a row written by one of the brand's own accounts. The handles are written into the
 * SQL as a constant list (quoted; the brands file allows only letters, digits and _ . @ - : in
 * them): a list parsed from a parameter was parsed again per row.
 */
export function isBrandHandleSql(brand: BrandInfo): string {
  if (brand.handles.length === 0) return 'false';
  const list = `[${brand.handles.map((h) => `'${h.replaceAll("'", "''")}'`).join(', ')}]`;
  return `(list_contains(${list}, ${HANDLE_SQL}) OR list_contains(${list}, source || ':' || ${HANDLE_SQL}))`;
}
