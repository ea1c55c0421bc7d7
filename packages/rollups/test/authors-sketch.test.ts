import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AUTHORS_SKETCH_K,
  AUTHORS_SKETCH_SQL_PATH,
  authorHash,
  authorsSketch,
  estimateAuthors,
  mergeAuthorsSketches,
} from '../src/authors-sketch.ts';
import { analystViewsSql } from '../src/analyst-views.ts';
import { rollupsLayout } from '../src/rollups-layout.ts';
import { duckdb, MINUTE, records, scored, spamThresholdOf, T0, tempDir, writeFiles } from './rollup-fixtures.ts';

/** Relative standard error of a KMV estimate: 1 / sqrt(k - 2), 3.1 % for k = 1024. */
const RSE = 1 / Math.sqrt(AUTHORS_SKETCH_K - 2);

const hashes = (from: number, to: number, source = 'rss') =>
  Array.from({ length: to - from }, (_, i) => authorHash(source, `author-${from + i}`));

describe('authors sketch (KMV) in JS', () => {
  it('is exact below k and merges as the sketch of the union', () => {
    const a = authorsSketch(hashes(0, 300));
    const b = authorsSketch(hashes(200, 700));
    expect(estimateAuthors(mergeAuthorsSketches([a, b]))).toBe(700);
    expect(mergeAuthorsSketches([a, b])).toEqual(authorsSketch(hashes(0, 700)));
    // Same handle on another source is another author.
    expect(authorHash('rss', 'x')).not.toBe(authorHash('news', 'x'));
    expect(authorHash('rss', 'x')).toBeLessThan(2n ** 63n);
  });

  it('estimates above k within the expected error (measured over 40 disjoint sets)', () => {
    const errors: number[] = [];
    for (let trial = 0; trial < 40; trial += 1) {
      const n = trial % 2 === 0 ? 3_000 : 12_000;
      const sketch = authorsSketch(hashes(trial * 100_000, trial * 100_000 + n));
      expect(sketch).toHaveLength(AUTHORS_SKETCH_K);
      errors.push(estimateAuthors(sketch) / n - 1);
    }
    const rms = Math.sqrt(errors.reduce((s, e) => s + e * e, 0) / errors.length);
    expect(rms).toBeLessThan(1.5 * RSE);
    expect(Math.max(...errors.map(Math.abs))).toBeLessThan(4 * RSE);
  });
});

describe('authors sketch merged by the DuckDB SQL over Parquet files', () => {
  let dir = '';
  let dispose = async () => {};
  const db = duckdb();
  // One day, acme: three flushes on different partitions; authors 0-2999 and 2000-5999 overlap,
  // 10000-11999 are disjoint: 8000 distinct. globex: 30 + 40 authors sharing 10: 60, exact.
  const flushes = [
    { partition: 0, authors: [0, 3_000], brandId: 'acme' },
    { partition: 1, authors: [2_000, 6_000], brandId: 'acme' },
    { partition: 2, authors: [10_000, 12_000], brandId: 'acme' },
    { partition: 0, authors: [0, 30], brandId: 'globex', first: 50_000 },
    { partition: 1, authors: [20, 60], brandId: 'globex', first: 50_000 },
  ];

  beforeAll(async () => {
    ({ dir, dispose } = await tempDir());
    const layout = rollupsLayout({ spamThresholdOf });
    for (const flush of flushes) {
      const [from, to] = flush.authors as [number, number];
      const mentions = Array.from({ length: to - from }, (_, i) =>
        scored({ n: from + i, brandId: flush.brandId, handle: `author-${from + i}`, publishedAt: T0 + ((from + i) % 600) * MINUTE }),
      );
      const first = flush.first ?? 0;
      const batch = records(flush.partition, first, mentions);
      await writeFiles(dir, [
        ...layout.files(batch, { partition: flush.partition, firstOffset: String(first), lastOffset: String(first + mentions.length - 1) }),
      ]);
    }
    for (const statement of analystViewsSql(dir, readFileSync(AUTHORS_SKETCH_SQL_PATH, 'utf8')).statements) await (await db).run(statement);
  });
  afterAll(async () => {
    (await db).close();
    await dispose();
  });

  it('ships the macros as plain SQL', () => {
    expect(readFileSync(AUTHORS_SKETCH_SQL_PATH, 'utf8')).toContain('CREATE OR REPLACE MACRO unique_authors(sketches)');
  });

  it('gives the exact count for small unions and a close estimate for large ones', async () => {
    const rows = await (await db).rows(
      `SELECT brand, unique_authors(list(authors_sketch)) AS authors, len(authors_merge(list(authors_sketch))) AS size, count(*) AS files
       FROM rollups WHERE grain = 'day' GROUP BY brand ORDER BY brand`,
    );
    expect(rows.map((r) => [r.brand, r.files])).toEqual([
      ['acme', '3'],
      ['globex', '2'],
    ]);
    const [acme, globex] = rows as [Record<string, unknown>, Record<string, unknown>];
    expect(globex.authors).toBe(60);
    expect(Number(acme.size)).toBe(AUTHORS_SKETCH_K);
    const estimate = Number(acme.authors);
    expect(Math.abs(estimate / 8_000 - 1)).toBeLessThan(3 * RSE);
    // The SQL computes exactly what the JS does on the same sketches.
    const js = estimateAuthors(mergeAuthorsSketches([authorsSketch(hashes(0, 6_000)), authorsSketch(hashes(10_000, 12_000))]));
    expect(estimate).toBeCloseTo(js, 6);
  });

  it('merges finer grains to the same sketch as coarser ones', async () => {
    const rows = await (await db).rows(
      `SELECT grain, authors_merge(list(authors_sketch))::VARCHAR AS sketch FROM rollups WHERE brand = 'acme' AND NOT is_correction GROUP BY grain ORDER BY grain`,
    );
    expect(rows).toHaveLength(3);
    expect(new Set(rows.map((r) => r.sketch)).size).toBe(1);
  });

  it('agrees with the exact count from the conversation archive', async () => {
    const [exact] = await (await db).rows(
      `SELECT count(DISTINCT (source, author_handle)) AS n FROM conversations WHERE brand = 'globex' AND counted`,
    );
    expect(exact?.n).toBe('60');
  });
});
