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
// Plain data, so the brand's snapshot stays one JSON.stringify: entries in judge order from `head`
// on (a ring compacted now and then), each with the key of the copy group it joined and its print
// as base64 (band keys, then the sketch). The bucket table is not stored: it is rebuilt from the
// prints on first use after a restore, and kept in step with every change after that.
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
  /** Its print: LSH_BANDS band keys, then its sketch, little-endian uint32s, base64. */
  prints: string[];
  /** First live entry; the ones before it were forgotten. */
  head: number;
  /** Entries cut off the front by compaction, so an entry's number stays `dropped + position`. */
  dropped: number;
}

export function newCopyIndex(): CopyIndex {
  return { ids: [], groups: [], prints: [], head: 0, dropped: 0 };
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

interface Lookup {
  /**
   * band × 2^32 + band key → entry numbers, oldest first, at most MAX_BUCKET; a bucket of one is
   * the number itself. Most texts share no band with another, and an array per band per text was
   * most of the index's memory (20 arrays of one for each text).
   */
  buckets: Map<number, number | number[]>;
  /** Entry number → decoded sketch (the band keys are read back from the entry's print when it is forgotten). */
  sketches: Map<number, Uint32Array>;
}

const lookups = new WeakMap<CopyIndex, Lookup>();

const bucketKey = (band: number, key: number): number => band * 2 ** 32 + key;

function encodePrint(print: TextPrint): string {
  const bytes = Buffer.allocUnsafe((LSH_BANDS + print.sketch.length) * 4);
  for (let i = 0; i < LSH_BANDS; i++) bytes.writeUInt32LE(print.bands[i] as number, i * 4);
  for (let i = 0; i < print.sketch.length; i++) bytes.writeUInt32LE(print.sketch[i] as number, (LSH_BANDS + i) * 4);
  return bytes.toString('base64');
}

function decodePrint(encoded: string): TextPrint {
  const bytes = Buffer.from(encoded, 'base64');
  const words = bytes.length / 4;
  const bands = new Array<number>(LSH_BANDS);
  for (let i = 0; i < LSH_BANDS; i++) bands[i] = bytes.readUInt32LE(i * 4);
  const sketch = new Uint32Array(words - LSH_BANDS);
  for (let i = 0; i < sketch.length; i++) sketch[i] = bytes.readUInt32LE((LSH_BANDS + i) * 4);
  return { bands, sketch };
}

function lookupOf(index: CopyIndex): Lookup {
  let lookup = lookups.get(index);
  if (lookup) return lookup;
  lookup = { buckets: new Map(), sketches: new Map() };
  lookups.set(index, lookup);
  for (let at = index.head; at < index.prints.length; at++) place(lookup, index.dropped + at, decodePrint(index.prints[at] as string));
  return lookup;
}

function place(lookup: Lookup, entry: number, print: TextPrint): void {
  lookup.sketches.set(entry, print.sketch);
  for (let band = 0; band < LSH_BANDS; band++) {
    const key = bucketKey(band, print.bands[band] as number);
    const bucket = lookup.buckets.get(key);
    if (bucket === undefined) lookup.buckets.set(key, entry);
    else if (typeof bucket === 'number') lookup.buckets.set(key, [bucket, entry]);
    else {
      bucket.push(entry);
      if (bucket.length > MAX_BUCKET) bucket.shift();
    }
  }
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
  const candidates = new Set<number>();
  for (let band = 0; band < LSH_BANDS; band++) {
    const bucket = lookup.buckets.get(bucketKey(band, print.bands[band] as number));
    if (typeof bucket === 'number') candidates.add(bucket);
    else if (bucket) for (const entry of bucket) candidates.add(entry);
  }
  if (candidates.size === 0) return;
  const newestFirst = [...candidates].sort((a, b) => b - a).slice(0, MAX_CANDIDATES);
  for (const entry of newestFirst) {
    const at = entry - index.dropped;
    const id = index.ids[at] as string;
    if (id === excludeId) continue;
    const group = index.groups[at] as string;
    if (!visit.worth(group)) continue;
    const other = lookup.sketches.get(entry) as Uint32Array;
    if (sketchSimilarity(print.sketch, other, DEFAULT_NEAR_DUPLICATE_THRESHOLD) >= DEFAULT_NEAR_DUPLICATE_THRESHOLD) visit.copy(id, group);
  }
}

/** Adds a judged text, forgetting the oldest past `capacity`; how many were forgotten. */
export function addText(index: CopyIndex, id: string, group: string, print: TextPrint, capacity: number): number {
  const lookup = lookupOf(index);
  const entry = index.dropped + index.prints.length;
  index.ids.push(id);
  index.groups.push(group);
  index.prints.push(encodePrint(print));
  place(lookup, entry, print);
  let forgotten = 0;
  while (index.prints.length - index.head > capacity) {
    forgetOldest(index, lookup);
    forgotten += 1;
  }
  // Compacted in chunks, so the arrays are not shifted on every text.
  if (index.head > 1_000 && index.head * 2 > index.prints.length) {
    index.ids.splice(0, index.head);
    index.groups.splice(0, index.head);
    index.prints.splice(0, index.head);
    index.dropped += index.head;
    index.head = 0;
  }
  return forgotten;
}

function forgetOldest(index: CopyIndex, lookup: Lookup): void {
  const entry = index.dropped + index.head;
  if (lookup.sketches.delete(entry)) {
    // The band keys lead the entry's print.
    const bands = Buffer.from(index.prints[index.head] as string, 'base64');
    for (let band = 0; band < LSH_BANDS; band++) {
      const key = bucketKey(band, bands.readUInt32LE(band * 4));
      const bucket = lookup.buckets.get(key);
      // Buckets hold entries oldest first, and the oldest entry of all goes first: if the bucket
      // still holds it, it is at the front.
      if (bucket === entry) lookup.buckets.delete(key);
      else if (typeof bucket === 'object' && bucket[0] === entry) {
        bucket.shift();
        if (bucket.length === 1) lookup.buckets.set(key, bucket[0] as number);
      }
    }
  }
  index.ids[index.head] = '';
  index.groups[index.head] = '';
  index.prints[index.head] = '';
  index.head += 1;
}

/** Texts held, for metrics and tests. */
export function indexedTexts(index: CopyIndex): number {
  return index.prints.length - index.head;
}
