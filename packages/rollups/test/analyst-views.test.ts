import { encodeAlerts, encodeRawMentions } from '@sl/archive';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANALYST_VIEWS, analystView, emptyViewRelation, partitionValues, viewGlob, viewRelation } from '../src/analyst-views.ts';
import { encodeAuthorDays } from '../src/author-day-parquet.ts';
import { encodeBrandReplies } from '../src/brand-reply-parquet.ts';
import { encodeConversations } from '../src/conversation-parquet.ts';
import { encodeCorrections } from '../src/correction-parquet.ts';
import { encodeDriverDays } from '../src/driver-day-parquet.ts';
import { encodeRollupRows } from '../src/rollup-parquet.ts';
import { rollupsLayout } from '../src/rollups-layout.ts';
import { duckdb, MINUTE, records, scored, spamThresholdOf, T0, tempDir, writeFiles } from './rollup-fixtures.ts';

const db = duckdb();
let dir: string;
let dispose: () => Promise<void>;
beforeAll(async () => {
  ({ dir, dispose } = await tempDir());
  const layout = rollupsLayout({ spamThresholdOf });
  const acme = Array.from({ length: 5 }, (_, i) => scored({ n: i, brandId: 'acme', publishedAt: T0 + i * MINUTE }));
  const globex = Array.from({ length: 3 }, (_, i) => scored({ n: 10 + i, brandId: 'globex', publishedAt: T0 + i * MINUTE }));
  await writeFiles(dir, [...layout.files(records(0, 0, [...acme, ...globex]), { partition: 0, firstOffset: '0', lastOffset: '7' })]);
});
afterAll(async () => {
  (await db).close();
  await dispose();
});

const describeColumns = async (relation: string) =>
  (await (await db).rows(`DESCRIBE SELECT * FROM ${relation}`)).map((r) => [r.column_name, r.column_type]);

describe('analyst views', () => {
  it('declare exactly the columns the writers write, in their order', async () => {
    const written: Record<string, Buffer> = {
      rollups: encodeRollupRows([], { partition: 0, firstOffset: '0', lastOffset: '0' }),
      conversations: encodeConversations([], { spamThresholdOf }),
      corrections: encodeCorrections([]),
      author_days: encodeAuthorDays([], { partition: 0, firstOffset: '0', lastOffset: '0' }),
      driver_days: encodeDriverDays([], { partition: 0, firstOffset: '0', lastOffset: '0' }),
      brand_replies: encodeBrandReplies([], { partition: 0, firstOffset: '0', lastOffset: '0' }),
      raw_mentions: encodeRawMentions([]),
      alerts: encodeAlerts([]),
    };
    const { writeFile } = await import('node:fs/promises');
    for (const view of ANALYST_VIEWS) {
      const file = `${dir}/${view.name}-empty.parquet`;
      await writeFile(file, written[view.name] as Buffer);
      expect({ view: view.name, columns: await describeColumns(`read_parquet('${file}')`) }).toEqual({ view: view.name, columns: view.columns });
    }
  });

  it('are empty relations with the files\' columns and partitions when nothing is written yet', async () => {
    const empty = `${dir}/nothing-here`;
    const rollups = analystView('rollups');
    expect(viewRelation(empty, rollups)).toBe(emptyViewRelation(rollups));
    expect(await describeColumns(viewRelation(empty, rollups))).toEqual([...rollups.columns, ...rollups.partitions]);
    expect(await (await db).rows(`SELECT count(*) AS n, sum(mentions) AS m FROM ${viewRelation(empty, rollups)}`)).toEqual([{ n: '0', m: null }]);
  });

  it('read only the pinned brand\'s partitions', async () => {
    const rollups = analystView('rollups');
    expect(viewGlob('/store/', rollups, { brand: 'acme' })).toBe('/store/rollups/v1/grain=*/brand=acme/date=*/*.parquet');
    const perBrand = async (scope: Record<string, string>) =>
      (await db).rows(`SELECT brand, sum(mentions)::INTEGER AS n FROM ${viewRelation(dir, rollups, scope)} WHERE grain = 'day' GROUP BY brand ORDER BY brand`);
    expect(await perBrand({})).toEqual([
      { brand: 'acme', n: 5 },
      { brand: 'globex', n: 3 },
    ]);
    expect(await perBrand({ brand: 'acme' })).toEqual([{ brand: 'acme', n: 5 }]);
    // A brand with no files yet is empty, not an error, and never falls back to the others.
    expect(await perBrand({ brand: 'initech' })).toEqual([]);
    expect(viewRelation(dir, rollups, { brand: 'initech' })).toBe(emptyViewRelation(rollups));
    const conversations = analystView('conversations');
    expect(await (await db).rows(`SELECT DISTINCT brand FROM ${viewRelation(dir, conversations, { brand: 'globex' })}`)).toEqual([{ brand: 'globex' }]);
  });

  it('list a partition\'s values from the folders, and read several scopes at once', async () => {
    const conversations = analystView('conversations');
    expect(partitionValues(dir, conversations, { brand: 'acme' }, 'date')).toEqual(['2024-05-01']);
    expect(partitionValues(dir, conversations, { brand: 'nobody' }, 'date')).toEqual([]);
    expect(() => partitionValues(dir, conversations, {}, 'date')).toThrow('listing date of conversations needs brand pinned');
    const both = viewRelation(dir, conversations, [{ brand: 'acme' }, { brand: 'globex' }, { brand: 'initech' }]);
    expect(await (await db).rows(`SELECT brand, count(*)::INTEGER AS n FROM ${both} GROUP BY brand ORDER BY brand`)).toEqual([
      { brand: 'acme', n: 5 },
      { brand: 'globex', n: 3 },
    ]);
  });

  it('refuse a partition the view does not have', () => {
    expect(() => viewGlob(dir, analystView('conversations'), { grain: 'day' })).toThrow('conversations has no partition grain');
  });
});
