// The author blocks a dashboard holds, least recently used first out, bounded by their rows (a row
// is 28 bytes, 40 when a column does not pack: `authorCacheRows` of 4,000,000 is 112 to 160 million bytes). One slot per brand
// and month or day: a block read again under a new key (a date folder gained a file) replaces the
// old one, so stale blocks do not wait for eviction. Reads of the same slot and key share one
// build. Each brand's numbering of authors and names (tables in the store's DuckDB) lives as long
// as the process: it grows with the brand's distinct authors, not with the days held.
import type { BlockSource } from './aggregate-days.ts';
import {
  type AuthorBlock,
  type AuthorDictionary,
  ensureAuthorTables,
  NUMBERING_TABLES,
  newDictionary,
  readAuthorBlock,
} from './author-blocks.ts';
import type { NumberedCounts } from './author-summary-files.ts';
import type { DashboardStore } from './dashboard-store.ts';

export interface AuthorBlockCache {
  dictionary(brandId: string): AuthorDictionary;
  /** Settles when the brand's numbering from the summary on disk is in DuckDB (at once without one). */
  numbered(brandId: string): Promise<void>;
  /** The block of `slot` (brand and month or date) read from `source`, cached under `key` (its file names). */
  block(brandId: string, slot: string, key: string, source: BlockSource): Promise<AuthorBlock>;
  stats(): AuthorCacheStats;
}

export interface AuthorCacheStats {
  blocks: number;
  rows: number;
  /** Blocks read from DuckDB since the start, and answered from memory. */
  reads: number;
  hits: number;
  evicted: number;
}

interface Entry {
  key: string;
  built: Promise<AuthorBlock>;
  rows: number;
}

const caches = new WeakMap<DashboardStore, AuthorBlockCache>();

/** The store's cache, made at its first use with the store's `authorCacheRows`. */
export function authorBlockCache(store: DashboardStore): AuthorBlockCache {
  let cache = caches.get(store);
  if (cache === undefined) {
    cache = createAuthorBlockCache(store, store.authorCacheRows);
    caches.set(store, cache);
  }
  return cache;
}

export function createAuthorBlockCache(store: DashboardStore, maxRows: number): AuthorBlockCache {
  const dictionaries = new Map<string, AuthorDictionary>();
  const entries = new Map<string, Entry>(); // insertion order = least recently used first
  const stats: AuthorCacheStats = { blocks: 0, rows: 0, reads: 0, hits: 0, evicted: 0 };
  const summary = store.summary;
  // Per brand: what the numbering on disk holds (known from its files' names) and when it is in
  // DuckDB. Blocks are loaded from disk against the first while the second is under way.
  const numberings = new Map<string, { onDisk: NumberedCounts; loaded: Promise<void> }>();
  const dictionary = (brandId: string) => {
    let found = dictionaries.get(brandId);
    if (found === undefined) {
      const made = newDictionary(brandId);
      // With a summary on disk, the numbering written by earlier processes comes first: every block
      // read from DuckDB waits for it (the dictionary's queue), and a block loaded from disk is
      // used only once it is loaded.
      if (summary !== null) {
        let onDisk: NumberedCounts | Error;
        try {
          onDisk = summary.numberedOnDisk(brandId);
        } catch (error) {
          onDisk = error as Error;
        }
        made.queue = ensureAuthorTables(store)
          .then(() => {
            if (onDisk instanceof Error) throw onDisk;
            return summary.loadNumbering(store, brandId, NUMBERING_TABLES);
          })
          .then((counts) => {
            made.authors = counts.authors;
            made.names = counts.names;
          })
          .catch((error: unknown) => {
            // Numbers given again from 0 must not meet blocks made with the old ones: the brand's
            // summary is dropped (and read again from the store).
            made.authors = 0;
            made.names = 0;
            summary.dropBrand(brandId);
            store.warn(
              { err: error, brand: brandId },
              'could not load the numbering of authors from the summary on disk; it is read again',
            );
            return store
              .rows(`DELETE FROM ${NUMBERING_TABLES.authors} WHERE brand = $brand`, { brand: brandId })
              .then(() => store.rows(`DELETE FROM ${NUMBERING_TABLES.names} WHERE brand = $brand`, { brand: brandId }))
              .catch((cleanup: unknown) => {
                // The tables could not even be cleared: forget this dictionary, so the brand's next
                // read starts over rather than waiting on this failure for the process's life.
                if (dictionaries.get(brandId) === made) dictionaries.delete(brandId);
                throw cleanup;
              });
          });
        numberings.set(brandId, {
          onDisk: onDisk instanceof Error ? { authors: 0, names: 0 } : onDisk,
          loaded: made.queue.then(
            () => undefined,
            () => undefined,
          ),
        });
      }
      dictionaries.set(brandId, made);
      found = made;
    }
    return found;
  };
  // From the summary on disk when it holds the block, else from DuckDB (then written there).
  const read = async (brandId: string, slot: string, key: string, source: BlockSource): Promise<AuthorBlock> => {
    const numbering = dictionary(brandId);
    const onDisk = numberings.get(brandId);
    if (summary !== null && onDisk !== undefined) {
      let held: AuthorBlock | null = null;
      try {
        held = summary.loadBlock(brandId, slot, key, onDisk.onDisk);
      } catch (error) {
        store.warn(
          { err: error, brand: brandId, slot },
          'could not read an author block from the summary on disk; reading it from the store',
        );
      }
      await onDisk.loaded;
      // Used only when the numbering it was checked against is the one loaded: a numbering that
      // failed to load was dropped with every block of the brand, which is then read again.
      if (held !== null && numbering.authors >= onDisk.onDisk.authors && numbering.names >= onDisk.onDisk.names) return held;
    }
    const block = await readAuthorBlock(store, numbering, source);
    if (summary !== null) {
      try {
        summary.saveBlock(brandId, slot, key, block, { authors: numbering.authors, names: numbering.names });
      } catch (error) {
        store.warn({ err: error, brand: brandId, slot }, 'could not write an author block to the summary on disk');
      }
    }
    return block;
  };
  const drop = (slot: string, entry: Entry) => {
    entries.delete(slot);
    stats.rows -= entry.rows;
  };
  const evict = (keep: string) => {
    for (const [slot, entry] of entries) {
      if (stats.rows <= maxRows) return;
      if (slot === keep) continue;
      drop(slot, entry);
      stats.evicted += 1;
    }
  };
  return {
    dictionary,
    numbered: (brandId) => {
      dictionary(brandId);
      return numberings.get(brandId)?.loaded ?? Promise.resolve();
    },
    block(brandId, slot, key, source) {
      const id = `${brandId}\u0000${slot}`;
      const held = entries.get(id);
      if (held !== undefined && held.key === key) {
        entries.delete(id);
        entries.set(id, held);
        stats.hits += 1;
        return held.built;
      }
      if (held !== undefined) drop(id, held);
      stats.reads += 1;
      const entry: Entry = { key, rows: 0, built: read(brandId, slot, key, source) };
      entries.set(id, entry);
      entry.built.then(
        (block) => {
          if (entries.get(id) !== entry) return;
          entry.rows = block.rows;
          stats.rows += block.rows;
          evict(id);
        },
        () => {
          // A failed read is not kept: the next request reads again (the caller sees the error).
          if (entries.get(id) === entry) entries.delete(id);
        },
      );
      return entry.built;
    },
    stats: () => ({ ...stats, blocks: entries.size }),
  };
}
