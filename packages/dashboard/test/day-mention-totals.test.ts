// Share of voice adds up per-date totals kept under the date folders' file names: the same counts
// as summing the rollups, for whole days, for a range cut inside its days, and again after a late
// flush lands in an old date (that date read again, the others from memory).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ScoredMention } from '@sl/contracts';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type DashboardStore, openDashboardStore } from '../src/dashboard-store.ts';
import { rangeMentions } from '../src/day-mention-totals.ts';
import { readShareOfVoice } from '../src/rollup-widgets.ts';
import type { TimeRange } from '../src/time-range.ts';
import { kindOf, mention, SEED_BRANDS, seedFlush, seedStore } from './seed-store.ts';

const DAY = 86_400_000;
const HOUR = 3_600_000;
const JAN1 = Date.UTC(2024, 0, 1);
// Ten days, five mentions a day of acme (one in five spam) and two of globex.
const mentions: ScoredMention[] = [];
for (let n = 0; n < 50; n += 1) {
  mentions.push(
    mention(n, 'acme', {
      compound: 0.5,
      publishedAt: JAN1 + Math.floor(n / 5) * DAY + (n % 5) * 4 * HOUR,
      spamScore: n % 5 === 4 ? 0.95 : 0.1,
    }),
  );
}
for (let n = 0; n < 20; n += 1)
  mentions.push(mention(n, 'globex', { compound: -0.5, publishedAt: JAN1 + Math.floor(n / 2) * DAY + 3 * HOUR }));

const counted = (list: readonly ScoredMention[], brandId: string, range: TimeRange) =>
  list.filter(
    (m) =>
      m.brandId === brandId &&
      kindOf(m) === 'counted' &&
      (range.from === null || m.publishedAt >= range.from) &&
      (range.to === null || m.publishedAt < range.to),
  ).length;

let dir: string;
let store: DashboardStore;
const acme = SEED_BRANDS[0] as (typeof SEED_BRANDS)[number];
const competitors = [{ id: 'globex', name: 'Globex' }];

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dash-day-totals-'));
  await seedStore(dir, mentions);
  store = await openDashboardStore({ root: dir });
});

afterAll(() => {
  store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

it('counts what the rollups count, for whole days and for a range cut inside its days', async () => {
  const ranges: TimeRange[] = [
    { from: null, to: null },
    { from: JAN1 + 2 * DAY, to: JAN1 + 5 * DAY },
    { from: JAN1 + 2 * DAY + 5 * HOUR, to: JAN1 + 6 * DAY + 9 * HOUR },
    { from: JAN1 + 3 * DAY + 2 * HOUR, to: null },
  ];
  for (const range of ranges) {
    for (const grain of ['day', 'hour', 'minute'] as const) {
      if (grain === 'day' && range.from !== null && range.from % DAY !== 0) continue;
      expect(await rangeMentions(store, 'acme', grain, range)).toBe(counted(mentions, 'acme', range));
      expect(await rangeMentions(store, 'globex', grain, range)).toBe(counted(mentions, 'globex', range));
    }
  }
  expect(await readShareOfVoice(store, acme, competitors, { from: null, to: null })).toEqual({
    brand: 'acme',
    grain: 'day',
    brands: [
      { id: 'acme', name: acme.name, mentions: 40, share: 40 / 60 },
      { id: 'globex', name: 'Globex', mentions: 20, share: 20 / 60 },
    ],
  });
});

it('reads a date again when a flush lands in it, and counts it', async () => {
  const all = { from: null, to: null };
  expect(await rangeMentions(store, 'acme', 'day', all)).toBe(40);
  const late = [0, 1, 2].map((i) =>
    mention(900 + i, 'acme', { compound: 0.5, publishedAt: JAN1 + 3 * DAY + i * HOUR, ingestedAt: JAN1 + 20 * DAY }),
  );
  seedFlush(dir, 5, late);
  expect(await rangeMentions(store, 'acme', 'day', all)).toBe(43);
  expect(await rangeMentions(store, 'acme', 'day', { from: JAN1 + 4 * DAY, to: null })).toBe(
    counted(mentions, 'acme', { from: JAN1 + 4 * DAY, to: null }),
  );
});

it('keeps the totals in the summary folder: a restarted store answers from them, and reads a changed date again', async () => {
  const summaryDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dash-day-totals-summary-'));
  const all = { from: null, to: null };
  try {
    const first = await openDashboardStore({ root: dir, summaryDir });
    // 43: the late flush of the test before is in the store.
    expect(await rangeMentions(first, 'acme', 'day', all)).toBe(43);
    expect(await rangeMentions(first, 'globex', 'day', all)).toBe(20);
    const file = path.join(first.summary?.dir as string, 'day-mention-totals.json');
    first.close();
    const held = JSON.parse(fs.readFileSync(file, 'utf8')) as Array<[string, string, number]>;
    // A total per brand and date: ten of acme, ten of globex.
    expect(held.map(([key, , mentions]) => [key.replaceAll('\u0000', ' '), mentions])).toEqual([
      ...Array.from({ length: 10 }, (_, d) => [`acme day 2024-01-${String(d + 1).padStart(2, '0')}`, d === 3 ? 7 : 4]),
      ...Array.from({ length: 10 }, (_, d) => [`globex day 2024-01-${String(d + 1).padStart(2, '0')}`, 2]),
    ]);
    // The restarted store adds up what the file says (marked here: 2024-01-02 said 104, not 4) …
    fs.writeFileSync(
      file,
      JSON.stringify(held.map(([key, files, mentions]) => [key, files, key.endsWith('2024-01-02') ? mentions + 100 : mentions])),
    );
    const restarted = await openDashboardStore({ root: dir, summaryDir });
    try {
      expect(await rangeMentions(restarted, 'acme', 'day', all)).toBe(143);
      // … and reads a date whose listing changed since (a file added to 2024-01-02) from the rollups.
      const late = mention(950, 'acme', { compound: 0.5, publishedAt: JAN1 + DAY + HOUR, ingestedAt: JAN1 + 21 * DAY });
      seedFlush(dir, 6, [late]);
      expect(await rangeMentions(restarted, 'acme', 'day', all)).toBe(44);
    } finally {
      restarted.close();
    }
  } finally {
    fs.rmSync(summaryDir, { recursive: true, force: true });
  }
});
