import { describe, expect, it } from 'vitest';
import { newBrandState, STATE_FORMAT } from '../src/brand-state.ts';
import {
  addText,
  type CopyIndex,
  findCopies,
  indexedTexts,
  newCopyIndex,
  PRINTED_CHARS,
  type TextPrint,
  textPrint,
} from '../src/copy-index.ts';
import { decodeState, encodeState } from '../src/snapshot-codec.ts';

const print = (text: string): TextPrint => {
  const p = textPrint(text);
  if (p === null) throw new Error(`no print for ${text}`);
  return p;
};
const story = (n: number) =>
  `story ${n}: the acme rocket skates rolled ${n} miles past the canyon before the wheels gave out near mile ${n * 3}`;

describe('copy index', () => {
  it('prints texts of 8 words or more, and only their first PRINTED_CHARS characters', () => {
    expect(textPrint('acme skates are great fun')).toBeNull();
    expect(textPrint('acme rocket skates are great fun for the whole family')?.bands).toHaveLength(20);
    const long = `${'acme rocket skates roll far '.repeat(100)}`;
    expect(long.length).toBeGreaterThan(PRINTED_CHARS);
    expect(print(`${long} and then something else entirely different here`)).toEqual(
      print(`${long} but another ending that a print never reads`),
    );
  });

  it('finds the indexed copies of a text with the group each joined, never the text itself', () => {
    const index = newCopyIndex();
    addText(index, 'a', 'a', print(story(1)), 100);
    addText(index, 'b', 'a', print(`${story(1)} again`), 100);
    addText(index, 'c', 'c', print(story(2)), 100);
    expect(findCopies(index, print(story(1)), 'x')).toEqual([
      { id: 'b', group: 'a' },
      { id: 'a', group: 'a' },
    ]);
    expect(findCopies(index, print(story(1)), 'a')).toEqual([{ id: 'b', group: 'a' }]);
    expect(findCopies(index, print(story(3)), 'x')).toEqual([]);
  });

  it('forgets the oldest texts past its capacity', () => {
    const index = newCopyIndex();
    for (let n = 1; n <= 5; n++) addText(index, `s${n}`, `s${n}`, print(story(n)), 3);
    expect(indexedTexts(index)).toBe(3);
    expect(findCopies(index, print(story(2)), 'x')).toEqual([]);
    expect(findCopies(index, print(story(3)), 'x')).toEqual([{ id: 's3', group: 's3' }]);
  });

  it('compares the newest 16 copies of a flooded text, in the order the texts were added', () => {
    const index = newCopyIndex();
    for (let n = 0; n < 40; n++) addText(index, `c${n}`, 'c0', print(`${story(7)} copy`), 1_000);
    const found = findCopies(index, print(story(7)), 'x');
    expect(found.map((c) => c.id)).toEqual(Array.from({ length: 16 }, (_, i) => `c${39 - i}`));
  });

  it('answers the same after a snapshot round trip as before it, and keeps doing so as texts are added', () => {
    const live = newCopyIndex();
    for (let n = 0; n < 4_500; n++) addText(live, `m${n}`, `g${n % 50}`, print(story(n % 700)), 2_000);
    const st = newBrandState(60_000);
    st.copyIndex = live;
    const decoded = decodeState(encodeState({ format: STATE_FORMAT, ingestWatermark: null, brands: { acme: st } }), STATE_FORMAT);
    const restored = decoded?.brands.acme?.copyIndex as CopyIndex;
    expect(indexedTexts(restored)).toBe(2_000);
    // Compacted once the head passed half the arrays.
    expect(live.dropped).toBeGreaterThan(0);
    const probes = [3, 350, 699, 1_234].map((n) => print(story(n)));
    for (const p of probes) expect(findCopies(restored, p, 'x')).toEqual(findCopies(live, p, 'x'));
    for (let n = 4_500; n < 5_000; n++) {
      addText(live, `m${n}`, `g${n % 50}`, print(story(n % 900)), 2_000);
      addText(restored, `m${n}`, `g${n % 50}`, print(story(n % 900)), 2_000);
    }
    for (const p of probes) expect(findCopies(restored, p, 'x')).toEqual(findCopies(live, p, 'x'));
    expect(indexedTexts(restored)).toBe(2_000);
  });
});
