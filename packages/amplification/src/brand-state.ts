// Everything the engine keeps for one brand, as plain JSON-able data so a snapshot is one
// JSON.stringify and a restore one JSON.parse.
import type { AuthorStats } from './author-stats.ts';
import type { TrackedPost } from './post-tracker.ts';
import { newVolumeBaseline, type VolumeBaseline } from './volume-baseline.ts';
import type { WindowTally } from './window-tally.ts';

export interface OpenQuestion {
  id: string;
  author: string;
  text: string;
  askedAt: number;
  /** Event time by which a reply from the brand was due. */
  dueAt: number;
  url: string | null;
}

export interface BrandState {
  /** The latest event time seen for the brand. */
  watermark: number;
  /** Window length the windows and baseline were built with; a change starts them afresh. */
  windowMs: number;
  /** Open windows by start. */
  windows: Record<string, WindowTally>;
  /** Start of the newest window folded into the baseline; null before the first. */
  lastClosed: number | null;
  /** That window's tally without its author table: a surge is also judged over two windows. */
  previous: WindowTally | null;
  baseline: VolumeBaseline;
  /** Event time until which a kind (or kind:subject) stays quiet. */
  quietUntil: Record<string, number>;
  authors: Record<string, AuthorStats>;
  authorCount: number;
  posts: Record<string, TrackedPost>;
  postCount: number;
  questions: Record<string, OpenQuestion>;
  /** Questions past due without a reply, waiting for their window to close. */
  unanswered: OpenQuestion[];
}

export function newBrandState(windowMs: number): BrandState {
  return {
    watermark: 0,
    windowMs,
    windows: {},
    lastClosed: null,
    previous: null,
    baseline: newVolumeBaseline(),
    quietUntil: {},
    authors: {},
    authorCount: 0,
    posts: {},
    postCount: 0,
    questions: {},
    unanswered: [],
  };
}

/** The whole state of one input partition. */
export interface PartitionState {
  format: typeof STATE_FORMAT;
  brands: Record<string, BrandState>;
}

/** Bumped when the layout above changes; an unknown format is rebuilt from the input. */
export const STATE_FORMAT = 1;
