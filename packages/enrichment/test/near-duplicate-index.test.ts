import { describe, expect, it } from 'vitest';
import { shingleHashes } from '@sl/matching';
import { fingerprint, INLINE_SKETCH, MAX_CLUSTER_AUTHORS, NearDuplicateIndex, withAuthor } from '../src/dedupe/near-duplicate-index.ts';

const print = (text: string) => fingerprint(shingleHashes(text.split(' '), 3));
const cluster = (rootId: string) => ({ rootId, authors: [] });
const NO_BRANDS: ReadonlyMap<string, string> = new Map();

const TEXT = 'the kettle from acme arrived two days late and the box was crushed on one side';
const OTHER = 'support answered within the hour and swapped the blender without any fuss at all today';
const THIRD = 'my order of rocket skates was cancelled twice and nobody can tell me why it happened';

function index(options: Partial<ConstructorParameters<typeof NearDuplicateIndex>[0]> = {}): NearDuplicateIndex {
  return new NearDuplicateIndex({ capacity: 100, threshold: 0.6, maxBucketSize: 16, maxCandidates: 64, ...options });
}

describe('NearDuplicateIndex', () => {
  it('finds copies, most similar first, equally similar ones oldest first, never the excluded id', () => {
    const idx = index();
    idx.add('a', print(TEXT), cluster('a'), NO_BRANDS);
    idx.add('b', print(OTHER), cluster('b'), NO_BRANDS);
    idx.add('c', print(TEXT), cluster('a'), NO_BRANDS);
    idx.add('d', print(`${TEXT} again`), cluster('a'), NO_BRANDS);
    const found = idx.findSimilar(print(TEXT), 'c');
    expect(found.map((s) => [s.entry.id, s.similarity])).toEqual([
      ['a', 1],
      ['d', 14 / 15],
    ]);
  });

  it('forgets the least recently used past its capacity and counts it', () => {
    const idx = index({ capacity: 2 });
    const a = idx.add('a', print(TEXT), cluster('a'), NO_BRANDS);
    idx.add('b', print(OTHER), cluster('b'), NO_BRANDS);
    idx.touch(a);
    idx.add('c', print(THIRD), cluster('c'), NO_BRANDS);
    expect([idx.size, idx.evicted]).toEqual([2, 1]);
    expect(idx.findSimilar(print(OTHER), '').map((s) => s.entry.id)).toEqual([]);
    expect(idx.findSimilar(print(TEXT), '').map((s) => s.entry.id)).toEqual(['a']);
    // a was touched before c came: it is the oldest now, and its slot goes to d. Touching the
    // forgotten entry changes nothing: c is the next to go.
    idx.add('d', print(OTHER), cluster('d'), NO_BRANDS);
    idx.touch(a);
    idx.add('e', print(TEXT), cluster('e'), NO_BRANDS);
    expect([idx.size, idx.evicted]).toEqual([2, 3]);
    expect([TEXT, OTHER, THIRD].map((text) => idx.findSimilar(print(text), '').map((s) => s.entry.id))).toEqual([['e'], ['d'], []]);
  });

  it('keeps the newest maxBucketSize entries of a bucket, and compares at most maxCandidates', () => {
    const flood = index({ maxBucketSize: 3 });
    for (const id of ['a', 'b', 'c', 'd', 'e']) flood.add(id, print(TEXT), cluster('a'), NO_BRANDS);
    expect(flood.findSimilar(print(TEXT), '').map((s) => s.entry.id)).toEqual(['c', 'd', 'e']);
    const few = index({ maxCandidates: 2 });
    for (const id of ['a', 'b', 'c', 'd', 'e']) few.add(id, print(TEXT), cluster('a'), NO_BRANDS);
    expect(few.findSimilar(print(TEXT), 'e').map((s) => s.entry.id)).toEqual(['d']);
  });

  it('empties buckets of forgotten entries, so a full index keeps finding what it holds', () => {
    const idx = index({ capacity: 3, maxBucketSize: 2 });
    const texts = [TEXT, OTHER, THIRD, `${TEXT} and more`, `${OTHER} and more`, `${THIRD} and more`];
    texts.forEach((text, i) => {
      idx.add(String(i), print(text), cluster(String(i)), NO_BRANDS);
    });
    expect([idx.size, idx.evicted]).toEqual([3, 3]);
    expect(texts.map((text) => idx.findSimilar(print(text), '').map((s) => s.entry.id))).toEqual([
      ['3'],
      ['4'],
      ['5'],
      ['3'],
      ['4'],
      ['5'],
    ]);
  });

  it('keeps a sketch longer than the shared slots in an array of its own, and drops it with its entry', () => {
    const words = Array.from({ length: 70 }, (_, i) => `word${i}`);
    const long = words.join(' ');
    // 68 shingles, all in the sketch; the copy drops the last word (67 of them, all shared).
    expect(print(long).sketch.length).toBe(68);
    expect(INLINE_SKETCH).toBeLessThan(68);
    const idx = index({ capacity: 2 });
    idx.add('long', print(long), cluster('long'), NO_BRANDS);
    idx.add('short', print(TEXT), cluster('short'), NO_BRANDS);
    expect(idx.findSimilar(print(words.slice(0, 69).join(' ')), '').map((s) => [s.entry.id, s.similarity])).toEqual([['long', 67 / 68]]);
    // 'long' is forgotten and its slot taken by a short text: its sketch is read from the shared array.
    idx.add('third', print(THIRD), cluster('third'), NO_BRANDS);
    expect([idx.findSimilar(print(long), ''), idx.findSimilar(print(THIRD), '').map((s) => s.entry.id)]).toEqual([[], ['third']]);
  });

  it('forgets entries cut from full buckets and entries still in them alike', () => {
    const idx = index({ capacity: 3, maxBucketSize: 2 });
    // a and b are cut from TEXT's buckets by c and d; a then b leave the index (least recently used).
    for (const id of ['a', 'b', 'c', 'd']) idx.add(id, print(TEXT), cluster('a'), NO_BRANDS);
    idx.add('e', print(OTHER), cluster('e'), NO_BRANDS);
    expect([idx.size, idx.evicted]).toEqual([3, 2]);
    expect(idx.findSimilar(print(TEXT), '').map((s) => s.entry.id)).toEqual(['c', 'd']);
    // c leaves while still in its buckets (f comes), then d, behind g in them (g comes).
    idx.add('f', print(THIRD), cluster('f'), NO_BRANDS);
    idx.add('g', print(TEXT), cluster('a'), NO_BRANDS);
    expect([idx.size, idx.evicted]).toEqual([3, 4]);
    expect([TEXT, OTHER, THIRD].map((text) => idx.findSimilar(print(text), '').map((s) => s.entry.id))).toEqual([['g'], ['e'], ['f']]);
  });
});

describe('withAuthor', () => {
  it('adds an author once, up to MAX_CLUSTER_AUTHORS, in a new array each time', () => {
    const copies = { rootId: 'a', authors: [] as readonly string[] };
    withAuthor(copies, 'x');
    const first = copies.authors;
    withAuthor(copies, 'y');
    withAuthor(copies, 'x');
    expect([first, copies.authors]).toEqual([['x'], ['x', 'y']]);
    for (let i = 0; i < 40; i++) withAuthor(copies, `author${i}`);
    expect([copies.authors.length, copies.authors.at(-1)]).toEqual([MAX_CLUSTER_AUTHORS, 'author29']);
  });
});
