// A snapshot restores the state exactly: an engine restored from one goes on to give what the
// engine that took it gives, whether it is read as one Buffer or as the pieces it was written in,
// and snapshots of the earlier writers (format 4; format 5 as one record) still restore.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { gunzipSync } from 'node:zlib';
import { createAmplificationEngine, decodeState, encodeState, encodeStatePieces, MEMBER_BYTES, STATE_FORMAT } from '../src/index.ts';
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

  it('writes the state in pieces of whole gzip members that restore exactly, as a list or joined', () => {
    const pieceBytes = 4_096;
    const pieces = [...encodeStatePieces(createAmplificationEngine(decodeState(reference.snapshot, STATE_FORMAT), SNAPSHOT_LIMITS).snapshot(), pieceBytes)];
    expect(pieces.length).toBeGreaterThan(20);
    // Each piece inflates on its own (whole members) to at most a member's bytes.
    for (const piece of pieces) expect(gunzipSync(piece).length).toBeLessThanOrEqual(pieceBytes);
    expect(Buffer.concat(pieces.map((p) => gunzipSync(p)))).toEqual(gunzipSync(reference.snapshot));
    for (const bytes of [pieces, Buffer.concat(pieces)]) {
      const restored = createAmplificationEngine(decodeState(bytes, STATE_FORMAT), SNAPSHOT_LIMITS);
      expect(restored.sizes()).toEqual(reference.atSnapshot);
      expect(feed(restored, after, true)).toEqual(reference.out);
    }
  });

  it('joins the default pieces into what encodeState returns, none inflating past a member', () => {
    const pieces = [...encodeStatePieces(createAmplificationEngine(decodeState(reference.snapshot, STATE_FORMAT), SNAPSHOT_LIMITS).snapshot())];
    expect(Buffer.concat(pieces)).toEqual(reference.snapshot);
    for (const piece of pieces) expect(gunzipSync(piece).length).toBeLessThanOrEqual(MEMBER_BYTES);
  });

  it('restores a format 5 snapshot written as one Buffer by the code before chunked snapshots', () => {
    // fixtures/state-format-5.gz: encodeState of e558cd1 on the engine fed `before`.
    const old = fs.readFileSync(new URL('./fixtures/state-format-5.gz', import.meta.url));
    const restored = createAmplificationEngine(decodeState(old, STATE_FORMAT), SNAPSHOT_LIMITS);
    expect(restored.sizes()).toEqual(reference.atSnapshot);
    expect(feed(restored, after, true)).toEqual(reference.out);
  });

  it('reads no other format', () => {
    expect(decodeState(reference.snapshot, 3)).toBeUndefined();
    expect(decodeState(reference.snapshot, STATE_FORMAT + 1)).toBeUndefined();
  });
});
