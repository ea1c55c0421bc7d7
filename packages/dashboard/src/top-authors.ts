// Top authors of a range: the brand's counted mentions per author (a handle on a source), the
// brand's own accounts left out, ranked by mentions, then followers, handle and source — exactly
// the archive's answer (top-authors-sql.ts computes it from the archive alone, for the tests and
// the benchmark). The range's whole UTC days are added up from cached author blocks (a month's
// when the range holds all of the month's dates, else a day's: author-block-cache.ts), its cut
// days (bounds that are not UTC midnights) from the archive, read for each request.
import { addCompensated, compensatedSum, compensatedTotal } from '@sl/rollups';
import { readAnswered } from './author-answered.ts';
import { authorBlockCache } from './author-block-cache.ts';
import { planDayBlocks } from './aggregate-days.ts';
import { type AuthorBlock, type AuthorDictionary, compareText, readAuthorBlock } from './author-blocks.ts';
import { isBrandHandle } from './brand-handles.ts';
import type { DashboardStore } from './dashboard-store.ts';
import type { BrandInfo } from './rollup-widgets.ts';
import type { TimeRange } from './time-range.ts';

export interface TopAuthor {
  handle: string;
  name: string | null;
  source: string;
  followers: number | null;
  /** Counted mentions of the brand by this author in the range (spam and duplicates left out). */
  mentions: number;
  /** likes + shares + replies over those mentions. */
  engagement: number;
  meanSentiment: number | null;
  /** Whether one of the brand's own handles replied to any of them. */
  answered: boolean;
}

export interface TopAuthors {
  brand: string;
  authors: TopAuthor[];
  /**
   * What author_days folded into "others" rows in the range (a flush over ROLLUP_MAX_AUTHORS_PER_DAY
   * authors of one brand and day): those mentions are in no author's count above. Zero when none.
   */
  folded: { authors: number; mentions: number };
}

/**
 * A sum of doubles to 12 significant digits. Its last bits depend on the order it was added in
 * (per-day rows or mentions, DuckDB's threads), and the answer must not: the sums are compensated
 * (fsum in DuckDB, addCompensated here and in the writers), so they agree far below the 12th digit.
 */
export const rounded = (value: number | null): number | null => (value === null ? null : Number(value.toPrecision(12)));

/**
 * A mean sentiment (scores from -1 to 1) to 12 decimal places. Not significant digits: a mean whose
 * scores cancel out is 0 up to the sums' last bits (±1e-17, a different residue in each order of
 * addition), and only a fixed number of places makes both orders print 0. The + 0 turns -0 into 0.
 */
export const roundedMean = (value: number | null): number | null => (value === null ? null : Number(value.toFixed(12)) + 0);

/** The per-author totals the ranking needs, over every block read. */
interface Totals {
  mentions: Float64Array;
  /** -Infinity: no follower count known (NULLS LAST). */
  followers: Float64Array;
}

function addUp(blocks: readonly AuthorBlock[], authors: number): Totals {
  const totals: Totals = { mentions: new Float64Array(authors), followers: new Float64Array(authors).fill(Number.NEGATIVE_INFINITY) };
  for (const block of blocks) {
    const { ids, mentions, followers } = block;
    for (let i = 0; i < block.rows; i += 1) {
      const id = ids[i] as number;
      totals.mentions[id] = (totals.mentions[id] as number) + (mentions[i] as number);
      const f = followers[i] as number;
      if (f > (totals.followers[id] as number)) totals.followers[id] = f; // NaN (null) never is
    }
  }
  return totals;
}

/** The `limit` best authors, best first, by a bounded heap (worst on top): one pass over the authors. */
function rank(brand: BrandInfo, dictionary: AuthorDictionary, totals: Totals, limit: number): number[] {
  const better = (a: number, b: number): boolean => {
    const ma = totals.mentions[a] as number;
    const mb = totals.mentions[b] as number;
    if (ma !== mb) return ma > mb;
    const fa = totals.followers[a] as number;
    const fb = totals.followers[b] as number;
    if (fa !== fb) return fa > fb;
    const byHandle = compareText(dictionary.handles[a] as string, dictionary.handles[b] as string);
    if (byHandle !== 0) return byHandle < 0;
    return compareText(dictionary.sources[a] as string, dictionary.sources[b] as string) < 0;
  };
  const heap: number[] = [];
  const down = (at: number) => {
    for (;;) {
      const l = 2 * at + 1;
      const r = l + 1;
      let worst = at;
      if (l < heap.length && better(heap[worst] as number, heap[l] as number)) worst = l;
      if (r < heap.length && better(heap[worst] as number, heap[r] as number)) worst = r;
      if (worst === at) return;
      [heap[at], heap[worst]] = [heap[worst] as number, heap[at] as number];
      at = worst;
    }
  };
  for (let id = 0; id < totals.mentions.length; id += 1) {
    if ((totals.mentions[id] as number) === 0) continue;
    if (heap.length === limit && !better(id, heap[0] as number)) continue;
    if (isBrandHandle(brand, dictionary.sources[id] as string, dictionary.handles[id] as string)) continue;
    if (heap.length < limit) {
      heap.push(id);
      for (let at = heap.length - 1; at > 0; ) {
        const parent = (at - 1) >> 1;
        if (!better(heap[parent] as number, heap[at] as number)) break;
        [heap[at], heap[parent]] = [heap[parent] as number, heap[at] as number];
        at = parent;
      }
    } else {
      heap[0] = id;
      down(0);
    }
  }
  return heap.sort((a, b) => (better(a, b) ? -1 : 1));
}

/** Top authors of the range; see the file's comment. "Answered" reads brand_replies (author-answered.ts). */
export async function readTopAuthors(store: DashboardStore, brand: BrandInfo, range: TimeRange, limit: number): Promise<TopAuthors> {
  const cache = authorBlockCache(store);
  const dictionary = cache.dictionary(brand.id);
  const plan = planDayBlocks(store, brand.id, 'author_days', range);
  const blocks: AuthorBlock[] = [];
  // One block at a time (each read a date at a time): a cold start never holds more than one
  // date's answer from DuckDB at once.
  for (const b of plan.blocks) blocks.push(await cache.block(brand.id, b.slot, b.key, b.source));
  if (plan.cut !== null) blocks.push(await readAuthorBlock(store, dictionary, brand.id, plan.cut));
  const folded = { authors: 0, mentions: 0 };
  for (const block of blocks) {
    folded.authors += block.folded.authors;
    folded.mentions += block.folded.mentions;
  }
  const top = rank(brand, dictionary, addUp(blocks, dictionary.sources.length), limit);
  // The shown authors' other figures, from the same blocks.
  const position = new Int32Array(dictionary.sources.length).fill(-1);
  top.forEach((id, i) => {
    position[id] = i;
  });
  const shown = top.map((id) => ({
    source: dictionary.sources[id] as string,
    handle: dictionary.handles[id] as string,
    name: null as string | null,
    followers: Number.NEGATIVE_INFINITY,
    mentions: 0,
    engagement: 0,
    sentiment: compensatedSum(),
    scored: false,
  }));
  for (const block of blocks) {
    for (let i = 0; i < block.rows; i += 1) {
      const at = position[block.ids[i] as number] as number;
      if (at < 0) continue;
      const author = shown[at] as (typeof shown)[number];
      author.mentions += block.mentions[i] as number;
      author.followers = Math.max(
        author.followers,
        Number.isNaN(block.followers[i]) ? Number.NEGATIVE_INFINITY : (block.followers[i] as number),
      );
      if (!Number.isNaN(block.engagement[i])) author.engagement += block.engagement[i] as number;
      if (!Number.isNaN(block.sentimentSum[i])) {
        addCompensated(author.sentiment, block.sentimentSum[i] as number);
        author.scored = true;
      }
      const name = block.nameIds[i] as number;
      if (name >= 0 && (author.name === null || compareText(dictionary.names[name] as string, author.name) > 0))
        author.name = dictionary.names[name] as string;
    }
  }
  const answered = await readAnswered(store, brand, range, shown);
  return {
    brand: brand.id,
    authors: shown.map((a) => ({
      handle: a.handle,
      name: a.name,
      source: a.source,
      followers: a.followers === Number.NEGATIVE_INFINITY ? null : a.followers,
      mentions: a.mentions,
      engagement: a.engagement,
      meanSentiment: a.scored ? roundedMean(compensatedTotal(a.sentiment) / a.mentions) : null,
      answered: answered.has(`${a.source}\u0000${a.handle}`),
    })),
    folded,
  };
}
