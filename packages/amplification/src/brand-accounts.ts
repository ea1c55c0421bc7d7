// The brand's own accounts (Brand.handles): their replies answer questions, and their own posts
// are not opportunities or questions.
import { normaliseHandle } from './influence-score.ts';

/** True when source:handle is one of `handles` (entries are `handle` or `source:handle`). */
export function isBrandAccount(handles: readonly string[], source: string, handle: string): boolean {
  if (handles.length === 0) return false;
  const full = normaliseHandle(handle);
  const local = full.split('@')[0] ?? full;
  for (const entry of handles) {
    const colon = entry.indexOf(':');
    const entrySource = colon > 0 ? entry.slice(0, colon) : null;
    const entryHandle = normaliseHandle(colon > 0 ? entry.slice(colon + 1) : entry);
    if (entrySource !== null && entrySource !== source) continue;
    if (entryHandle === full || entryHandle === local) return true;
  }
  return false;
}
