// The clock scans a brand's open questions and cooldowns on every judged mention, to find the
// ones whose time has come; with hundreds open that scan was a tenth of the worker's CPU at
// 1,000 mentions/s. A lower bound of the earliest time in such a record lets it skip the scan
// until something can be due. The bound is exact when computed and only ever lowered when an entry
// is added; a deleted entry leaves it low, which costs one scan, never a missed entry. So every
// place that adds an entry must call `noteAdded` — and nothing else has to.

const bounds = new WeakMap<object, number>();

/** A lower bound of the record's times (computed on first use after a restore). */
export function earliestBound<T>(record: Record<string, T>, timeOf: (entry: T) => number): number {
  let bound = bounds.get(record);
  if (bound === undefined) {
    bound = Number.POSITIVE_INFINITY;
    for (const entry of Object.values(record)) bound = Math.min(bound, timeOf(entry));
    bounds.set(record, bound);
  }
  return bound;
}

/** After a scan: the exact earliest time of what is left. */
export function setEarliest(record: object, earliest: number): void {
  bounds.set(record, earliest);
}

/** An entry with this time was added. */
export function noteAdded(record: object, time: number): void {
  const bound = bounds.get(record);
  if (bound !== undefined && time < bound) bounds.set(record, time);
}
