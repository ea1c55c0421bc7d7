// The brand's recently judged texts, for finding a mention's copies in EVENT time.
//
// The enricher finds copies in the order it reads, and its caps (the newest 16 entries per LSH
// bucket, 64 candidates compared, 16 pairs listed) make the pairs it reports depend on that order
// once a text is copied many times: in a flood, a copy read late pairs only with the copies read
// just before it. Here the same fingerprints (@sl/matching's minhash: word 3-grams, 20 LSH bands,
// a bottom-128 sketch, Jaccard >= 0.6, texts of 8+ words) are looked up in the order mentions are
// judged — event time, ties by id — with caps of the same kind over that order. The same set of
// mentions therefore makes the same copy groups in any arrival order, caps included.
//
// Packed, because a brand keeps 20,000 texts: entries in judge order from `head` on (compacted now
// and then), each with its id, the key of the copy group it joined, and its print (band keys, then
// the sketch) in one Uint32Array. The lookup table over the band keys is not stored: it is
// rebuilt from the prints on first use after a restore, and kept in step with every change after
// that. As objects (a base64 print, a decoded sketch, a map entry per band) a text cost 2.3 KB of
// heap; packed, its print's words, 20 links and its share of an open-addressing table.
import {
  bandKeys,
  bottomSketch,
  DEFAULT_MIN_WORDS_FOR_NEAR_DUPLICATE,
  DEFAULT_NEAR_DUPLICATE_THRESHOLD,
  DEFAULT_SHINGLE_WORDS,
  LSH_BANDS,
  shingleHashes,
  sketchSimilarity,
  tokenizeDocument,
} from '@sl/matching';

export interface CopyIndex {
  /** Mention ids, judge order. */
  ids: string[];
  /** The copy group each joined (its own id when it started one). */
  groups: string[];
  /** Where each entry's print starts in `words`; it ends where the next one starts (the last at `used`). */
  starts: number[];
  /** The prints: LSH_BANDS band keys, then the sketch, entry after entry. */
  words: Uint32Array;
  /** Words of `words` in use. */
  used: number;
  /** First live entry; the ones before it were forgotten. */
  head: number;
  /** Entries cut off the front by compaction, so an entry's number stays `dropped + position`. */
  dropped: number;
}

export function newCopyIndex(): CopyIndex {
  return { ids: [], groups: [], starts: [], words: new Uint32Array(1_024), used: 0, head: 0, dropped: 0 };
}

/** A text's fingerprint: the band keys find candidates, the sketch measures similarity. */
export interface TextPrint {
  bands: number[];
  sketch: Uint32Array;
}

/** Entries per bucket (the newest judged stay) and candidates compared per lookup, as in the enricher. */
const MAX_BUCKET = 16;
const MAX_CANDIDATES = 64;
/** Characters of a text fingerprinted: a waiting mention keeps this much (amplification-engine.ts). */
export const PRINTED_CHARS = 2_000;

/**
 * The print of a mention's text (its first PRINTED_CHARS, so a mention judged from the waiting
 * list and one judged at once get the same print), or null when it is too short to be a copy.
 */
export function textPrint(text: string): TextPrint | null {
  const words = tokenizeDocument({ text: text.length > PRINTED_CHARS ? text.slice(0, PRINTED_CHARS) : text }).words;
  let count = 0;
  for (const word of words) if (word !== '') count++;
  if (count < DEFAULT_MIN_WORDS_FOR_NEAR_DUPLICATE) return null;
  const shingles = shingleHashes(words, DEFAULT_SHINGLE_WORDS);
  return { bands: bandKeys(shingles), sketch: bottomSketch(shingles).slice() };
}

/** An indexed text the print is a copy of: its id and the group it joined. */
export interface IndexedCopy {
  id: string;
  group: string;
}

/**
 * Which entries share a band key, newest first. `newest` is an open-addressing table (linear
 * probing) from (band, key) to the newest entry placed with it; `links` gives, for each entry and
 * band, the entry placed before it with the same key. A bucket is then the chain from `newest` on,
 * cut at MAX_BUCKET entries or at the first forgotten one (entries are forgotten oldest first, so
 * every later one in the chain is forgotten too): the newest MAX_BUCKET live entries with that key.
 * Forgetting touches neither table; slots of forgotten keys are dropped when the table is rebuilt.
 */
interface Lookup {
  slotBand: Uint8Array;
  slotKey: Uint32Array;
  /** The newest entry with the slot's key; EMPTY for a free slot. */
  slotEntry: Int32Array;
  /** Slots taken, forgotten keys included. */
  taken: number;
  /** Position × LSH_BANDS + band → the previous entry with that band key, or EMPTY. */
  links: Int32Array;
}

const EMPTY = -1;
/** A table this full is rebuilt, sized for its live keys at SLOTS_PER_KEY. */
const MAX_LOAD = 0.8;
const SLOTS_PER_KEY = 1.6;

const lookups = new WeakMap<CopyIndex, Lookup>();

function newTable(lookup: Lookup, slots: number): void {
  lookup.slotBand = new Uint8Array(slots);
  lookup.slotKey = new Uint32Array(slots);
  lookup.slotEntry = new Int32Array(slots).fill(EMPTY);
  lookup.taken = 0;
}

/** The slot holding (band, key), or the free slot where it would go. */
function slotOf(lookup: Lookup, band: number, key: number): number {
  const size = lookup.slotEntry.length;
  let slot = (Math.imul(key ^ Math.imul(band + 1, 0x9e3779b1), 0x85ebca6b) >>> 0) % size;
  while (lookup.slotEntry[slot] !== EMPTY && (lookup.slotKey[slot] !== key || lookup.slotBand[slot] !== band)) {
    slot += 1;
    if (slot === size) slot = 0;
  }
  return slot;
}

/** Makes (band, key) → entry the newest of its bucket; the previous newest, if any, is returned. */
function setNewest(lookup: Lookup, band: number, key: number, entry: number): number {
  const slot = slotOf(lookup, band, key);
  const before = lookup.slotEntry[slot] as number;
  if (before === EMPTY) {
    lookup.slotBand[slot] = band;
    lookup.slotKey[slot] = key;
    lookup.taken += 1;
  }
  lookup.slotEntry[slot] = entry;
  return before;
}

/** A fresh table holding only the live entries' keys (their links stay as they are). */
function rebuildTable(index: CopyIndex, lookup: Lookup): void {
  const live = index.ids.length - index.head;
  newTable(lookup, Math.max(1_024, Math.ceil(live * LSH_BANDS * SLOTS_PER_KEY)));
  for (let at = index.head; at < index.ids.length; at++) {
    const from = index.starts[at] as number;
    for (let band = 0; band < LSH_BANDS; band++) setNewest(lookup, band, index.words[from + band] as number, index.dropped + at);
  }
}

function lookupOf(index: CopyIndex): Lookup {
  let lookup = lookups.get(index);
  if (lookup) return lookup;
  lookup = { slotBand: new Uint8Array(0), slotKey: new Uint32Array(0), slotEntry: new Int32Array(0), taken: 0, links: new Int32Array(0) };
  lookups.set(index, lookup);
  newTable(lookup, Math.max(1_024, Math.ceil((index.ids.length - index.head) * LSH_BANDS * SLOTS_PER_KEY)));
  lookup.links = new Int32Array(Math.max(64, index.ids.length) * LSH_BANDS);
  for (let at = index.head; at < index.ids.length; at++) link(index, lookup, at);
  return lookup;
}

/** Enters the entry at `at` (its print in place) into its buckets. */
function link(index: CopyIndex, lookup: Lookup, at: number): void {
  const from = index.starts[at] as number;
  for (let band = 0; band < LSH_BANDS; band++)
    lookup.links[at * LSH_BANDS + band] = setNewest(lookup, band, index.words[from + band] as number, index.dropped + at);
  if (lookup.taken > lookup.slotEntry.length * MAX_LOAD) rebuildTable(index, lookup);
}

/** Indexed texts the print is a copy of (the newest MAX_CANDIDATES candidates compared), `excludeId` aside. */
export function findCopies(index: CopyIndex, print: TextPrint, excludeId: string): IndexedCopy[] {
  const copies: IndexedCopy[] = [];
  visitCopies(index, print, excludeId, { worth: () => true, copy: (id, group) => copies.push({ id, group }) });
  return copies;
}

/**
 * `findCopies` for a caller that only needs some of them: the candidates are the same (the newest
 * MAX_CANDIDATES sharing a band), but one whose group `worth` turns down is not compared — the
 * similarity check is most of a lookup's cost, and a caller choosing the earliest group can turn
 * down every group no earlier than the best it already has.
 */
export function visitCopies(
  index: CopyIndex,
  print: TextPrint,
  excludeId: string,
  visit: { worth: (group: string) => boolean; copy: (id: string, group: string) => void },
): void {
  const lookup = lookupOf(index);
  const firstLive = index.dropped + index.head;
  const candidates = new Set<number>();
  for (let band = 0; band < LSH_BANDS; band++) {
    let entry = lookup.slotEntry[slotOf(lookup, band, print.bands[band] as number)] as number;
    for (let n = 0; n < MAX_BUCKET && entry >= firstLive; n++) {
      candidates.add(entry);
      entry = lookup.links[(entry - index.dropped) * LSH_BANDS + band] as number;
    }
  }
  if (candidates.size === 0) return;
  const newestFirst = [...candidates].sort((a, b) => b - a).slice(0, MAX_CANDIDATES);
  for (const entry of newestFirst) {
    const at = entry - index.dropped;
    const id = index.ids[at] as string;
    if (id === excludeId) continue;
    const group = index.groups[at] as string;
    if (!visit.worth(group)) continue;
    const from = (index.starts[at] as number) + LSH_BANDS;
    const to = at + 1 < index.ids.length ? (index.starts[at + 1] as number) : index.used;
    const similarity = sketchSimilarity(print.sketch, index.words, DEFAULT_NEAR_DUPLICATE_THRESHOLD, from, to - from);
    if (similarity >= DEFAULT_NEAR_DUPLICATE_THRESHOLD) visit.copy(id, group);
  }
}

/** Adds a judged text, forgetting the oldest past `capacity`; how many were forgotten. */
export function addText(index: CopyIndex, id: string, group: string, print: TextPrint, capacity: number): number {
  const lookup = lookupOf(index);
  const size = LSH_BANDS + print.sketch.length;
  if (index.used + size > index.words.length) {
    const grown = new Uint32Array(Math.max(Math.ceil(index.words.length * 1.5), index.used + size));
    grown.set(index.words.subarray(0, index.used));
    index.words = grown;
  }
  const at = index.ids.length;
  index.starts.push(index.used);
  for (let band = 0; band < LSH_BANDS; band++) index.words[index.used + band] = print.bands[band] as number;
  index.words.set(print.sketch, index.used + LSH_BANDS);
  index.used += size;
  index.ids.push(id);
  index.groups.push(group);
  if ((at + 1) * LSH_BANDS > lookup.links.length) {
    const grown = new Int32Array(lookup.links.length * 2);
    grown.set(lookup.links);
    lookup.links = grown;
  }
  link(index, lookup, at);
  let forgotten = 0;
  // Forgotten entries leave the table and the links as they are: a chain stops at the first.
  while (index.ids.length - index.head > capacity) {
    index.ids[index.head] = '';
    index.groups[index.head] = '';
    index.head += 1;
    forgotten += 1;
  }
  // Compacted in chunks, so the arrays are not shifted on every text, but often enough that the
  // forgotten quarter is all the packed prints ever carry.
  if (index.head > 1_000 && index.head * 4 > index.ids.length) compact(index, lookup);
  return forgotten;
}

function compact(index: CopyIndex, lookup: Lookup): void {
  const cut = index.head;
  const shift = index.starts[cut] as number;
  index.words.copyWithin(0, shift, index.used);
  index.used -= shift;
  index.starts = index.starts.slice(cut).map((start) => start - shift);
  index.ids.splice(0, cut);
  index.groups.splice(0, cut);
  lookup.links.copyWithin(0, cut * LSH_BANDS, (cut + index.ids.length) * LSH_BANDS);
  index.dropped += cut;
  index.head = 0;
}

/** Texts held, for metrics and tests. */
export function indexedTexts(index: CopyIndex): number {
  return index.ids.length - index.head;
}
