// Splits a request's items into mentions ready for mentions.raw and per-item errors that say
// which item and which field is wrong.
import { parseMentionInput, type RawMention, toRawMention } from '@sl/contracts';
import { PUBLISHED_AT_TOLERANCE_MS } from './ingest-limits.ts';
import type { BodyItem } from './request-body.ts';

export interface ItemError {
  index: number;
  /** The source id when the item had one, to help a client match errors to its records. */
  id?: string;
  errors: Array<{ path: string; message: string }>;
  /** 403 when the item is valid but its source is outside the caller's token; absent for an invalid item (400). */
  status?: 403;
}

export interface ValidatedBatch {
  accepted: Array<{ index: number; mention: RawMention }>;
  rejected: ItemError[];
}

export function validateMentions(items: readonly BodyItem[], ingestedAt: number): ValidatedBatch {
  const accepted: ValidatedBatch['accepted'] = [];
  const rejected: ItemError[] = [];
  items.forEach((item, index) => {
    if (!item.ok) {
      rejected.push({ index, errors: [{ path: '(item)', message: item.message }] });
      return;
    }
    const result = parseMentionInput(item.value, { latestPublishedAt: ingestedAt + PUBLISHED_AT_TOLERANCE_MS });
    if (result.ok) {
      accepted.push({ index, mention: toRawMention(result.value, ingestedAt) });
      return;
    }
    const id = (item.value as { id?: unknown } | null)?.id;
    rejected.push({ index, ...(typeof id === 'string' ? { id } : {}), errors: result.issues });
  });
  return { accepted, rejected };
}
