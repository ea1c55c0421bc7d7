// The brand's replies that top authors' "answered" looks for, kept in the summary folder
// (`brand-replies.json`) under the same slots and keys as in memory (author-answered.ts: a month or a
// day of brand_replies, keyed by its file names and the brand's handles). After a restart the first
// top authors read found them again with a query per month or day: 42 queries over the benchmark's
// year of files took 565 ms of that read in a probe (load average 6 to 9), where the 42 author blocks
// loaded from disk in 232 ms. A slot whose key changed meanwhile is not found, and is read.
import fs from 'node:fs';
import path from 'node:path';
import type { DashboardStore } from './dashboard-store.ts';

export interface Reply {
  source: string;
  parentId: string;
}

/** Replies held for one slot (`<brand>\u0000<slot>`), under the key its files hash to. */
export interface HeldReplies {
  key: string;
  replies: Reply[];
  /** The slot's newest date: a slot that still takes flushes is not written (see `saveReplies`). */
  newest: string;
}

const FILE = 'brand-replies.json';
const DAY_MS = 86_400_000;

/**
 * Dates this close to now still gain files at every flush (a request reads today's day again after
 * each one): a slot that holds one stays in memory only, and reading it again writes nothing.
 */
const SETTLING_MS = 2 * DAY_MS;
export const isSettled = (date: string, now = Date.now()) => Date.parse(`${date}T00:00:00Z`) + SETTLING_MS < now;

const fileOf = (store: DashboardStore) => (store.summary === null ? null : path.join(store.summary.dir, FILE));

const isReply = (value: unknown): value is [string, string] =>
  Array.isArray(value) && value.length === 2 && typeof value[0] === 'string' && typeof value[1] === 'string';

/**
 * The slots the summary folder holds; empty without a summary folder or a file. A damaged file is
 * logged and ignored (every slot is then read again, and the file written anew).
 */
export function loadReplies(store: DashboardStore): Map<string, HeldReplies> {
  const held = new Map<string, HeldReplies>();
  const file = fileOf(store);
  if (file === null || !fs.existsSync(file)) return held;
  try {
    const entries = JSON.parse(fs.readFileSync(file, 'utf8')) as unknown;
    if (!Array.isArray(entries)) throw new Error('not a list of slots');
    for (const entry of entries as unknown[]) {
      const [slot, key, newest, replies] = Array.isArray(entry) ? entry : [];
      if (
        typeof slot !== 'string' ||
        typeof key !== 'string' ||
        typeof newest !== 'string' ||
        !Array.isArray(replies) ||
        !replies.every(isReply)
      )
        throw new Error('a slot is not [slot, key, newest date, replies]');
      held.set(slot, { key, newest, replies: replies.map(([source, parentId]) => ({ source, parentId })) });
    }
  } catch (error) {
    store.warn({ err: error, file }, "could not read the brand replies' summary; they are read again from the store");
    held.clear();
  }
  return held;
}

/** Writes the settled slots (under a temporary name, then renamed); a failure is logged, the memory keeps them. */
export function saveReplies(store: DashboardStore, held: ReadonlyMap<string, HeldReplies>): void {
  const file = fileOf(store);
  if (file === null) return;
  const entries = [...held]
    .filter(([, h]) => isSettled(h.newest))
    .map(([slot, h]) => [slot, h.key, h.newest, h.replies.map((r) => [r.source, r.parentId])]);
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    fs.writeFileSync(temporary, JSON.stringify(entries));
    fs.renameSync(temporary, file);
  } catch (error) {
    store.warn({ err: error, file }, "could not write the brand replies' summary; a restart reads them again");
  }
}
