// The alerts the dashboard holds per brand, as read from alerts.<brand>, and who is listening.
// Each alert is kept with its Kafka position; a reader's progress is a cursor — the highest offset
// it has seen on each partition — so a reader that reconnects with its cursor gets exactly the
// alerts after it: none lost, none repeated, whichever partitions they came from.
import type { Alert } from '@sl/contracts';

export interface AlertEntry {
  partition: number;
  offset: bigint;
  alert: Alert;
}

/** Highest offset seen per partition. */
export type AlertCursor = ReadonlyMap<number, bigint>;

/** `0:17.1:4`: partition:offset pairs; the empty string is "before everything". */
export function encodeAlertCursor(cursor: AlertCursor): string {
  return [...cursor.entries()]
    .sort(([a], [b]) => a - b)
    .map(([partition, offset]) => `${partition}:${offset}`)
    .join('.');
}

/** The cursor, or undefined when the text is not one this module wrote. */
export function decodeAlertCursor(text: string): AlertCursor | undefined {
  const cursor = new Map<number, bigint>();
  if (text.trim() === '') return cursor;
  for (const part of text.trim().split('.')) {
    const match = /^(\d{1,6}):(\d{1,19})$/.exec(part);
    if (!match) return undefined;
    cursor.set(Number(match[1]), BigInt(match[2] as string));
  }
  return cursor;
}

const isAfter = (entry: AlertEntry, cursor: AlertCursor) => {
  const seen = cursor.get(entry.partition);
  return seen === undefined || entry.offset > seen;
};

export interface AlertHub {
  /** Keeps an alert read from the topic; a position already held (a re-read) is ignored. */
  add(brandId: string, entry: AlertEntry): void;
  /** The held alerts after `cursor` (all for an empty one), oldest first. */
  after(brandId: string, cursor: AlertCursor): AlertEntry[];
  /** The position of the newest alert held per partition. */
  position(brandId: string): AlertCursor;
  /** Calls `listener` with each alert added from now on; returns the unsubscribe. */
  subscribe(brandId: string, listener: (entry: AlertEntry) => void): () => void;
  /** How many alerts are held, and how many were dropped for room, per brand. */
  stats(brandId: string): { held: number; dropped: number };
}

export interface AlertHubOptions {
  /** Alerts held per brand, the newest; older ones stay on the topic and in the archive. @default 1000 */
  maxPerBrand?: number;
}

export function createAlertHub(options: AlertHubOptions = {}): AlertHub {
  const max = options.maxPerBrand ?? 1000;
  const brands = new Map<string, { entries: AlertEntry[]; position: Map<number, bigint>; listeners: Set<(entry: AlertEntry) => void>; dropped: number }>();
  const of = (brandId: string) => {
    let state = brands.get(brandId);
    if (state === undefined) {
      state = { entries: [], position: new Map(), listeners: new Set(), dropped: 0 };
      brands.set(brandId, state);
    }
    return state;
  };
  return {
    add(brandId, entry) {
      const state = of(brandId);
      // A follower that restarts reads the topic again from the beginning.
      if (!isAfter(entry, state.position)) return;
      state.position.set(entry.partition, entry.offset);
      state.entries.push(entry);
      if (state.entries.length > max) {
        state.entries.splice(0, state.entries.length - max);
        state.dropped += 1;
      }
      for (const listener of state.listeners) listener(entry);
    },
    after(brandId, cursor) {
      return of(brandId).entries.filter((entry) => isAfter(entry, cursor));
    },
    position(brandId) {
      return new Map(of(brandId).position);
    },
    subscribe(brandId, listener) {
      const state = of(brandId);
      state.listeners.add(listener);
      return () => state.listeners.delete(listener);
    },
    stats(brandId) {
      const state = of(brandId);
      return { held: state.entries.length, dropped: state.dropped };
    },
  };
}
