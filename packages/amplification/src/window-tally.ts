// One brand's counts for one open window. Each author counts at most `cap` times, so a single
// noisy account (a bot, an angry customer posting fifty times) cannot make a spike or a surge on
// its own: the cap is a quarter of the window's expected count (at least 3), and a spike needs
// three times the expected count, so it takes many voices. Likewise one conversation cannot make a
// volume spike on its own: replies to one post count toward a spike at most `cap` times (a post
// whose replies pour in is a viral post, and the viral detector says so). They still count toward
// a negative surge: a wave of complaints under one post is a crisis all the same.

/** The least number of one author's mentions that count in a window. */
export const MIN_AUTHOR_CAP = 3;

export function authorCap(expected: number): number {
  return Math.max(MIN_AUTHOR_CAP, Math.ceil(expected / 4));
}
/** Distinct authors tracked per window by default (EngineLimits.maxWindowAuthors); later new authors count without the cap. */
export const DEFAULT_MAX_WINDOW_AUTHORS = 20_000;
export const MAX_MENTION_IDS = 50;
export const MAX_SAMPLES = 3;

export interface Sample {
  id: string;
  text: string;
  /** What ranks the sample: followers for volume, -compound for negativity. */
  rank: number;
}

export interface WindowTally {
  start: number;
  /** Mentions of one author that count in this window. */
  cap: number;
  /** Mentions counted, capped per author. */
  count: number;
  /** Negative mentions counted, capped per author. */
  negatives: number;
  /** Sum of sentiment compounds of counted mentions. */
  sentimentSum: number;
  /** Mentions seen, uncapped: what the rollups count for the window. */
  raw: number;
  /** Negative mentions seen, uncapped: the rollups' `negative` for the window. */
  rawNegatives: number;
  perAuthor: Record<string, number>;
  trackedAuthors: number;
  /** Counted replies per parent post (`source:parentId`). */
  perThread: Record<string, number>;
  /** Counted replies past the cap of their post's conversation: left out of the spike's count. */
  threadExcess: number;
  mentionIds: string[];
  negativeIds: string[];
  loudest: Sample[];
  mostNegative: Sample[];
  /** Kinds already raised for this window. */
  fired: string[];
}

export function newWindowTally(start: number, cap = MIN_AUTHOR_CAP): WindowTally {
  return {
    start,
    cap,
    count: 0,
    negatives: 0,
    sentimentSum: 0,
    raw: 0,
    rawNegatives: 0,
    perAuthor: {},
    trackedAuthors: 0,
    perThread: {},
    threadExcess: 0,
    mentionIds: [],
    negativeIds: [],
    loudest: [],
    mostNegative: [],
    fired: [],
  };
}

export interface TalliedMention {
  id: string;
  author: string;
  /** The post it replies to (`source:parentId`), null for a post of its own. */
  thread: string | null;
  text: string;
  followers: number;
  compound: number;
  negative: boolean;
}

/**
 * Adds a mention; `counted` false when its author is past the cap and it did not count,
 * `untracked` true when it counted without the cap because `maxAuthors` authors are tracked.
 */
export function addToTally(
  tally: WindowTally,
  mention: TalliedMention,
  maxAuthors = DEFAULT_MAX_WINDOW_AUTHORS,
): { counted: boolean; untracked: boolean } {
  tally.raw += 1;
  if (mention.negative) tally.rawNegatives += 1;
  const seen = tally.perAuthor[mention.author];
  let untracked = false;
  if (seen === undefined) {
    if (tally.trackedAuthors < maxAuthors) {
      tally.perAuthor[mention.author] = 1;
      tally.trackedAuthors += 1;
    } else untracked = true;
  } else {
    if (seen >= tally.cap) return { counted: false, untracked };
    tally.perAuthor[mention.author] = seen + 1;
  }
  tally.count += 1;
  if (mention.thread !== null) {
    const replies = (tally.perThread[mention.thread] ?? 0) + 1;
    // Threads are tracked as far as authors are: both bound the tally's size.
    if (replies > 1 || tally.trackedAuthors < maxAuthors) tally.perThread[mention.thread] = replies;
    if (replies > tally.cap) tally.threadExcess += 1;
  }
  tally.sentimentSum += mention.compound;
  if (tally.mentionIds.length < MAX_MENTION_IDS) tally.mentionIds.push(mention.id);
  keepTop(tally.loudest, { id: mention.id, text: mention.text, rank: mention.followers });
  if (mention.negative) {
    tally.negatives += 1;
    if (tally.negativeIds.length < MAX_MENTION_IDS) tally.negativeIds.push(mention.id);
    keepTop(tally.mostNegative, { id: mention.id, text: mention.text, rank: -mention.compound });
  }
  return { counted: true, untracked };
}

/** Keeps the MAX_SAMPLES highest ranks; ties go to the earlier mention, so replays agree. */
function keepTop(samples: Sample[], sample: Sample): void {
  const lowest = samples[samples.length - 1];
  if (samples.length >= MAX_SAMPLES && lowest !== undefined && sample.rank <= lowest.rank) return;
  samples.push({ ...sample, text: excerpt(sample.text) });
  samples.sort((a, b) => b.rank - a.rank);
  if (samples.length > MAX_SAMPLES) samples.length = MAX_SAMPLES;
}

/** A short, single-line excerpt for alerts. */
export function excerpt(text: string, max = 280): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length <= max ? line : `${line.slice(0, max - 1)}…`;
}
