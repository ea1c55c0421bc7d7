// Top authors of a range: the brand's counted mentions per author (a handle on a source), the
// brand's own accounts left out, ranked by mentions, then followers, handle and source — exactly
// the archive's answer (top-authors-sql.ts computes it from the archive alone, for the tests and
// the benchmark). The range's whole UTC days are added up from cached author blocks (a month's
// when the range holds all of the month's dates, else a day's: author-block-cache.ts), its cut
// days (bounds that are not UTC midnights) from the archive, read for each request, and the
// range's verdict corrections as one more block of per-author changes (correction-deltas.ts).
import { addCompensated, compensatedSum, compensatedTotal } from '@sl/rollups';
import { readAnswered } from './author-answered.ts';
import { authorBlockCache } from './author-block-cache.ts';
import { type ArchiveListing, planDayBlocks } from './aggregate-days.ts';
import { AUTHORS_TABLE, type AuthorBlock, compareText, NAMES_TABLE, readAuthorBlock, readChangeBlock } from './author-blocks.ts';
import { authorCorrectionSql } from './correction-deltas.ts';
import { isBrandHandleSql } from './brand-handles.ts';
import type { DashboardStore, Params } from './dashboard-store.ts';
import { nullOf, valueAt } from './packed-column.ts';
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
    // Mentions are never null; a null follower count is NaN or the packed column's null mark, and
    // neither may win: the mark is tested once per row, not per call (this loop runs per author).
    const nullMark = nullOf(followers);
    for (let i = 0; i < block.rows; i += 1) {
      const id = ids[i] as number;
      totals.mentions[id] = (totals.mentions[id] as number) + (mentions[i] as number);
      const f = followers[i] as number;
      if (f !== nullMark && f > (totals.followers[id] as number)) totals.followers[id] = f; // NaN (null) never is
    }
  }
  return totals;
}

/** The shown authors: their numbers, sources and handles, best first. */
interface Ranked {
  ids: number[];
  sources: string[];
  handles: string[];
}

// Numbers this process gave out: safe to write into the SQL (an IN list is a hash lookup; a list
// parameter tested with list_contains was a scan of the list per row).
const idList = (ids: readonly number[]) => `(${ids.join(', ')})`;

const ownByStore = new WeakMap<
  DashboardStore,
  Map<string, { handles: string; upTo: number; ids: Set<number>; pending: Promise<unknown> }>
>();

/**
 * The numbers of the brand's own accounts among its authors, by the same SQL test as elsewhere;
 * only the authors numbered since the last call are tested (all of them when the handles change).
 * Calls for a brand run one after the other, so one made early (while the blocks load) leaves the
 * next only what was numbered since.
 */
async function ownAccounts(store: DashboardStore, brand: BrandInfo, authors: number): Promise<Set<number>> {
  let byBrand = ownByStore.get(store);
  if (byBrand === undefined) {
    byBrand = new Map();
    ownByStore.set(store, byBrand);
  }
  const handles = brand.handles.join(' ');
  let own = byBrand.get(brand.id);
  if (own === undefined || own.handles !== handles) {
    own = { handles, upTo: 0, ids: new Set(), pending: Promise.resolve() };
    byBrand.set(brand.id, own);
  }
  const mine = own;
  const done = mine.pending.then(async () => {
    if (mine.upTo < authors && brand.handles.length > 0) {
      const rows = await store.rows(
        `SELECT id FROM ${AUTHORS_TABLE} WHERE brand = $brand AND id >= $from AND id < $to AND ${isBrandHandleSql(brand)}`,
        { brand: brand.id, from: mine.upTo, to: authors },
      );
      for (const r of rows) mine.ids.add(Number(r.id));
    }
    mine.upTo = Math.max(mine.upTo, authors);
  });
  mine.pending = done.catch(() => undefined);
  await done;
  return mine.ids;
}

/**
 * The `limit` best authors, best first, in the archive query's order: mentions, then followers
 * (unknown last), then handle and source as DuckDB orders text. One pass keeps the best `limit` by
 * the numbers in a bounded heap (worst on top); the authors tied with the last of them on both
 * numbers are ordered by DuckDB, where their handles are, and so are the shown ones among
 * themselves. The brand's own accounts are found there too, by the same SQL test as elsewhere.
 */
async function rank(store: DashboardStore, brand: BrandInfo, totals: Totals, limit: number): Promise<Ranked> {
  // No author numbered yet (an empty store): nothing to rank, and no table to ask.
  if (totals.mentions.length === 0) return { ids: [], sources: [], handles: [] };
  const own = await ownAccounts(store, brand, totals.mentions.length);
  const compare = (a: number, b: number): number => {
    const ma = totals.mentions[a] as number;
    const mb = totals.mentions[b] as number;
    if (ma !== mb) return ma > mb ? 1 : -1;
    const fa = totals.followers[a] as number;
    const fb = totals.followers[b] as number;
    return fa === fb ? 0 : fa > fb ? 1 : -1;
  };
  const heap: number[] = [];
  const swap = (i: number, j: number) => {
    [heap[i], heap[j]] = [heap[j] as number, heap[i] as number];
  };
  for (let id = 0; id < totals.mentions.length; id += 1) {
    if ((totals.mentions[id] as number) === 0 || own.has(id)) continue;
    if (heap.length < limit) {
      heap.push(id);
      for (let at = heap.length - 1; at > 0 && compare(heap[(at - 1) >> 1] as number, heap[at] as number) > 0; at = (at - 1) >> 1)
        swap(at, (at - 1) >> 1);
    } else if (compare(id, heap[0] as number) > 0) {
      heap[0] = id;
      for (let at = 0; ; ) {
        const l = 2 * at + 1;
        let worst = at;
        if (l < heap.length && compare(heap[l] as number, heap[worst] as number) < 0) worst = l;
        if (l + 1 < heap.length && compare(heap[l + 1] as number, heap[worst] as number) < 0) worst = l + 1;
        if (worst === at) break;
        swap(at, worst);
        at = worst;
      }
    }
  }
  let chosen = heap;
  if (heap.length === limit) {
    // Every author strictly better than the heap's worst is in the heap; those equal to it compete
    // for the places left by handle and source.
    const last = heap[0] as number;
    const ahead = heap.filter((id) => compare(id, last) > 0);
    const tied: number[] = [];
    for (let id = 0; id < totals.mentions.length; id += 1) {
      if ((totals.mentions[id] as number) > 0 && !own.has(id) && compare(id, last) === 0) tied.push(id);
    }
    const places = limit - ahead.length;
    const picked =
      tied.length <= places
        ? tied
        : (
            await store.rows(
              `SELECT id FROM ${AUTHORS_TABLE} WHERE brand = $brand AND id IN ${idList(tied)} ORDER BY author_handle, source LIMIT $places`,
              { brand: brand.id, places },
            )
          ).map((r) => Number(r.id));
    chosen = [...ahead, ...picked];
  }
  if (chosen.length === 0) return { ids: [], sources: [], handles: [] };
  const named = await authorNames(store, brand.id, chosen);
  const ids = [...chosen].sort((a, b) => {
    const [sa, ha] = named.get(a) as [string, string];
    const [sb, hb] = named.get(b) as [string, string];
    return compare(b, a) || compareText(ha, hb) || compareText(sa, sb);
  });
  return {
    ids,
    sources: ids.map((id) => (named.get(id) as [string, string])[0]),
    handles: ids.map((id) => (named.get(id) as [string, string])[1]),
  };
}

const namesByStore = new WeakMap<DashboardStore, Map<string, Map<number, [string, string]>>>();
const NAMES_HELD = 10_000;

/**
 * Source and handle of the authors to show, from DuckDB; the last shown ones are kept here (at most
 * NAMES_HELD per brand), so the same range asked again asks DuckDB nothing.
 */
async function authorNames(store: DashboardStore, brandId: string, ids: readonly number[]): Promise<Map<number, [string, string]>> {
  let byBrand = namesByStore.get(store);
  if (byBrand === undefined) {
    byBrand = new Map();
    namesByStore.set(store, byBrand);
  }
  let held = byBrand.get(brandId);
  if (held === undefined || held.size > NAMES_HELD) {
    held = new Map();
    byBrand.set(brandId, held);
  }
  const missing = ids.filter((id) => !held.has(id));
  if (missing.length > 0) {
    const rows = await store.rows(
      `SELECT id, source, author_handle FROM ${AUTHORS_TABLE} WHERE brand = $brand AND id IN ${idList(missing)}`,
      {
        brand: brandId,
      },
    );
    for (const r of rows) held.set(Number(r.id), [String(r.source), String(r.author_handle)]);
  }
  return held;
}

/** Top authors of the range; see the file's comment. "Answered" reads brand_replies (author-answered.ts). */
export async function readTopAuthors(store: DashboardStore, brand: BrandInfo, range: TimeRange, limit: number): Promise<TopAuthors> {
  const cache = authorBlockCache(store);
  const dictionary = cache.dictionary(brand.id);
  // After a restart the numbering loads into DuckDB while the blocks load from disk; the brand's own
  // accounts among the numbered authors are looked for as soon as it is in, meanwhile too.
  const ownEarly = cache.numbered(brand.id).then(() => ownAccounts(store, brand, dictionary.authors));
  ownEarly.catch(() => undefined); // a failure is met again, and thrown, by rank's own call
  const listing: ArchiveListing = new Map();
  const plan = planDayBlocks(store, brand.id, 'author_days', range, { listing });
  // Asked all at once: those on disk load while the numbering does. Reads from DuckDB still run one
  // at a time (the dictionary's queue), so a cold start never holds more than one month's answer
  // from DuckDB at once.
  const blocks: AuthorBlock[] = await Promise.all(plan.blocks.map((b) => cache.block(brand.id, b.slot, b.key, b.source)));
  if (plan.cut !== null) blocks.push(await readAuthorBlock(store, dictionary, plan.cut));
  // The range's verdict corrections, as the rollups count them: read for each request (a few rows
  // a day, and none at all on a store without corrections in the range).
  const params: Params = {};
  const corrections = authorCorrectionSql(store, brand.id, range, params);
  if (corrections !== null) blocks.push(await readChangeBlock(store, dictionary, corrections, params));
  const folded = { authors: 0, mentions: 0 };
  for (const block of blocks) {
    folded.authors += block.folded.authors;
    folded.mentions += block.folded.mentions;
  }
  const top = await rank(store, brand, addUp(blocks, dictionary.authors), limit);
  // The shown authors' other figures, from the same blocks.
  const position = new Int32Array(dictionary.authors).fill(-1);
  top.ids.forEach((id, i) => {
    position[id] = i;
  });
  const shown = top.ids.map((_, i) => ({
    source: top.sources[i] as string,
    handle: top.handles[i] as string,
    nameIds: new Set<number>(),
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
      author.mentions += valueAt(block.mentions, i);
      const followers = valueAt(block.followers, i);
      author.followers = Math.max(author.followers, Number.isNaN(followers) ? Number.NEGATIVE_INFINITY : followers);
      const engagement = valueAt(block.engagement, i);
      if (!Number.isNaN(engagement)) author.engagement += engagement;
      if (!Number.isNaN(block.sentimentSum[i])) {
        addCompensated(author.sentiment, block.sentimentSum[i] as number);
        author.scored = true;
      }
      if ((block.nameIds[i] as number) >= 0) author.nameIds.add(block.nameIds[i] as number);
    }
  }
  // Each shown author's largest name (code-point order, DuckDB's max) among the few it has.
  const nameIds = [...new Set(shown.flatMap((a) => [...a.nameIds]))];
  if (nameIds.length > 0) {
    const names = new Map(
      (
        await store.rows(`SELECT id, name FROM ${NAMES_TABLE} WHERE brand = $brand AND id IN ${idList(nameIds)}`, {
          brand: brand.id,
        })
      ).map((r) => [Number(r.id), String(r.name)]),
    );
    for (const author of shown) {
      for (const id of author.nameIds) {
        const name = names.get(id) as string;
        if (author.name === null || compareText(name, author.name) > 0) author.name = name;
      }
    }
  }
  const answered = await readAnswered(store, brand, range, shown, listing);
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
