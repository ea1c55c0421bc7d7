// An alert's figures are the rollups' figures. A multi-day history with a volume spike and a
// negative surge goes through the amplification engine (shuffled, as a backfill would) and through
// the aggregation worker's rollup code into Parquet files laid out as in object storage; `sl
// query` then sums the rollups for each window alert's brand and window, and the sums must equal
// the alert's observed figures: mentions for a spike, negative mentions for a surge.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { alertsInOrder } from '@sl/amplification/testing/arrival-orders';
import { runQuery } from '@sl/cli/query/run-query';
import type { Alert, ScoredMention } from '@sl/contracts';
import { encodeRollupRows, rollupKey, rollupRows } from '@sl/rollups';
import { expect, it } from 'vitest';
import { orderFixture } from '../../packages/amplification/test/order-fixture.ts';

/** Writes the rollups of `mentions` as the aggregation worker lays them out, one file per grain, brand and day. */
function writeRollups(root: string, mentions: readonly ScoredMention[], spamThresholdOf: (brandId: string) => number): void {
  const records = mentions.map((m, i) => ({ topic: 'mentions.scored', partition: 0, offset: String(i), key: null, value: m, headers: {}, timestamp: m.ingestedAt }));
  const rows = rollupRows(records, { spamThresholdOf });
  const files = new Map<string, typeof rows>();
  for (const row of rows) {
    const key = rollupKey({ grain: row.grain, brandId: row.brandId, date: new Date(row.windowStart).toISOString().slice(0, 10), partition: 0, firstOffset: '0', lastOffset: String(records.length - 1) });
    files.set(key, [...(files.get(key) ?? []), row]);
  }
  for (const [key, fileRows] of files) {
    fs.mkdirSync(path.dirname(path.join(root, key)), { recursive: true });
    fs.writeFileSync(path.join(root, key), encodeRollupRows(fileRows, { partition: 0, firstOffset: '0', lastOffset: String(records.length - 1) }));
  }
}

/** Each window alert's observed figure against what `sl query` sums from the rollups for its brand and window. */
async function expectReconciled(root: string, windowAlerts: readonly Alert[]): Promise<void> {
  for (const alert of windowAlerts) {
    const sql = `SELECT sum(mentions)::INTEGER AS mentions, sum(negative)::INTEGER AS negative FROM rollups WHERE grain = 'minute' AND brand = '${alert.brandId}' AND window_start >= epoch_ms(${alert.windowStart}) AND window_start < epoch_ms(${alert.windowEnd})`;
    const [sums] = (await runQuery(root, sql)).rows as Array<{ mentions: number; negative: number }>;
    const observed = alert.kind === 'volume_spike' ? sums?.mentions : sums?.negative;
    expect({ id: alert.id, observed: alert.observed }).toEqual({ id: alert.id, observed });
  }
}

const windowAlertsOf = (alerts: readonly Alert[]) => alerts.filter((a) => a.kind === 'volume_spike' || a.kind === 'negative_surge');

it('a volume spike or negative surge observes exactly what sl query sums from the rollups for its brand and window', async () => {
  const input = orderFixture(4);
  const windowAlerts = windowAlertsOf(alertsInOrder(input, 'shuffled', { seed: 4 }));
  expect(windowAlerts.map((a) => a.kind).sort()).toEqual(expect.arrayContaining(['negative_surge', 'volume_spike']));
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'sl-reconcile-'));
  try {
    const spamThreshold = new Map(input.brands.map((b) => [b.id, b.spamThreshold]));
    writeRollups(root, input.mentions, (id) => spamThreshold.get(id) ?? 1);
    await expectReconciled(root, windowAlerts);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});

// The engine and the aggregation worker read brands.config at different moments, so a threshold
// changed in between used to classify one mention two ways. Records carry the threshold the
// enricher judged them by (v3), and both sides classify by it, whatever the brand says now.
it('a spam threshold changed after enrichment changes neither the alerts nor their reconciliation', async () => {
  const fixture = orderFixture(4);
  // Spam scores from 0 to 0.29, all below the brands' threshold.
  const input = { ...fixture, mentions: fixture.mentions.map((m, i) => ({ ...m, spamScore: (i % 30) / 100 })) };
  const expected = alertsInOrder(input, 'shuffled', { seed: 4 });
  const stamped = {
    brands: input.brands.map((b) => ({ ...b, spamThreshold: 0.1 })),
    mentions: input.mentions.map((m) => ({ ...m, spamThreshold: input.brands.find((b) => b.id === m.brandId)?.spamThreshold ?? null })),
  };
  // Two thirds of the mentions score at or above 0.1: had the engine used the brand's current
  // threshold, it would have judged them spam.
  expect(stamped.mentions.filter((m) => m.spamScore >= 0.1).length).toBeGreaterThan(stamped.mentions.length / 2);
  expect(windowAlertsOf(expected).length).toBeGreaterThan(0);
  const alerts = alertsInOrder({ ...input, ...stamped }, 'shuffled', { seed: 4 });
  expect(alerts).toEqual(expected);
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'sl-reconcile-'));
  try {
    // The aggregation worker's current threshold differs again: nothing would be spam by it.
    writeRollups(root, stamped.mentions, () => 1);
    await expectReconciled(root, windowAlertsOf(alerts));
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});
