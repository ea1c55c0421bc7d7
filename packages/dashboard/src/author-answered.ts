// Whether the brand answered a shown author: one of the brand's own handles replied to one of the
// author's counted mentions in the range. A reply comes after what it answers: the brand's replies
// are looked for from the range's start, in brand_replies where it covers a date and in the archive
// elsewhere; only when there are any is the archive read for the shown authors' replied-to
// mentions. parent_id is the replied-to mention's sourceId, on the same source. The replies of
// whole dates are cached by the names of the files they come from and the brand's handles (a
// month or a day per entry, a few rows each: a brand's replies, not its mentions); reading them
// again from a year of files was most of top authors' time once the authors themselves were cached,
// and, after a restart, once the blocks loaded from disk: the cached slots are kept in the summary
// folder too (reply-summary-file.ts).
import { type ArchiveListing, type BlockSource, planDayBlocks } from './aggregate-days.ts';
import { isBrandHandleSql } from './brand-handles.ts';
import type { DashboardStore, Params } from './dashboard-store.ts';
import { type BrandInfo, rangeConditions, rangeDays } from './rollup-widgets.ts';
import { type HeldReplies, isSettled, loadReplies, type Reply, saveReplies } from './reply-summary-file.ts';
import type { TimeRange } from './time-range.ts';

/** The shown authors the brand answered, as keys `source\u0000handle`. */
export async function readAnswered(
  store: DashboardStore,
  brand: BrandInfo,
  range: TimeRange,
  shown: ReadonlyArray<{ source: string; handle: string }>,
  /** The archive's listing this request made already (top authors' plan), to list nothing twice. */
  listing?: ArchiveListing,
): Promise<Set<string>> {
  if (brand.handles.length === 0 || shown.length === 0) return new Set();
  const replies = await readBrandReplies(store, brand, { from: range.from, to: null }, listing);
  if (replies.length === 0) return new Set();
  const params: Params = {};
  const inRange = rangeConditions('published_at', range, params);
  const authors = shown.map((a, i) => {
    params[`s${i}`] = a.source;
    params[`h${i}`] = a.handle;
    return `($s${i}, $h${i})`;
  });
  const parents = replies.map((r, i) => {
    params[`ps${i}`] = r.source;
    params[`pi${i}`] = r.parentId;
    return `($ps${i}, $pi${i})`;
  });
  const rows = await store.rows(
    `WITH shown(source, author_handle) AS (VALUES ${authors.join(', ')}),
          parents(source, source_id) AS (VALUES ${parents.join(', ')}),
          m AS (SELECT source, author_handle, source_id FROM ${store.relationByDates('conversations', { brand: brand.id }, rangeDays(range))}
                WHERE ${['counted', ...inRange].join(' AND ')})
     SELECT DISTINCT m.source, m.author_handle FROM m JOIN shown USING (source, author_handle) JOIN parents USING (source, source_id)`,
    params,
  );
  return new Set(rows.map((r) => `${String(r.source)}\u0000${String(r.author_handle)}`));
}

interface Slots {
  /** What requests share: a slot's replies under its key, read or being read. */
  reading: Map<string, { key: string; replies: Promise<Reply[]> }>;
  /** The slots read (or loaded) so far, as the summary folder holds them (reply-summary-file.ts). */
  held: Map<string, HeldReplies>;
}

const replyCaches = new WeakMap<DashboardStore, Slots>();

/** The brand's replies (by its current handles) published in `since`, each replied-to post once. */
async function readBrandReplies(store: DashboardStore, brand: BrandInfo, since: TimeRange, listing?: ArchiveListing): Promise<Reply[]> {
  let cache = replyCaches.get(store);
  if (cache === undefined) {
    const held = loadReplies(store);
    cache = { held, reading: new Map([...held].map(([slot, h]) => [slot, { key: h.key, replies: Promise.resolve(h.replies) }])) };
    replyCaches.set(store, cache);
  }
  const { reading, held } = cache;
  const plan = planDayBlocks(store, brand.id, 'brand_replies', since, { wholeDays: false, salt: brand.handles.join(' '), listing });
  const found = new Map<string, Reply>();
  const add = (replies: readonly Reply[]) => {
    for (const reply of replies) found.set(`${reply.source}\u0000${reply.parentId}`, reply);
  };
  let toWrite = false;
  for (const block of plan.blocks) {
    const slot = `${brand.id}\u0000${block.slot}`;
    let entry = reading.get(slot);
    if (entry === undefined || entry.key !== block.key) {
      const newest = [...block.source.aggregate, ...block.source.archive].sort().at(-1) as string;
      const read = { key: block.key, replies: queryReplies(store, brand, block.source) };
      reading.set(slot, read);
      read.replies.then(
        (replies) => {
          if (reading.get(slot) === read) held.set(slot, { key: read.key, replies, newest });
        },
        () => {
          if (reading.get(slot) === read) reading.delete(slot);
        },
      );
      toWrite ||= isSettled(newest);
      entry = read;
    }
    add(await entry.replies);
  }
  // Written once per request that read a settled slot: a live store's today alone writes nothing.
  if (toWrite) saveReplies(store, held);
  if (plan.cut !== null) add(await queryReplies(store, brand, plan.cut));
  return [...found.values()];
}

async function queryReplies(store: DashboardStore, brand: BrandInfo, source: BlockSource): Promise<Reply[]> {
  const params: Params = {};
  const bounds = source.cut === null ? [] : rangeConditions('published_at', source.cut, params);
  const parts: string[] = [];
  if (source.aggregate.length > 0)
    parts.push(
      `SELECT source, parent_id, author_handle FROM ${store.datesRelation('brand_replies', brand.id, source.aggregate)} WHERE ${['true', ...bounds].join(' AND ')}`,
    );
  if (source.archive.length > 0) {
    parts.push(`SELECT source, parent_id, author_handle FROM ${store.datesRelation('conversations', brand.id, source.archive)}
                WHERE ${['parent_id IS NOT NULL', ...bounds].join(' AND ')}`);
  }
  // The handles are tested on the rows read (the brands file's current ones), in either source.
  const rows = await store.rows(
    `SELECT DISTINCT source, parent_id FROM (${parts.join(' UNION ALL ')}) WHERE ${isBrandHandleSql(brand)}`,
    params,
  );
  return rows.map((r) => ({ source: String(r.source), parentId: String(r.parent_id) }));
}
