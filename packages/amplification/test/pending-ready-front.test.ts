import type { ScoredMention } from '@sl/contracts';
import { enrichedMentionFixture } from '@sl/testkit';
import { describe, expect, it } from 'vitest';
import {
  addPending,
  dropFront,
  keepPending,
  markReadyFront,
  newPendingMentions,
  pendingMention,
  readyFront,
  splitPending,
} from '../src/pending-mentions.ts';

const t0 = Date.UTC(2026, 10, 20, 12);
const scored = (n: number, at: number): ScoredMention => ({
  ...enrichedMentionFixture(n, 'acme', { text: `acme post ${n}`, publishedAt: at, ingestedAt: at + 500 }),
  sentiment: { compound: 0, label: 'neutral', drivers: [] },
});

/** 100 waiting mentions, event times shuffled, the ones up to `t0 + 59` ready. */
function sliced() {
  const pending = newPendingMentions();
  for (let n = 0; n < 100; n++) addPending(pending, scored(n, t0 + ((n * 37) % 100)));
  const { ready, waiting } = splitPending(pending, t0 + 59);
  const kept = keepPending(pending, ready.concat(waiting));
  markReadyFront(kept, t0 + 59, ready.length);
  return kept;
}

describe('a sliced release’s ready front', () => {
  it('is known for its own watermark only, and shrinks as its front is judged', () => {
    const pending = sliced();
    expect(readyFront(pending, t0 + 59)).toBe(60);
    expect(readyFront(pending, t0 + 60)).toBeUndefined();
    dropFront(pending, 25);
    expect(readyFront(pending, t0 + 59)).toBe(35);
    expect(pending.at.length).toBe(75);
    // What is left is the rest of the release in judge order, then the waiting ones, records intact.
    expect(pending.at.slice(0, 35)).toEqual(Array.from({ length: 35 }, (_, i) => t0 + 25 + i));
    expect(pendingMention(pending, 0).publishedAt).toBe(t0 + 25);
    expect(pending.at.slice(35).every((t) => t > t0 + 59)).toBe(true);
    dropFront(pending, 35);
    expect(readyFront(pending, t0 + 59)).toBeUndefined();
  });

  it('is forgotten when a mention at or before its watermark is added: it belongs among the ready ones', () => {
    const pending = sliced();
    addPending(pending, scored(100, t0));
    expect(readyFront(pending, t0 + 59)).toBeUndefined();
    const edge = sliced();
    addPending(edge, scored(101, t0 + 59));
    expect(readyFront(edge, t0 + 59)).toBeUndefined();
  });

  it('stands when a later mention is added (live traffic during a sliced release): it goes after the front', () => {
    const pending = sliced();
    addPending(pending, scored(100, t0 + 60));
    expect(readyFront(pending, t0 + 59)).toBe(60);
    expect(pending.at.slice(0, 60).every((t) => t <= t0 + 59)).toBe(true);
    expect(pending.at.at(-1)).toBe(t0 + 60);
  });
});
