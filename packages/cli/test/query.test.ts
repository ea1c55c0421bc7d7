import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { encodeRawMentions, rawArchiveKey } from '@sl/archive';
import { createLocalObjectStore } from '@sl/object-store';
import { rawMentionFixture } from '@sl/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { mirrorToCache } from '../src/query/query-source.ts';
import { runQuery, toCsv } from '../src/query/run-query.ts';

const dirs: string[] = [];
const tempDir = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sl-query-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
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
    expect(result.missingViews).toEqual(['rollups', 'conversations']);
    expect(toCsv(await runQuery(root, "SELECT id, text FROM raw_mentions WHERE id = 'rss:1'"))).toBe('id,text\nrss:1,"text, ""1"""');
  });

  it('says which views have no files when the SQL needs one', async () => {
    const root = tempDir();
    await writeArchive(root);
    await expect(runQuery(root, 'SELECT count(*) FROM rollups')).rejects.toThrow(/rollups does not exist.*\(no files yet for: rollups, conversations\)$/);
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
