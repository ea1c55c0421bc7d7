// A snapshot restores the state exactly: an engine restored from one goes on to give what the
// engine that took it gives, and a snapshot of the previous layout (format 4) still restores.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createAmplificationEngine, decodeState, encodeState, STATE_FORMAT } from '../src/index.ts';
import { decodePending, encodePending } from '../src/pending-mentions.ts';
import { feed, SNAPSHOT_LIMITS, snapshotInput } from './snapshot-input.ts';

const { before, after } = snapshotInput();

/** The engine fed `before` without a break, then `after`: what every restored engine must match. */
function unbroken() {
  const engine = createAmplificationEngine(undefined, SNAPSHOT_LIMITS);
  feed(engine, before, false);
  const atSnapshot = engine.sizes();
  const snapshot = encodeState(engine.snapshot());
  return { atSnapshot, snapshot, out: feed(engine, after, true), sizes: engine.sizes() };
}
const reference = unbroken();

describe('snapshot codec', () => {
  it('gives a waiting mention back field for field', () => {
    const mention = before[before.length - 1];
    if (mention === undefined) throw new Error('no input');
    expect(decodePending(encodePending(mention))).toEqual(mention);
  });

  it('restores an engine that goes on exactly as the one that took the snapshot', () => {
    expect(reference.atSnapshot).toEqual({ authors: 320, copyTexts: 796, copyGroups: 642, posts: 642, pending: 200, questions: 0 });
    const restored = createAmplificationEngine(decodeState(reference.snapshot, STATE_FORMAT), SNAPSHOT_LIMITS);
    expect(restored.sizes()).toEqual(reference.atSnapshot);
    const out = feed(restored, after, true);
    // The backfill's release judges copies (corrections) and authors (influence) from the state.
    expect([out.corrections.length, out.influence.length]).toEqual([81, 319]);
    expect(out).toEqual(reference.out);
    expect(restored.sizes()).toEqual(reference.sizes);
  });

  it('restores a snapshot written in format 4 (waiting mentions as JSON, base64 prints)', () => {
    const old = fs.readFileSync(new URL('./fixtures/state-format-4.gz', import.meta.url));
    const restored = createAmplificationEngine(decodeState(old, 4), SNAPSHOT_LIMITS);
    expect(restored.sizes()).toEqual(reference.atSnapshot);
    expect(feed(restored, after, true)).toEqual(reference.out);
  });

  it('reads no other format', () => {
    expect(decodeState(reference.snapshot, 3)).toBeUndefined();
    expect(decodeState(reference.snapshot, STATE_FORMAT + 1)).toBeUndefined();
  });
});
