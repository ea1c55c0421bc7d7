// Which copy group a mention joins, decided in event time from near-duplicate pairs that do not
// depend on read order.
//
// The enricher marks the copy it reads second as the duplicate of the one it read first, and a
// chain of near-duplicates (A like B, B like C, A not like C) ends up in one group or two
// depending on which was read first. What it also gives, on each record, are the mentions read
// before it that the text nearly repeats (`similarTo`): every similar pair sits on the record of
// whichever of the two was read second, so the pairs over a set of mentions are the same in any
// order. Pairs are registered both ways as mentions arrive; when a mention is judged (in event
// time, after everything published before it has arrived), it joins the group of its similar
// mentions judged before it — the group whose first copy is the earliest, ties by key — or starts
// its own. The same set of mentions makes the same groups, in any read order.
import type { ScoredMention } from '@sl/contracts';
import type { BrandState } from './brand-state.ts';

/** Registers a mention's similar pairs, both ways, when it arrives. */
export function linkSimilar(st: BrandState, mention: ScoredMention, maxLinked: number): void {
  if (mention.similarTo === null || mention.similarTo.length === 0) return;
  for (const other of mention.similarTo) {
    if (other === mention.id) continue;
    addLink(st, mention.id, other);
    addLink(st, other, mention.id);
  }
  forgetOldLinks(st, maxLinked);
}

function addLink(st: BrandState, from: string, to: string): void {
  const list = st.similar[from];
  if (list === undefined) {
    st.similar[from] = [to];
    st.similarOrder.push(from);
  } else if (!list.includes(to)) {
    list.push(to);
  }
}

/**
 * The key of the copy group `mention` belongs to: an existing group's, or its own id when it
 * starts one. Records written before similarTo existed keep the enricher's verdict (duplicateOf).
 */
export function copyGroupKey(st: BrandState, mention: ScoredMention): string {
  if (mention.similarTo === null) return mention.isDuplicate && mention.duplicateOf !== null ? mention.duplicateOf : mention.id;
  let best: string | undefined;
  let bestAt = Number.POSITIVE_INFINITY;
  // A group forgotten past the post horizon is made again under its old key, so the later copies
  // of a text that keeps coming back stay one group, as the enricher keeps them one.
  let forgotten: string | undefined;
  for (const other of st.similar[mention.id] ?? []) {
    const key = st.copyOf[other] ?? other;
    if (key === mention.id) continue;
    const group = st.copies[key];
    if (group === undefined) {
      if (st.copyOf[other] !== undefined && (forgotten === undefined || key < forgotten)) forgotten = key;
      continue;
    }
    if (group.firstAt < bestAt || (group.firstAt === bestAt && best !== undefined && key < best)) {
      best = key;
      bestAt = group.firstAt;
    }
  }
  return best ?? forgotten ?? mention.id;
}

/**
 * After judging: the mention's pairs are spent; it is remembered under its group's key (its own
 * when it started the group, so a later copy still finds the key once the group is forgotten).
 */
export function settleCopy(st: BrandState, mention: ScoredMention, key: string, maxMembers: number): void {
  delete st.similar[mention.id];
  if (mention.similarTo === null || st.copyOf[mention.id] !== undefined) return;
  st.copyOf[mention.id] = key;
  st.copyOfOrder.push(mention.id);
  // Trimmed in chunks, so the array is not shifted on every copy.
  if (st.copyOfOrder.length > maxMembers * 1.1) {
    for (const id of st.copyOfOrder.splice(0, st.copyOfOrder.length - maxMembers)) delete st.copyOf[id];
  }
}

/** Pairs of mentions never judged here (another brand's, or ones that never came) go, oldest first. */
function forgetOldLinks(st: BrandState, maxLinked: number): void {
  if (st.similarOrder.length <= maxLinked * 1.1) return;
  // An id judged since (its pairs deleted then) may still be listed here: deleting it again is harmless.
  for (const id of st.similarOrder.splice(0, st.similarOrder.length - maxLinked)) delete st.similar[id];
}
