// Top authors' summary on local disk, so a restart does not read a year again. The author blocks
// (per-author sums of a month or a day, author-blocks.ts) were held in memory only: after each
// start the first read of a long range grouped every month of author_days in DuckDB (6.6 s for the
// benchmark's year on a quiet machine, 16 to 37 s on a busy one). Here each block is also written
// as a file under the key it is cached under (a hash of the file names it was read from, which are
// immutable), and the numbering of authors and names its rows refer to as Parquet segments, so the
// next process loads the block from disk instead of asking DuckDB. The summary is incremental like
// the cache: a new flush changes one day's key, only that day is read and written again, and the
// slot's older file is deleted.
//
// What keeps it consistent across crashes: a file is written under a temporary name and renamed;
// the numbering is written before any block that uses it (a block records how many authors and
// names were numbered when it was made, and is loaded only when at least that many are); the
// numbering segments are loaded from 0 up without a gap (a segment past a gap is deleted, and the
// blocks needing it are then read again). A lock file keeps a second process off the same folder
// (it would number the same authors differently): that one runs without a summary, and says so.
import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { AuthorBlock } from './author-blocks.ts';
import type { DashboardStore } from './dashboard-store.ts';
import type { PackedColumn } from './packed-column.ts';

/** How many authors and names a brand had numbered. */
export interface NumberedCounts {
  authors: number;
  names: number;
}

export interface AuthorSummaryStats {
  /** Blocks loaded from disk, written to it, and refused (damaged, stale format, numbering missing). */
  loaded: number;
  saved: number;
  refused: number;
  /** Writes that failed (the block stays in memory; the next start reads it from DuckDB). */
  failed: number;
}

export interface AuthorSummaryFiles {
  readonly dir: string;
  /**
   * How many authors and names the brand's numbering on disk holds, known from the segments' names
   * before they are loaded: blocks are checked against it while the numbering loads. Blocks made
   * with numbers past it are deleted here, before any number is given.
   */
  numberedOnDisk(brandId: string): NumberedCounts;
  /** Loads the brand's numbering into the store's tables (made by the caller); the counts loaded. */
  loadNumbering(store: DashboardStore, brandId: string, tables: { authors: string; names: string }): Promise<NumberedCounts>;
  /** Writes the authors and names numbered between `before` and `after`. */
  saveNumbering(
    store: DashboardStore,
    brandId: string,
    tables: { authors: string; names: string },
    before: NumberedCounts,
    after: NumberedCounts,
  ): Promise<void>;
  /** The block held under (slot, key), or null; `numbered` is what the brand has numbered now. */
  loadBlock(brandId: string, slot: string, key: string, numbered: NumberedCounts): AuthorBlock | null;
  saveBlock(brandId: string, slot: string, key: string, block: AuthorBlock, numbered: NumberedCounts): void;
  /** Deletes everything held for the brand. */
  dropBrand(brandId: string): void;
  stats(): AuthorSummaryStats;
}

const FORMAT = 1;
const MAGIC = 0x534c4142; // "SLAB"

type ColumnType = 'u32' | 'f64' | 'i32';

interface BlockHeader {
  format: number;
  brand: string;
  slot: string;
  key: string;
  rows: number;
  numbered: NumberedCounts;
  folded: { authors: number; mentions: number };
  types: { mentions: ColumnType; followers: ColumnType; engagement: ColumnType };
}

const typeOf = (column: PackedColumn): ColumnType => (column instanceof Uint32Array ? 'u32' : 'f64');
const align8 = (n: number) => Math.ceil(n / 8) * 8;
const fileName = (text: string) => encodeURIComponent(text).replaceAll('%20', '_');
const sqlText = (text: string) => `'${text.replaceAll("'", "''")}'`;

/** The summary folder for a store root: one per root, under `dir`. */
export function summaryDirFor(dir: string, root: string): string {
  return path.join(dir, createHash('sha256').update(path.resolve(root)).digest('hex').slice(0, 16));
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Lock files this process wrote and still holds. */
const heldHere = new Set<string>();

/**
 * Takes `dir` for this store: `heldBy` when a live process (this one included, for another store)
 * holds it. A lock left by a process that is gone is taken over, and so is one naming this
 * process's pid that this process did not write: a container's restarted PID 1 finds the lock its
 * killed predecessor (also PID 1) left, and must not take it for its own.
 */
export function lockSummaryDir(dir: string): { release(): void } | { heldBy: number } {
  fs.mkdirSync(dir, { recursive: true });
  const lock = path.join(dir, 'lock');
  const token = `${process.pid} ${randomUUID()}`;
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      fs.writeFileSync(lock, token, { flag: 'wx' });
      heldHere.add(lock);
      return {
        release() {
          heldHere.delete(lock);
          // Gone already (removed by hand while running): nothing to release.
          const current = fs.existsSync(lock) ? fs.readFileSync(lock, 'utf8') : undefined;
          if (current === token) fs.rmSync(lock, { force: true });
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const pid = Number(fs.readFileSync(lock, 'utf8').split(' ')[0]);
      const ours = pid === process.pid;
      if (Number.isInteger(pid) && pid > 0 && (ours ? heldHere.has(lock) : isAlive(pid))) return { heldBy: pid };
      fs.rmSync(lock, { force: true });
    }
  }
  throw new Error(`could not take the lock ${lock}`);
}

/** Numbering segments `<kind>-<from>-<to>.parquet` of a brand folder, contiguous from 0; the others are deleted. */
function contiguousSegments(brandDir: string, kind: 'authors' | 'names'): { files: string[]; count: number } {
  const pattern = new RegExp(`^${kind}-(\\d+)-(\\d+)\\.parquet$`);
  const segments = (fs.existsSync(brandDir) ? fs.readdirSync(brandDir) : [])
    .map((name) => ({ name, match: pattern.exec(name) }))
    .filter((s): s is { name: string; match: RegExpExecArray } => s.match !== null)
    .map((s) => ({ name: s.name, from: Number(s.match[1]), to: Number(s.match[2]) }))
    .sort((a, b) => a.from - b.from);
  const files: string[] = [];
  let count = 0;
  for (const segment of segments) {
    if (segment.from === count && segment.to > count) {
      files.push(path.join(brandDir, segment.name));
      count = segment.to;
    } else {
      // Past a gap (a crash between two writes), or overlapping one kept: its numbers are given again.
      fs.rmSync(path.join(brandDir, segment.name), { force: true });
    }
  }
  return { files, count };
}

export function createAuthorSummaryFiles(dir: string): AuthorSummaryFiles {
  const stats: AuthorSummaryStats = { loaded: 0, saved: 0, refused: 0, failed: 0 };
  const brandDir = (brandId: string) => path.join(dir, `brand=${fileName(brandId)}`);
  const blockDir = (brandId: string) => path.join(brandDir(brandId), 'blocks');
  const blockFile = (brandId: string, slot: string, key: string) => path.join(blockDir(brandId), `${fileName(slot)}.${key}.block`);
  const writeAtomically = (target: string, body: Uint8Array | string) => {
    const temporary = `${target}.${process.pid}.tmp`;
    fs.writeFileSync(temporary, body);
    fs.renameSync(temporary, target);
  };

  const readHeader = (file: string): BlockHeader | null => {
    const fd = fs.openSync(file, 'r');
    try {
      const head = Buffer.alloc(8);
      if (fs.readSync(fd, head, 0, 8, 0) !== 8 || head.readUInt32LE(0) !== MAGIC) return null;
      const json = Buffer.alloc(head.readUInt32LE(4));
      if (fs.readSync(fd, json, 0, json.length, 8) !== json.length) return null;
      return JSON.parse(json.toString('utf8')) as BlockHeader;
    } catch {
      return null;
    } finally {
      fs.closeSync(fd);
    }
  };
  const dropBlocksPast = (brandId: string, counts: NumberedCounts) => {
    const folder = blockDir(brandId);
    if (!fs.existsSync(folder)) return;
    for (const name of fs.readdirSync(folder)) {
      const file = path.join(folder, name);
      const header = name.endsWith('.block') ? readHeader(file) : null;
      if (header === null || header.numbered.authors > counts.authors || header.numbered.names > counts.names) {
        fs.rmSync(file, { force: true });
        stats.refused += 1;
      }
    }
  };

  return {
    dir,
    numberedOnDisk(brandId) {
      const folder = brandDir(brandId);
      const counts: NumberedCounts = {
        authors: contiguousSegments(folder, 'authors').count,
        names: contiguousSegments(folder, 'names').count,
      };
      // A block made with numbers past what is on disk (a segment lost, or never written) would
      // meet those numbers given to other authors from now on: deleted before any is given.
      dropBlocksPast(brandId, counts);
      return counts;
    },
    async loadNumbering(store, brandId, tables) {
      const folder = brandDir(brandId);
      const counts: NumberedCounts = { authors: 0, names: 0 };
      for (const [kind, table, columns] of [
        ['authors', tables.authors, 'source, author_handle, id'],
        ['names', tables.names, 'name, id'],
      ] as const) {
        const { files, count } = contiguousSegments(folder, kind);
        if (files.length === 0) continue;
        await store.rows(
          `INSERT INTO ${table} SELECT $brand, ${columns} FROM read_parquet([${files.map(sqlText).join(', ')}]) ORDER BY id`,
          { brand: brandId },
        );
        counts[kind] = count;
      }
      return counts;
    },
    async saveNumbering(store, brandId, tables, before, after) {
      const folder = brandDir(brandId);
      fs.mkdirSync(folder, { recursive: true });
      for (const [kind, table, columns] of [
        ['authors', tables.authors, 'source, author_handle, id'],
        ['names', tables.names, 'name, id'],
      ] as const) {
        if (after[kind] <= before[kind]) continue;
        const target = path.join(folder, `${kind}-${before[kind]}-${after[kind]}.parquet`);
        const temporary = `${target}.${process.pid}.tmp`;
        await store.rows(
          `COPY (SELECT ${columns} FROM ${table} WHERE brand = $brand AND id >= $from AND id < $to ORDER BY id) TO ${sqlText(temporary)} (FORMAT parquet)`,
          { brand: brandId, from: before[kind], to: after[kind] },
        );
        fs.renameSync(temporary, target);
      }
    },
    loadBlock(brandId, slot, key, numbered) {
      const file = blockFile(brandId, slot, key);
      let bytes: Buffer;
      try {
        bytes = fs.readFileSync(file);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      }
      const refuse = () => {
        stats.refused += 1;
        fs.rmSync(file, { force: true });
        return null;
      };
      if (bytes.length < 8 || bytes.readUInt32LE(0) !== MAGIC) return refuse();
      const headerLength = bytes.readUInt32LE(4);
      let header: BlockHeader;
      try {
        header = JSON.parse(bytes.subarray(8, 8 + headerLength).toString('utf8')) as BlockHeader;
      } catch {
        return refuse();
      }
      // A block made with numbers this process does not hold (their segment was lost) is read again.
      if (
        header.format !== FORMAT ||
        header.key !== key ||
        header.numbered.authors > numbered.authors ||
        header.numbered.names > numbered.names
      )
        return refuse();
      const rows = header.rows;
      const widths: Array<[string, ColumnType]> = [
        ['ids', 'u32'],
        ['mentions', header.types.mentions],
        ['followers', header.types.followers],
        ['engagement', header.types.engagement],
        ['sentimentSum', 'f64'],
        ['nameIds', 'i32'],
      ];
      let at = align8(8 + headerLength);
      const expected = widths.reduce((end, [, type]) => align8(end + rows * (type === 'f64' ? 8 : 4)), at);
      if (bytes.length !== expected) return refuse();
      // Typed arrays need aligned offsets: a buffer that does not start on 8 bytes is copied once.
      const buffer = bytes.byteOffset % 8 === 0 ? bytes : Buffer.from(bytes);
      const columns: Record<string, PackedColumn | Int32Array> = {};
      for (const [name, type] of widths) {
        const offset = buffer.byteOffset + at;
        columns[name] =
          type === 'f64'
            ? new Float64Array(buffer.buffer, offset, rows)
            : type === 'u32'
              ? new Uint32Array(buffer.buffer, offset, rows)
              : new Int32Array(buffer.buffer, offset, rows);
        at = align8(at + rows * (type === 'f64' ? 8 : 4));
      }
      stats.loaded += 1;
      return {
        rows,
        ids: columns.ids as Uint32Array,
        mentions: columns.mentions as PackedColumn,
        followers: columns.followers as PackedColumn,
        engagement: columns.engagement as PackedColumn,
        sentimentSum: columns.sentimentSum as Float64Array,
        nameIds: columns.nameIds as Int32Array,
        folded: header.folded,
      };
    },
    saveBlock(brandId, slot, key, block, numbered) {
      try {
        const folder = blockDir(brandId);
        fs.mkdirSync(folder, { recursive: true });
        const header: BlockHeader = {
          format: FORMAT,
          brand: brandId,
          slot,
          key,
          rows: block.rows,
          numbered,
          folded: block.folded,
          types: { mentions: typeOf(block.mentions), followers: typeOf(block.followers), engagement: typeOf(block.engagement) },
        };
        const json = Buffer.from(JSON.stringify(header), 'utf8');
        const arrays = [block.ids, block.mentions, block.followers, block.engagement, block.sentimentSum, block.nameIds];
        let length = align8(8 + json.length);
        for (const array of arrays) length = align8(length + array.byteLength);
        const body = Buffer.alloc(length);
        body.writeUInt32LE(MAGIC, 0);
        body.writeUInt32LE(json.length, 4);
        json.copy(body, 8);
        let at = align8(8 + json.length);
        for (const array of arrays) {
          body.set(new Uint8Array(array.buffer, array.byteOffset, array.byteLength), at);
          at = align8(at + array.byteLength);
        }
        writeAtomically(blockFile(brandId, slot, key), body);
        // The slot's older files (other keys) describe file listings that are gone.
        const prefix = `${fileName(slot)}.`;
        for (const name of fs.readdirSync(folder)) {
          if (name.startsWith(prefix) && name !== `${prefix}${key}.block`) fs.rmSync(path.join(folder, name), { force: true });
        }
        stats.saved += 1;
      } catch (error) {
        stats.failed += 1;
        throw error;
      }
    },
    dropBrand(brandId) {
      fs.rmSync(brandDir(brandId), { recursive: true, force: true });
    },
    stats: () => ({ ...stats }),
  };
}
