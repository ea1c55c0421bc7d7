// A replayed alert (a worker restarted, a partition re-read) carries the id it had the first
// time: a tail prints each id once. Bounded so a tail left running for weeks stays small; an id
// forgotten after that many newer ones is far outside any replay.
export interface SeenIds {
  /** True the first time an id is offered, false after. */
  firstTime(id: string): boolean;
}

/** @param capacity ids remembered, oldest forgotten first. @default 100_000 */
export function createSeenIds(capacity = 100_000): SeenIds {
  const seen = new Set<string>();
  return {
    firstTime(id) {
      if (seen.has(id)) return false;
      seen.add(id);
      if (seen.size > capacity) {
        // A Set iterates in insertion order: the first value is the oldest.
        const oldest = seen.values().next().value;
        if (oldest !== undefined) seen.delete(oldest);
      }
      return true;
    },
  };
}
