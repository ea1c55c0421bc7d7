// The brand's own replies, per day: every mention of one flush written by one of the brand's own
// accounts (its `handles` in the brands file, as the worker knows them at the flush) in reply to
// another post. A handful of rows a day, so the dashboard can say which authors the brand
// answered without scanning the archive for the brand's replies.
import type { ScoredMention } from '@sl/contracts';
import type { ConsumedRecord } from '@sl/kafka';
import { GRAIN_MS } from './rollup-rows.ts';

export interface BrandReplyRow {
  brandId: string;
  /** UTC midnight of the reply's publication day, epoch ms. */
  day: number;
  source: string;
  /** As on the mention. */
  authorHandle: string;
  /** The replied-to post's sourceId, on the same source. */
  parentId: string;
  publishedAt: number;
  mentionId: string;
}

/** A handle as the brands file lists it: lower case, no leading @. */
export const normalHandle = (handle: string): string => handle.toLowerCase().replace(/^@/u, '');

/** Whether `handles` (the brand's, normalised) name this author, as `handle` or `source:handle`. */
export function isBrandAccount(handles: readonly string[], source: string, authorHandle: string): boolean {
  const handle = normalHandle(authorHandle);
  return handles.includes(handle) || handles.includes(`${source}:${handle}`);
}

/** The brand replies of a batch, grouped per brand and day (key `brand\u0000day`), in offset order. Pure. */
export function brandReplyRows(
  records: ReadonlyArray<ConsumedRecord<ScoredMention>>,
  handlesOf: (brandId: string) => readonly string[],
): Map<string, BrandReplyRow[]> {
  const groups = new Map<string, BrandReplyRow[]>();
  for (const record of records) {
    const m = record.value;
    if (m.parentId === null || !isBrandAccount(handlesOf(m.brandId), m.source, m.author.handle)) continue;
    const day = Math.floor(m.publishedAt / GRAIN_MS.day) * GRAIN_MS.day;
    const key = `${m.brandId}\u0000${day}`;
    const group = groups.get(key) ?? [];
    group.push({
      brandId: m.brandId,
      day,
      source: m.source,
      authorHandle: m.author.handle,
      parentId: m.parentId,
      publishedAt: m.publishedAt,
      mentionId: m.id,
    });
    groups.set(key, group);
  }
  return groups;
}
