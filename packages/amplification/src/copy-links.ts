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
import { addText, type TextPrint, textPrint, visitCopies } from './copy-index.ts';

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
  if (mention.similarTo === null)
    return { key: mention.isDuplicate && mention.duplicateOf !== null ? mention.duplicateOf : mention.id, print: null };
  const print = textPrint(mention.text);
  if (print === null) return { key: mention.id, print };
  let best: string | undefined;
  let bestAt = Number.POSITIVE_INFINITY;
  // A group forgotten (past the cap) while its texts are still indexed is made again under its
  // old key, so the later copies of a text that keeps coming back stay one group.
  let forgotten: string | undefined;
  // Whether a copy in this group could change the answer: a live group earlier than the best so
  // far, or a forgotten one while no live group is known (a live one, once found, wins over any
  // forgotten). Candidates that could not are not compared; the answer is the same.
  const better = (key: string): boolean => {
    if (key === mention.id) return false;
    const group = st.copies[key];
    if (group === undefined) return best === undefined && (forgotten === undefined || key < forgotten);
    return group.firstAt < bestAt || (group.firstAt === bestAt && best !== undefined && key < best);
  };
  visitCopies(st.copyIndex, print, mention.id, {
    worth: better,
    copy: (_id, key) => {
      if (!better(key)) return;
      const group = st.copies[key];
      if (group === undefined) forgotten = key;
      else {
        best = key;
        bestAt = group.firstAt;
      }
    },
  });
  return { key: best ?? forgotten ?? mention.id, print };
}

/** After judging: the mention's text is one the brand's later mentions may copy. How many older texts were forgotten for it. */
export function settleCopy(st: BrandState, mention: ScoredMention, place: CopyPlace, capacity: number): number {
  if (place.print === null) return 0;
  return addText(st.copyIndex, mention.id, place.key, place.print, capacity);
}
