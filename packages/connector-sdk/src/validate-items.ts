// Turns a batch's items into RawMentions for mentions.raw and rejected items for the dead-letter
// topic. An item is rejected, never thrown: one bad entry in a feed must not stop the others.
import { type MentionInputIssue, parseMentionInput, type RawMention, toRawMention } from '@sl/contracts';
import { isMalformed } from './connector.ts';

export interface RejectedItem {
  /** The pipeline id (`<source>:<id>`) when the item had a source and an id, else null. */
  key: string | null;
  /** One line for people: every problem, with the field it is about. */
  reason: string;
  issues: MentionInputIssue[];
  /** What the connector produced (or, for a malformed item, what the source sent). */
  original: unknown;
}

export interface ValidatedItems {
  accepted: RawMention[];
  rejected: RejectedItem[];
  /** Items dropped because an earlier item of the same batch had the same id. */
  duplicates: number;
}

export function validateItems(items: readonly unknown[], ingestedAt: number, options: { maxTextLength?: number } = {}): ValidatedItems {
  const accepted: RawMention[] = [];
  const rejected: RejectedItem[] = [];
  const seen = new Set<string>();
  let duplicates = 0;
  for (const item of items) {
    if (isMalformed(item)) {
      const key = item.sourceId === undefined ? null : item.sourceId;
      rejected.push({ key, reason: item.reason, issues: [{ path: '', message: item.reason }], original: item.original });
      continue;
    }
    const result = parseMentionInput(item, options);
    if (!result.ok) {
      const reason = result.issues.map((issue) => `${issue.path || '(item)'}: ${issue.message}`).join('; ');
      rejected.push({ key: keyOf(item), reason, issues: result.issues, original: item });
      continue;
    }
    const mention = toRawMention(result.value, ingestedAt);
    // A source can list one item twice in a page (a feed with a repeated entry); send it once.
    if (seen.has(mention.id)) {
      duplicates += 1;
      continue;
    }
    seen.add(mention.id);
    accepted.push(mention);
  }
  return { accepted, rejected, duplicates };
}

function keyOf(item: unknown): string | null {
  const { source, id } = (item ?? {}) as { source?: unknown; id?: unknown };
  if (typeof id !== 'string' || id === '') return null;
  return typeof source === 'string' && source !== '' ? `${source}:${id}` : id;
}
