// Paging the alert archive: newest raised first, ties broken by id, an alert archived twice (the
// topic replayed) shown once, the ones the hub holds left out, and every page boundary exact.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { readArchivedAlerts } from '../src/archived-alerts.ts';
import { type DashboardStore, openDashboardStore } from '../src/dashboard-store.ts';
import { MINUTE, seedAlert, seedAlerts, T0 } from './seed-store.ts';

let root: string;
let store: DashboardStore;

// Twelve alerts: 0..11, created a minute apart except 4, 5 and 6, raised in the same millisecond.
const alerts = Array.from({ length: 12 }, (_, n) => seedAlert('paged', n, { createdAt: T0 + (n >= 4 && n <= 6 ? 4 : n) * MINUTE }));
// Newest raised first; 6, 5, 4 share a time and go by id, descending.
const ORDER = [11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0].map((n) => `paged:volume_spike:${n}`);

beforeAll(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'sl-archived-alerts-'));
  // Alert 7 is archived twice: the topic was replayed.
  await seedAlerts(path.join(root, 'objects'), [...alerts, alerts[7] as (typeof alerts)[number]]);
  store = await openDashboardStore({ root: path.join(root, 'objects') });
});

afterAll(() => {
  store.close();
  fs.rmSync(root, { recursive: true, force: true });
});

async function walk(limit: number, held: ReadonlySet<string>): Promise<string[][]> {
  const pages: string[][] = [];
  let cursor: string | null = null;
  do {
    const page = await readArchivedAlerts(store, 'paged', held, limit, cursor);
    pages.push(page.archived.map((a) => a.id));
    cursor = page.next;
  } while (cursor !== null);
  return pages;
}

it('walks the whole archive in pages, each alert once, in order', async () => {
  expect(await walk(5, new Set())).toEqual([ORDER.slice(0, 5), ORDER.slice(5, 10), ORDER.slice(10)]);
  // A page size that divides the history exactly ends with no empty page.
  expect(await walk(4, new Set())).toEqual([ORDER.slice(0, 4), ORDER.slice(4, 8), ORDER.slice(8)]);
  expect(await walk(12, new Set())).toEqual([ORDER]);
});

it('leaves out what the hub holds, and still fills every page', async () => {
  const held = new Set(['paged:volume_spike:10', 'paged:volume_spike:5']);
  const rest = ORDER.filter((id) => !held.has(id));
  expect(await walk(3, held)).toEqual([rest.slice(0, 3), rest.slice(3, 6), rest.slice(6, 9), rest.slice(9)]);
});

it('gives each alert its first archived position', async () => {
  const page = await readArchivedAlerts(store, 'paged', new Set(), 1, null);
  const next = await readArchivedAlerts(store, 'paged', new Set(), 5, page.next);
  expect(next.archived.find((a) => a.id === 'paged:volume_spike:7')?.position).toEqual({ partition: 0, offset: '7' });
});
