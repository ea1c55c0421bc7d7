// Everything the engine keeps for one brand: plain data, JSON-able but for the two large memories
// kept packed (the waiting mentions and the copy index), which the snapshot codec
// (snapshot-codec.ts) writes as binary sections beside the JSON.
import type { AuthorStats } from './author-stats.ts';
import { type CopyIndex, newCopyIndex } from './copy-index.ts';
import type { Holds } from './brand-watermark.ts';
import { newPendingMentions, type PendingMentions } from './pending-mentions.ts';
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

/** Copies of one text, judged in event-time order (copy-links.ts). */
export interface CopyGroup {
  /** Event time of the earliest copy judged: the original. */
  firstAt: number;
  /** Authors who posted the text (a question asked by each is a question of each), at most 50. */
  authors: string[];
}

export interface BrandState {
  /** Event-time watermark: mentions up to it have been judged, in event-time order; null before the first. */
  watermark: number | null;
  /** Mentions waiting for the watermark, encoded (pending-mentions.ts), in arrival order but for what a sliced release left in judge order. */
  pending: PendingMentions;
  /** The earliest event time among them (a large number when none; JSON has no Infinity). */
  pendingFrom: number;
  /** Backfill holds on the watermark (see brand-watermark.ts). */
  holds: Holds;
  /** Mentions that arrived behind the watermark: judged by per-mention detectors only. */
  late: number;
  /** Mentions that arrived more than the lateness horizon behind: left out of every detector. */
  tooLate: number;
  /** Copy groups by the id of their first copy; the oldest made are forgotten past the cap. */
  copies: Record<string, CopyGroup>;
  /** Copy group keys in the order they were made, oldest first, from copyHead on. */
  copyOrder: string[];
  copyHead: number;
  /** The brand's judged texts, for finding copies in event time (copy-index.ts). */
  copyIndex: CopyIndex;
  /** Tracked post ids by normalised URL, so replies from other sources find their parent. */
  postsByUrl: Record<string, string>;
  /** Total engagement of the brand's recent posts (others' posts, not spam, not copies), oldest first. */
  recentPostTotals: number[];
  /** Their 90th percentile, as of the last recomputation. */
  typicalPostTotal: number;
  /** Posts remembered in all, for recomputing the percentile every 20. */
  postsRemembered: number;
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
    watermark: null,
    pending: newPendingMentions(),
    pendingFrom: Number.MAX_SAFE_INTEGER,
    holds: {},
    late: 0,
    tooLate: 0,
    copies: {},
    copyOrder: [],
    copyHead: 0,
    copyIndex: newCopyIndex(),
    postsByUrl: {},
    recentPostTotals: [],
    typicalPostTotal: 0,
    postsRemembered: 0,
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
  /** The latest ingest watermark applied (epoch ms); null before the first tick. */
  ingestWatermark: number | null;
  brands: Record<string, BrandState>;
}

/** Bumped when the layout above changes; an unknown format is rebuilt from the input. */
export const STATE_FORMAT = 5;
