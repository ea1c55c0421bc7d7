// What the dashboard needs of a brand, from the Brand records of brands.config or the brands file.
import type { Brand } from '@sl/contracts';
import type { BrandInfo } from './rollup-widgets.ts';

/** Live brands in id order; retired ones are left out. */
export function brandInfos(brands: Iterable<Brand>): BrandInfo[] {
  return [...brands]
    .filter((b) => !b.deleted)
    .map((b) => ({ id: b.id, name: b.name, competitors: [...b.competitors], handles: b.handles.map((h) => h.toLowerCase().replace(/^@/, '')), timeZone: b.timeZone }))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
