// The summary and the series add up sums held per date folder (summary-sums.ts and series-windows.ts
// over per-date-sums.ts): the same numbers as DuckDB summing the rollup rows in one query, for whole
// days, for ranges cut inside their days, after a late flush lands in an old date, and from the
// summary folder after a restart.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ScoredMention } from '@sl/contracts';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type DashboardStore, num, openDashboardStore, type Params } from '../src/dashboard-store.ts';
import { rangeConditions, rangeDays, readSummary } from '../src/rollup-widgets.ts';
import { rangeWindows, WINDOW_SUMS_SELECT, windowOfRow } from '../src/series-windows.ts';
import { rangeSummarySums, type SummarySums } from '../src/summary-sums.ts';
import type { TimeRange } from '../src/time-range.ts';
import { mention, SEED_BRANDS, seedFlush, seedStore } from './seed-store.ts';

const DAY = 86_400_000;
const HOUR = 3_600_000;
const JAN1 = Date.UTC(2024, 0, 1);
// Twelve days of acme: scores that are not sums of powers of two, one in six spam, one in seven a copy.
const mentions: ScoredMention[] = Array.from({ length: 72 }, (_, n) =>
  mention(n, 'acme', {
    compound: Math.sin(n * 1.7) * 0.9,
    publishedAt: JAN1 + Math.floor(n / 6) * DAY + (n % 6) * 3 * HOUR + 17_000,
    spamScore: n % 6 === 5 ? 0.95 : 0.1,
    isDuplicate: n % 7 === 3,
  }),
);
const acme = SEED_BRANDS[0] as (typeof SEED_BRANDS)[number];

let dir: string;
let store: DashboardStore;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dash-summary-sums-'));
  await seedStore(dir, mentions);
  store = await openDashboardStore({ root: dir });
});

afterAll(() => {
  store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** What DuckDB sums over the range's rollup rows in one query (what the summary read before). */
async function summedByDuckDb(grain: 'day' | 'hour' | 'minute', range: TimeRange) {
  const params: Params = {};
  const where = ['true', ...rangeConditions('window_start', range, params)].join(' AND ');
  const [row] = await store.rows(
    `SELECT sum(mentions)::VARCHAR AS mentions, sum(positive)::VARCHAR AS positive, sum(neutral)::VARCHAR AS neutral,
            sum(negative)::VARCHAR AS negative, sum(duplicates)::VARCHAR AS duplicates, sum(spam)::VARCHAR AS spam,
            sum(thread_replies)::VARCHAR AS thread_replies,
            coalesce(sum(mentions + duplicates + spam + coalesce(thread_replies, 0)) FILTER (WHERE is_correction), 0)::VARCHAR AS late_records,
            sum(sentiment_sum) AS s, sum(sentiment_sum_sq) AS s2,
            coalesce(sum(mentions) FILTER (WHERE is_correction), 0)::VARCHAR AS late_mentions, epoch_ms(max(window_start)) AS latest
     FROM ${store.relationByDates('rollups', { grain, brand: 'acme' }, rangeDays(range))} WHERE ${where}`,
    params,
  );
  return row ?? {};
}

/** Whether both bounds fall on the grain's windows (what the widgets ask of a grain). */
const alignedTo = (range: TimeRange, unit: number) =>
  (range.from === null || range.from % unit === 0) && (range.to === null || range.to % unit === 0);

/** Equal to 12 significant digits (DuckDB's parallel sums of doubles differ in the last bits). */
function expectDigits(actual: number | undefined, expected: number | undefined): void {
  expect(Math.abs((actual ?? Number.NaN) - (expected ?? Number.NaN))).toBeLessThanOrEqual(Math.abs(expected ?? 0) * 1e-12 + 1e-300);
}

function expectSame(sums: SummarySums, row: Record<string, unknown>): void {
  for (const key of ['mentions', 'positive', 'neutral', 'negative', 'duplicates', 'spam'] as const)
    expect(sums[key]).toBe(num(row[key]) ?? 0);
  expect(sums.threadReplies).toBe(num(row.thread_replies) ?? 0);
  expect(sums.lateMentions).toBe(num(row.late_mentions) ?? 0);
  expect(sums.lateRecords).toBe(num(row.late_records) ?? 0);
  expectDigits(sums.s, num(row.s) ?? 0);
  expectDigits(sums.s2, num(row.s2) ?? 0);
  expect(sums.latest).toBe(num(row.latest) ?? null);
}

it('sums what DuckDB sums over the rows, for whole days and for ranges cut inside their days', async () => {
  const ranges: TimeRange[] = [
    { from: null, to: null },
    { from: JAN1 + 2 * DAY, to: JAN1 + 5 * DAY },
    { from: JAN1 + 2 * DAY + 5 * HOUR, to: JAN1 + 6 * DAY + 9 * HOUR },
    { from: JAN1 + 3 * DAY + 2 * HOUR, to: null },
    { from: JAN1 + 40 * DAY, to: null },
    { from: null, to: JAN1 + 7 * DAY },
    { from: null, to: JAN1 + 4 * DAY + 6 * HOUR },
  ];
  for (const range of ranges) {
    for (const grain of ['day', 'hour', 'minute'] as const) {
      if (!alignedTo(range, { day: DAY, hour: HOUR, minute: 60_000 }[grain])) continue;
      expectSame(await rangeSummarySums(store, 'acme', grain, range), await summedByDuckDb(grain, range));
      // Asked twice: the second answer comes from the held sums and is the same.
      expectSame(await rangeSummarySums(store, 'acme', grain, range), await summedByDuckDb(grain, range));
    }
  }
  // The series' windows of day and hour rollups: the same rows, window by window.
  for (const range of ranges) {
    for (const grain of ['day', 'hour'] as const) {
      if (!alignedTo(range, grain === 'day' ? DAY : HOUR)) continue;
      const params: Params = {};
      const where = ['true', ...rangeConditions('window_start', range, params)].join(' AND ');
      const rows = await store.rows(
        `SELECT ${WINDOW_SUMS_SELECT} FROM ${store.relationByDates('rollups', { grain, brand: 'acme' }, rangeDays(range))}
         WHERE ${where} GROUP BY window_start ORDER BY window_start`,
        params,
      );
      const expected = rows.map(windowOfRow);
      for (let asked = 0; asked < 2; asked += 1) {
        const windows = await rangeWindows(store, 'acme', grain, range);
        expect(windows.map((w) => w.slice(0, 7))).toEqual(expected.map((w) => w.slice(0, 7)));
        for (const [i, w] of windows.entries()) {
          expectDigits(w[7], expected[i]?.[7]);
          expectDigits(w[8], expected[i]?.[8]);
        }
      }
    }
  }
  const summary = await readSummary(store, acme, { from: null, to: null });
  expect(summary.mentions).toBe(mentions.filter((m) => !m.isDuplicate && m.spamScore < 0.7).length);
  expect(summary.latestWindow).toBe(new Date(JAN1 + 11 * DAY).toISOString());
});

it('reads a date again when a late flush lands in it, and keeps the sums in the summary folder across a restart', async () => {
  const summaryDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dash-summary-sums-folder-'));
  const all = { from: null, to: null };
  try {
    const first = await openDashboardStore({ root: dir, summaryDir });
    const before = await rangeSummarySums(first, 'acme', 'day', all);
    const file = path.join(first.summary?.dir as string, 'day-summary-sums.json');
    first.close();
    const held = JSON.parse(fs.readFileSync(file, 'utf8')) as Array<[string, string, SummarySums]>;
    expect(held).toHaveLength(12);
    // The restarted store adds up what the file says (marked here: 2024-01-02 says 100 more mentions) …
    fs.writeFileSync(
      file,
      JSON.stringify(
        held.map(([key, files, sums]) => [key, files, key.endsWith('2024-01-02') ? { ...sums, mentions: sums.mentions + 100 } : sums]),
      ),
    );
    const restarted = await openDashboardStore({ root: dir, summaryDir });
    try {
      expect((await rangeSummarySums(restarted, 'acme', 'day', all)).mentions).toBe(before.mentions + 100);
      // … and reads a date whose listing changed since (a late flush into 2024-01-02) from the rollups.
      const late = [0, 1].map((i) =>
        mention(900 + i, 'acme', { compound: -0.4, publishedAt: JAN1 + DAY + (i + 1) * HOUR, ingestedAt: JAN1 + 30 * DAY }),
      );
      seedFlush(dir, 7, late);
      const after = await rangeSummarySums(restarted, 'acme', 'day', all);
      expect(after.mentions).toBe(before.mentions + 2);
      expect(after.negative).toBe(before.negative + 2);
      expectSame(after, await summedByDuckDb('day', all));
    } finally {
      restarted.close();
    }
  } finally {
    fs.rmSync(summaryDir, { recursive: true, force: true });
  }
});

it("holds today's date in memory but writes only settled dates to the summary folder (a flush into today does not rewrite it)", async () => {
  const recentDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dash-summary-sums-recent-'));
  const summaryDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dash-summary-sums-recent-folder-'));
  const now = Date.now();
  try {
    const old = [0, 1, 2].map((i) => mention(i, 'acme', { compound: 0.3, publishedAt: JAN1 + i * DAY }));
    const today = mention(10, 'acme', { compound: 0.3, publishedAt: now - 60_000 });
    await seedStore(recentDir, [...old, today]);
    const recent = await openDashboardStore({ root: recentDir, summaryDir });
    try {
      const all = { from: null, to: null };
      expect((await rangeSummarySums(recent, 'acme', 'day', all)).mentions).toBe(4);
      const file = path.join(recent.summary?.dir as string, 'day-summary-sums.json');
      const written = JSON.parse(fs.readFileSync(file, 'utf8')) as Array<[string]>;
      expect(written.map(([key]) => key.slice(key.lastIndexOf('\u0000') + 1))).toEqual(['2024-01-01', '2024-01-02', '2024-01-03']);
      fs.rmSync(file);
      // A flush into today: read again (5 mentions), the file not written again.
      seedFlush(recentDir, 9, [mention(11, 'acme', { compound: 0.3, publishedAt: now - 30_000 })]);
      expect((await rangeSummarySums(recent, 'acme', 'day', all)).mentions).toBe(5);
      expect(fs.existsSync(file)).toBe(false);
    } finally {
      recent.close();
    }
  } finally {
    fs.rmSync(recentDir, { recursive: true, force: true });
    fs.rmSync(summaryDir, { recursive: true, force: true });
  }
});
