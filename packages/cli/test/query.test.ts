import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { alertArchiveKey, encodeAlerts, encodeRawMentions, rawArchiveKey } from '@sl/archive';
import { createLocalObjectStore } from '@sl/object-store';
import { rawMentionFixture } from '@sl/testkit';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { commands, runCli } from '../src/index.ts';
import { mirrorToCache } from '../src/query/query-source.ts';
import { emptyViewNotes, runQuery, toCsv } from '../src/query/run-query.ts';

const dirs: string[] = [];
const tempDir = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sl-query-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  vi.restoreAllMocks();
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function record(n: number, source: string) {
  return { topic: 't', partition: 0, offset: String(n), key: null, value: rawMentionFixture(n, { text: `text, "${n}"` }, source), headers: {}, timestamp: 0 };
}

async function writeArchive(root: string) {
  const store = createLocalObjectStore({ root });
  const files: Array<[string, number[]]> = [
    ['rss', [1, 2, 3]],
    ['rss', [4]],
    ['mastodon', [5, 6]],
  ];
  let first = 0;
  for (const [source, ns] of files) {
    const key = rawArchiveKey({ prefix: 'raw/v1', source, date: '2025-11-24', partition: 0, firstOffset: String(first), lastOffset: String(first + ns.length - 1) });
    await store.put(key, encodeRawMentions(ns.map((n) => record(n, source))));
    first += ns.length;
  }
  return store;
}

describe('sl query', () => {
  it('runs SQL over the views with Hive partitions as columns', async () => {
    const root = tempDir();
    await writeArchive(root);
    const result = await runQuery(root, 'SELECT source, "date", count(*) AS n FROM raw_mentions GROUP BY ALL ORDER BY source');
    expect(result.columns).toEqual(['source', 'date', 'n']);
    expect(result.rows).toEqual([
      { source: 'mastodon', date: '2025-11-24', n: '2' },
      { source: 'rss', date: '2025-11-24', n: '4' },
    ]);
    expect(result.emptyViews.map((v) => v.name)).toEqual(['rollups', 'conversations', 'corrections', 'author_days', 'driver_days', 'brand_replies', 'alerts']);
    expect(toCsv(await runQuery(root, "SELECT id, text FROM raw_mentions WHERE id = 'rss:1'"))).toBe('id,text\nrss:1,"text, ""1"""');
  });

  it('reads the alert archive as alerts, brand and date from the path', async () => {
    const root = tempDir();
    const store = createLocalObjectStore({ root });
    const alert = (n: number) => ({
      id: `acme:volume_spike:${n}`,
      brandId: 'acme',
      kind: 'volume_spike' as const,
      severity: 'warning' as const,
      windowStart: Date.UTC(2025, 10, 24, n),
      windowEnd: Date.UTC(2025, 10, 24, n + 1),
      observed: 30 + n,
      expected: 10,
      mentionIds: [`rss:${n}`],
      sampleTexts: [],
      explanation: `spike ${n}`,
      createdAt: Date.UTC(2025, 10, 24, n + 1, 5),
      author: null,
      url: null,
      sentiment: null,
      influence: null,
      historical: false,
    });
    const records = [1, 2].map((n) => ({ topic: 'alerts.acme', partition: 0, offset: String(n), key: null, value: alert(n), headers: {}, timestamp: 0 }));
    await store.put(alertArchiveKey({ brandId: 'acme', date: '2025-11-24', partition: 0, firstOffset: '1', lastOffset: '2' }), encodeAlerts(records));
    const result = await runQuery(root, 'SELECT brand, "date", id, observed, mention_ids FROM alerts ORDER BY window_start DESC');
    expect(result.rows).toEqual([
      { brand: 'acme', date: '2025-11-24', id: 'acme:volume_spike:2', observed: 32, mention_ids: '["rss:2"]' },
      { brand: 'acme', date: '2025-11-24', id: 'acme:volume_spike:1', observed: 31, mention_ids: '["rss:1"]' },
    ]);
  });

  it('answers from empty views on a store with no files yet, and names the folder it read', async () => {
    const root = tempDir();
    const result = await runQuery(root, 'SELECT count(*) AS n FROM rollups');
    expect(result.rows).toEqual([{ n: '0' }]);
    expect(result.emptyViews).toEqual([
      { name: 'rollups', folder: path.join(root, 'rollups/v1') },
      { name: 'conversations', folder: path.join(root, 'conversations/v1') },
      { name: 'corrections', folder: path.join(root, 'corrections/v1') },
      { name: 'author_days', folder: path.join(root, 'author-days/v1') },
      { name: 'driver_days', folder: path.join(root, 'driver-days/v1') },
      { name: 'brand_replies', folder: path.join(root, 'brand-replies/v1') },
      { name: 'raw_mentions', folder: path.join(root, 'raw/v1') },
      { name: 'alerts', folder: path.join(root, 'alerts/v1') },
    ]);
    expect((await runQuery(root, 'select count(*) from alerts')).rows).toEqual([{ 'count_star()': '0' }]);
    expect(emptyViewNotes(result, 'SELECT count(*) AS n FROM rollups')).toEqual([`rollups is empty: no files yet under ${path.join(root, 'rollups/v1')}`]);
    // Every column is there with its type, partitions included, so real queries run and sum to nothing.
    const sums = await runQuery(
      root,
      "SELECT sum(mentions) AS mentions, count(DISTINCT brand) AS brands, max(window_start) AS latest FROM rollups WHERE grain = 'day' AND \"date\" >= DATE '2025-01-01'",
    );
    expect(sums.rows).toEqual([{ mentions: null, brands: '0', latest: null }]);
    const columns = await runQuery(root, 'DESCRIBE conversations');
    expect(columns.rows.map((r) => `${r.column_name} ${r.column_type}`).slice(-4)).toEqual(['kafka_partition INTEGER', 'kafka_offset BIGINT', 'brand VARCHAR', 'date DATE']);
  });

  it('prints 0 for a count on an empty store, and says on stderr which folder it read', async () => {
    const root = tempDir();
    const out: string[] = [];
    const err: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => out.push(String(chunk)) > 0);
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => err.push(String(chunk)) > 0);
    const code = await runCli(commands, ['query', '--data', root, '--format', 'csv', 'select count(*) from rollups'], {});
    expect({ code, out: out.join(''), err: err.join('') }).toEqual({
      code: 0,
      out: 'count_star()\n0\n',
      err: `sl query: rollups is empty: no files yet under ${path.join(root, 'rollups/v1')}\n`,
    });
  });

  it('still fails, naming the folder, on SQL DuckDB cannot run', async () => {
    const root = tempDir();
    await expect(runQuery(root, 'SELECT nope FROM rollups')).rejects.toThrow(
      new RegExp(`Referenced column "nope" not found.* \\(read from ${root.replaceAll('/', '\\/')}\\)$`),
    );
  });

  it('mirrors only the analysts\' prefixes, and only what the cache lacks', async () => {
    const remote = await writeArchive(tempDir());
    await remote.put('_sink-state/raw-archive/v1/x.json', Buffer.from('{}'));
    const cache = tempDir();
    expect(await mirrorToCache(remote, cache)).toEqual({ listed: 3, copied: 3, bytes: expect.any(Number) });
    expect(await mirrorToCache(remote, cache)).toEqual({ listed: 3, copied: 0, bytes: 0 });
    expect(fs.existsSync(path.join(cache, '_sink-state'))).toBe(false);
    expect((await runQuery(cache, 'SELECT count(*) AS n FROM raw_mentions')).rows).toEqual([{ n: '6' }]);
  });
});
