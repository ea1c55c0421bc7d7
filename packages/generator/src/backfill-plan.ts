// How the demo sends generated history through the pipeline: in slices of half a window, so the
// feed holds one slice at a time, in event-time order, a brand's answers after the questions they
// answer. Nothing needs more since the amplification worker judges in event time behind a
// watermark (a brand being backfilled waits until its history is in); the order is kept because
// it is free and makes the feed's progress lines read naturally.
import type { BrandProfile } from './brand-profiles.ts';
import type { Generator } from './create-generator.ts';
import type { MentionJson } from './mention-json.ts';
import { localHandle } from './source-shapes.ts';

/** The brands' alert window (examples/brands.yaml: windowMinutes 15, aligned to UTC). */
export const ALERT_WINDOW_MS = 15 * 60_000;
/** History is sent in slices this long (half a window), each inside one window. */
export const BACKFILL_SLICE_MS = ALERT_WINDOW_MS / 2;

/** [from, to) cut at slice boundaries (multiples of `sliceMs` since the epoch). */
export function backfillSlices(from: number, to: number, sliceMs = BACKFILL_SLICE_MS): Array<[number, number]> {
  const slices: Array<[number, number]> = [];
  for (let t = from; t < to; ) {
    const end = Math.min(to, (Math.floor(t / sliceMs) + 1) * sliceMs);
    slices.push([t, end]);
    t = end;
  }
  return slices;
}

/**
 * Where a backfill of `historyMs` before `now` starts: on a window boundary (a partial first
 * window would become that hour's baseline), or where an earlier run stopped, if more recent.
 */
export function backfillStart(now: number, historyMs: number, resumeFrom?: number): number {
  const aligned = Math.floor((now - historyMs) / ALERT_WINDOW_MS) * ALERT_WINDOW_MS;
  return resumeFrom !== undefined && resumeFrom > aligned && resumeFrom <= now ? resumeFrom : aligned;
}

/** True when the mention was posted by one of the brands' own accounts. */
export function isOwnAccount(brands: readonly BrandProfile[], mention: MentionJson): boolean {
  const handle = localHandle(mention.author.handle).toLowerCase();
  return brands.some((b) => b.handles.some((h) => h.toLowerCase() === handle));
}

/** A slice's mentions in send order: everything else first, then the brands' answers to questions in the same slice. */
export function sliceWaves(brands: readonly BrandProfile[], mentions: readonly MentionJson[]): MentionJson[][] {
  const ids = new Set(mentions.map((m) => `${m.source}:${m.id}`));
  const first: MentionJson[] = [];
  const answers: MentionJson[] = [];
  for (const m of mentions) {
    const answersHere = m.parentId !== undefined && ids.has(`${m.source}:${m.parentId}`) && isOwnAccount(brands, m);
    (answersHere ? answers : first).push(m);
  }
  return answers.length > 0 ? [first, answers] : [first];
}

export interface BackfillWave {
  mentions: MentionJson[];
  /** The end of the slice the wave belongs to (epoch ms): how far the history has got. */
  until: number;
}

/** The generator's history over [from, to) as waves to send one after another, each read before the next. */
export function* backfillWaves(generator: Generator, from: number, to: number): IterableIterator<BackfillWave> {
  for (const [a, b] of backfillSlices(from, to)) {
    for (const mentions of sliceWaves(generator.brands, generator.history(a, b))) yield { mentions, until: b };
  }
}
