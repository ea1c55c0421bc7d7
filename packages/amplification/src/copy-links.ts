// Which copy group a mention joins, decided in event time.
//
// The enricher marks the copy it reads second as the duplicate of the one it read first, and which
// copies it pairs depends on what it read before (copy-index.ts says why). Here a mention is
// judged after everything published before it (in event-time order, ties by id): it looks its text
// up among the brand's texts judged before it and joins the group of those copies whose first copy
// is the earliest (ties by key), or starts its own. The same set of mentions makes the same groups,
// in any read order.
import type { ScoredMention } from '@sl/contracts';
import type { BrandState } from './brand-state.ts';
import { addText, findCopies, type TextPrint, textPrint } from './copy-index.ts';

/** How a mention stands among the brand's copies: the group it joins and its print (null: too short to be a copy). */
export interface CopyPlace {
  key: string;
  print: TextPrint | null;
}

/**
 * The copy group `mention` belongs to: an existing group's key, or its own id when it starts one.
 * Records written before the engine judged copies (similarTo null) keep the enricher's verdict.
 */
export function placeCopy(st: BrandState, mention: ScoredMention): CopyPlace {
  if (mention.similarTo === null) return { key: mention.isDuplicate && mention.duplicateOf !== null ? mention.duplicateOf : mention.id, print: null };
  const print = textPrint(mention.text);
  if (print === null) return { key: mention.id, print };
  let best: string | undefined;
  let bestAt = Number.POSITIVE_INFINITY;
  // A group forgotten (past the cap) while its texts are still indexed is made again under its
  // old key, so the later copies of a text that keeps coming back stay one group.
  let forgotten: string | undefined;
  for (const copy of findCopies(st.copyIndex, print, mention.id)) {
    const key = copy.group;
    if (key === mention.id) continue;
    const group = st.copies[key];
    if (group === undefined) {
      if (forgotten === undefined || key < forgotten) forgotten = key;
      continue;
    }
    if (group.firstAt < bestAt || (group.firstAt === bestAt && best !== undefined && key < best)) {
      best = key;
      bestAt = group.firstAt;
    }
  }
  return { key: best ?? forgotten ?? mention.id, print };
}

/** After judging: the mention's text is one the brand's later mentions may copy. */
export function settleCopy(st: BrandState, mention: ScoredMention, place: CopyPlace, capacity: number): void {
  if (place.print === null) return;
  addText(st.copyIndex, mention.id, place.key, place.print, capacity);
}
