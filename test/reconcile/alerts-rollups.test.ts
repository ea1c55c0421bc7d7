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
import type { ScoredMention } from '@sl/contracts';
import { encodeRollupRows, rollupKey, rollupRows } from '@sl/rollups';
import { expect, it } from 'vitest';
import { orderFixture } from '../../packages/amplification/test/order-fixture.ts';

it('a volume spike or negative surge observes exactly what sl query sums from the rollups for its brand and window', async () => {
  const input = orderFixture(4);
  const alerts = alertsInOrder(input, 'shuffled', { seed: 4 });
  const windowAlerts = alerts.filter((a) => a.kind === 'volume_spike' || a.kind === 'negative_surge');
  expect(windowAlerts.map((a) => a.kind).sort()).toEqual(expect.arrayContaining(['negative_surge', 'volume_spike']));

  // The rollups of the same mentions, one file per grain, brand and day, as the aggregation worker writes them.
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'sl-reconcile-'));
  try {
    const spamThreshold = new Map(input.brands.map((b) => [b.id, b.spamThreshold]));
    const records = input.mentions.map((m: ScoredMention, i) => ({ topic: 'mentions.scored', partition: 0, offset: String(i), key: null, value: m, headers: {}, timestamp: m.ingestedAt }));
    const rows = rollupRows(records, { spamThresholdOf: (id) => spamThreshold.get(id) ?? 1 });
    const files = new Map<string, typeof rows>();
    for (const row of rows) {
      const key = rollupKey({ grain: row.grain, brandId: row.brandId, date: new Date(row.windowStart).toISOString().slice(0, 10), partition: 0, firstOffset: '0', lastOffset: String(records.length - 1) });
      files.set(key, [...(files.get(key) ?? []), row]);
    }
    for (const [key, fileRows] of files) {
      fs.mkdirSync(path.dirname(path.join(root, key)), { recursive: true });
      fs.writeFileSync(path.join(root, key), encodeRollupRows(fileRows, { partition: 0, firstOffset: '0', lastOffset: String(records.length - 1) }));
    }

    for (const alert of windowAlerts) {
      const sql = `SELECT sum(mentions)::INTEGER AS mentions, sum(negative)::INTEGER AS negative FROM rollups WHERE grain = 'minute' AND brand = '${alert.brandId}' AND window_start >= epoch_ms(${alert.windowStart}) AND window_start < epoch_ms(${alert.windowEnd})`;
      const [sums] = (await runQuery(root, sql)).rows as Array<{ mentions: number; negative: number }>;
      const observed = alert.kind === 'volume_spike' ? sums?.mentions : sums?.negative;
      expect({ id: alert.id, observed: alert.observed }).toEqual({ id: alert.id, observed });
    }
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});
