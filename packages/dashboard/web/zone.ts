// The zone the page counts days and shows times in: the one picked in the header, else the
// brand's own (brands file), else UTC. Every time on the page is written through `when`.
import { formatWallTime } from '../src/zoned-time.ts';

let current = 'UTC';

export function setZone(zone: string): void {
  current = zone;
}

export function zone(): string {
  return current;
}

/** "2024-05-01 10:00 UTC", or "2024-05-01 06:00 America/New_York". */
export function when(ms: number): string {
  return `${formatWallTime(current, ms)} ${current === 'Etc/UTC' ? 'UTC' : current}`;
}
