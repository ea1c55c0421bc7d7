import type { ScoredMention } from '@sl/contracts';
import type { ConsumedRecord } from '@sl/kafka';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rollupColumns } from '../src/rollup-parquet.ts';
import { GRAINS, windowStart } from '../src/rollup-rows.ts';
import { rollupsLayout } from '../src/rollups-layout.ts';
import { duckdb, HOUR, MINUTE, records, scored, spamThresholdOf, T0, tempDir, writeFiles } from './rollup-fixtures.ts';

const layout = rollupsLayout({ spamThresholdOf });
const range = (batch: ConsumedRecord<ScoredMention>[]) => ({
  partition: batch[0]?.partition ?? 0,
  firstOffset: batch[0]?.offset ?? '0',
  lastOffset: batch.at(-1)?.offset ?? '0',
});

describe('rollupsLayout keys and bytes', () => {
  const batch = records(3, 10, [
    scored({ n: 1, publishedAt: T0 }),
    scored({ n: 2, brandId: 'acme/eu', publishedAt: T0 + 14 * HOUR }), // 2024-05-02 00:00
    scored({ n: 3, publishedAt: T0 + 14 * HOUR - 1 }), // 2024-05-01 23:59:59.999
    scored({ n: 4, publishedAt: T0 + 5 * MINUTE, isDuplicate: true }),
  ]);

  it('writes every grain, the conversations and the day aggregates, per brand and date, named by the flush range', () => {
    const files = [...layout.files(batch, range(batch))];
    // The duplicate (n 4) is archived but counts for no author and no driver.
    expect(files.map((f) => [f.key, f.rows])).toEqual([
      ['author-days/v1/brand=acme%2Feu/date=2024-05-02/part-3-10-13.parquet', 1],
      ['author-days/v1/brand=acme/date=2024-05-01/part-3-10-13.parquet', 2],
      ['brand-replies/v1/brand=acme%2Feu/date=2024-05-02/part-3-10-13.parquet', 0],
      ['brand-replies/v1/brand=acme/date=2024-05-01/part-3-10-13.parquet', 0],
      ['conversations/v1/brand=acme%2Feu/date=2024-05-02/part-3-10-13.parquet', 1],
      ['conversations/v1/brand=acme/date=2024-05-01/part-3-10-13.parquet', 3],
      ['driver-days/v1/brand=acme%2Feu/date=2024-05-02/part-3-10-13.parquet', 1],
      ['driver-days/v1/brand=acme/date=2024-05-01/part-3-10-13.parquet', 1],
      ['rollups/v1/grain=day/brand=acme%2Feu/date=2024-05-02/part-3-10-13.parquet', 1],
      ['rollups/v1/grain=day/brand=acme/date=2024-05-01/part-3-10-13.parquet', 1],
      ['rollups/v1/grain=hour/brand=acme%2Feu/date=2024-05-02/part-3-10-13.parquet', 1],
      ['rollups/v1/grain=hour/brand=acme/date=2024-05-01/part-3-10-13.parquet', 2],
      ['rollups/v1/grain=minute/brand=acme%2Feu/date=2024-05-02/part-3-10-13.parquet', 1],
      ['rollups/v1/grain=minute/brand=acme/date=2024-05-01/part-3-10-13.parquet', 3],
    ]);
    expect([...layout.files([], { partition: 0, firstOffset: '0', lastOffset: '0' })]).toEqual([]);
  });

  it('is deterministic: the same records give the same bytes, from any layout instance', () => {
    const first = [...layout.files(batch, range(batch))];
    const again = [...rollupsLayout({ spamThresholdOf }).files(structuredClone(batch), range(batch))];
    expect(again.map((f) => f.key)).toEqual(first.map((f) => f.key));
    again.forEach((file, i) => {
      expect(file.body.equals(first[i]?.body ?? Buffer.alloc(0))).toBe(true);
    });
  });
});

// A day and a half of mentions for three brands over three sources and three languages, with
// duplicates, spam and late records, split into flushes as a consumer would.
function dataset(): ScoredMention[] {
  const brands = ['acme', 'globex', 'initech'];
  const sources = ['rss', 'news', 'forum'];
  const langs: Array<string | null> = ['en', 'fr', null];
  const out: ScoredMention[] = [];
  for (let n = 0; n < 900; n += 1) {
    const spread = (n * 7919) % 2_160; // minutes over 36 h
    out.push(
      scored({
        n,
        brandId: brands[Math.floor(n / 7) % 3] ?? 'acme',
        source: sources[(n * 17) % 3] ?? 'rss',
        detectedLang: langs[(n * 13) % 3] ?? null,
        lang: null,
        publishedAt: T0 + spread * MINUTE + (n % 60) * 1_000,
        delay: n % 23 === 0 ? 3 * HOUR : 30_000,
        handle: `u${n % 97}`,
        followers: n % 5 === 0 ? null : n,
        compound: (((n * 37) % 200) - 100) / 100,
        isDuplicate: n % 11 === 0,
        spamScore: ((n * 53) % 100) / 100,
        text: `Mention ${n} #tag${n % 4} about item${n % 7}`,
        role: n % 13 === 5 ? 'thread_reply' : 'mention',
      }),
    );
  }
  return out;
}

interface Totals {
  mentions: number;
  duplicates: number;
  spam: number;
  threadReplies: number;
  positive: number;
  neutral: number;
  negative: number;
  reach: number;
  likes: number;
  shares: number;
  replies: number;
  corrections: number;
}

/** Whether a mention counts in `mentions`, decided here independently of the code under test. */
const isCounted = (m: ScoredMention): boolean => !m.isDuplicate && m.spamScore < spamThresholdOf(m.brandId) && m.role === 'mention';

/** Counted straight from the input, independently of the code under test. */
function expectedTotals(mentions: ScoredMention[]): Map<string, Totals> {
  const out = new Map<string, Totals>();
  for (const m of mentions) {
    for (const grain of GRAINS) {
      const key = `${grain}|${m.brandId}|${windowStart(grain, m.publishedAt)}`;
      const t = out.get(key) ?? {
        mentions: 0,
        duplicates: 0,
        spam: 0,
        threadReplies: 0,
        positive: 0,
        neutral: 0,
        negative: 0,
        reach: 0,
        likes: 0,
        shares: 0,
        replies: 0,
        corrections: 0,
      };
      const counted = isCounted(m);
      if (m.isDuplicate) t.duplicates += 1;
      else if (m.spamScore >= spamThresholdOf(m.brandId)) t.spam += 1;
      else if (!counted) t.threadReplies += 1;
      if (counted) {
        t.mentions += 1;
        t[m.sentiment.label] += 1;
        t.reach += m.author.followers ?? 0;
        t.likes += m.engagement.likes;
        t.shares += m.engagement.shares;
        t.replies += m.engagement.replies;
        if (m.ingestedAt - m.publishedAt > HOUR) t.corrections += 1;
      }
      out.set(key, t);
    }
  }
  return out;
}

describe('rollups read back with DuckDB, written in several flushes', () => {
  const mentions = dataset();
  let dir = '';
  let dispose = async () => {};
  const db = duckdb();
  let fileCount = 0;

  beforeAll(async () => {
    ({ dir, dispose } = await tempDir());
    // Kafka keys by brand: acme and initech share partition 0, globex has partition 1.
    const byPartition = new Map<number, ScoredMention[]>();
    for (const m of mentions) {
      const partition = m.brandId === 'globex' ? 1 : 0;
      byPartition.set(partition, [...(byPartition.get(partition) ?? []), m]);
    }
    for (const [partition, list] of byPartition) {
      const all = records(partition, 1_000, list);
      // Uneven flushes: 1, 50, 7, 200, then the rest.
      const cuts = [0, 1, 51, 58, 258, all.length];
      for (let i = 0; i + 1 < cuts.length; i += 1) {
        const batch = all.slice(cuts[i], cuts[i + 1]);
        const files = [...layout.files(batch, range(batch))];
        fileCount += files.length;
        await writeFiles(dir, files);
      }
    }
  });
  afterAll(async () => {
    (await db).close();
    await dispose();
  });

  it('has the documented columns, with grain, brand and date from the path', async () => {
    const columns = await (await db).rows(
      `DESCRIBE SELECT * FROM read_parquet('${dir}/rollups/v1/**/*.parquet', hive_partitioning = true)`,
    );
    expect(columns.map((c) => c.column_name)).toEqual([...rollupColumns, 'brand', 'date', 'grain']);
    expect(Object.fromEntries(columns.map((c) => [c.column_name, c.column_type]))).toMatchObject({
      window_start: 'TIMESTAMP',
      mentions: 'BIGINT',
      sentiment_sum: 'DOUBLE',
      authors_sketch: 'BIGINT[]',
      top_terms: 'JSON',
      is_correction: 'BOOLEAN',
    });
    expect(fileCount).toBeGreaterThan(20);
  });

  it('sums to the counts computed from the input, exactly, for every grain, brand and window', async () => {
    const rows = await (await db).rows(
      `SELECT grain, brand, epoch_ms(window_start) AS ws,
              SUM(mentions) AS mentions, SUM(duplicates) AS duplicates, SUM(spam) AS spam, SUM(thread_replies) AS thread_replies,
              SUM(positive) AS positive, SUM(neutral) AS neutral, SUM(negative) AS negative,
              SUM(reach) AS reach, SUM(likes) AS likes, SUM(shares) AS shares, SUM(replies) AS replies,
              SUM(mentions) FILTER (WHERE is_correction) AS corrections,
              SUM(sentiment_sum) AS sentiment_sum, SUM(sentiment_sum_sq) AS sentiment_sum_sq
       FROM read_parquet('${dir}/rollups/v1/**/*.parquet', hive_partitioning = true)
       GROUP BY grain, brand, window_start`,
    );
    const expected = expectedTotals(mentions);
    const actual = new Map<string, Totals>();
    for (const r of rows) {
      actual.set(`${r.grain}|${r.brand}|${r.ws}`, {
        mentions: Number(r.mentions),
        duplicates: Number(r.duplicates),
        spam: Number(r.spam),
        threadReplies: Number(r.thread_replies),
        positive: Number(r.positive),
        neutral: Number(r.neutral),
        negative: Number(r.negative),
        reach: Number(r.reach),
        likes: Number(r.likes),
        shares: Number(r.shares),
        replies: Number(r.replies),
        corrections: Number(r.corrections ?? 0),
      });
    }
    expect(actual).toEqual(expected);
    // Every mention accounted for once per grain, and some of each kind present.
    const grand = [...expected.entries()].filter(([k]) => k.startsWith('day|')).map(([, t]) => t);
    const sum = (f: (t: Totals) => number) => grand.reduce((s, t) => s + f(t), 0);
    expect(sum((t) => t.mentions + t.duplicates + t.spam + t.threadReplies)).toBe(mentions.length);
    expect(
      Math.min(
        sum((t) => t.duplicates),
        sum((t) => t.spam),
        sum((t) => t.threadReplies),
        sum((t) => t.corrections),
      ),
    ).toBeGreaterThan(0);
    // Sums of doubles agree to rounding.
    const counted = mentions.filter(isCounted);
    const sentiment = rows.filter((r) => r.grain === 'day').reduce((s, r) => s + Number(r.sentiment_sum), 0);
    expect(sentiment).toBeCloseTo(
      counted.reduce((s, m) => s + m.sentiment.compound, 0),
      9,
    );
  });

  it('answers share of voice per day', async () => {
    const rows = await (await db).rows(
      `SELECT brand, date::VARCHAR AS day, SUM(mentions) AS mentions,
              round(SUM(mentions) / SUM(SUM(mentions)) OVER (PARTITION BY date), 6) AS share_of_voice
       FROM read_parquet('${dir}/rollups/v1/**/*.parquet', hive_partitioning = true)
       WHERE grain = 'day' AND brand IN ('acme', 'globex', 'initech')
       GROUP BY brand, date ORDER BY day, brand`,
    );
    const perDay = new Map<string, Map<string, number>>();
    for (const m of mentions) {
      const counted = isCounted(m);
      const day = new Date(m.publishedAt).toISOString().slice(0, 10);
      const brands = perDay.get(day) ?? new Map<string, number>();
      brands.set(m.brandId, (brands.get(m.brandId) ?? 0) + (counted ? 1 : 0));
      perDay.set(day, brands);
    }
    const expected = [...perDay.entries()]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .flatMap(([day, brands]) => {
        const total = [...brands.values()].reduce((s, n) => s + n, 0);
        return [...brands.entries()]
          .sort(([a], [b]) => (a < b ? -1 : 1))
          .map(([brand, n]) => ({ brand, day, mentions: String(n), share_of_voice: Math.round((n / total) * 1e6) / 1e6 }));
      });
    expect(rows).toEqual(expected);
  });

  it('merges top terms approximately by summing each row’s top list', async () => {
    const rows = await (await db).rows(
      `SELECT t.term, SUM(t.count) AS count
       FROM read_parquet('${dir}/rollups/v1/**/*.parquet', hive_partitioning = true) AS r,
            unnest(from_json(r.top_hashtags, '[{"term":"VARCHAR","count":"BIGINT"}]')) AS u(t)
       WHERE grain = 'day' AND brand = 'acme'
       GROUP BY t.term ORDER BY count DESC, t.term`,
    );
    // Four hashtags only, so no row ever dropped one: here the sum is exact.
    const counts = new Map<string, number>();
    for (const m of mentions) {
      if (m.brandId !== 'acme' || !isCounted(m)) continue;
      const tag = `#tag${m.text.match(/#tag(\d)/u)?.[1]}`;
      counts.set(tag, (counts.get(tag) ?? 0) + 1);
    }
    expect(Object.fromEntries(rows.map((r) => [r.term, Number(r.count)]))).toEqual(Object.fromEntries(counts));
  });

  it('archives each mention once, with the flags the rollups used', async () => {
    const [summary] = await (await db).rows(
      `SELECT count(*) AS n, count(DISTINCT id) AS ids, count(*) FILTER (WHERE counted) AS counted,
              count(*) FILTER (WHERE is_spam) AS spam, count(*) FILTER (WHERE is_duplicate) AS duplicates,
              count(*) FILTER (WHERE role = 'thread_reply' AND NOT is_spam AND NOT is_duplicate) AS thread_replies
       FROM read_parquet('${dir}/conversations/v1/**/*.parquet', hive_partitioning = true)`,
    );
    const counted = mentions.filter(isCounted).length;
    const duplicates = mentions.filter((m) => m.isDuplicate).length;
    const threadReplies = mentions.filter((m) => !m.isDuplicate && m.spamScore < spamThresholdOf(m.brandId) && m.role === 'thread_reply').length;
    expect(summary).toEqual({
      n: '900',
      ids: '900',
      counted: String(counted),
      spam: String(900 - counted - duplicates - threadReplies),
      duplicates: String(duplicates),
      thread_replies: String(threadReplies),
    });
    const m = mentions[7] as ScoredMention;
    const [row] = await (await db).rows(
      `SELECT * EXCLUDE (published_at, ingested_at), epoch_ms(published_at) AS published_at, epoch_ms(ingested_at) AS ingested_at
       FROM read_parquet('${dir}/conversations/v1/**/*.parquet', hive_partitioning = true, hive_types = {'brand': VARCHAR, 'date': DATE})
       WHERE id = '${m.id}'`,
    );
    expect(row).toEqual({
      id: m.id,
      source: m.source,
      source_id: m.sourceId,
      author_handle: m.author.handle,
      author_name: m.author.name,
      author_followers: String(m.author.followers),
      text: m.text,
      title: null,
      url: m.url,
      parent_id: null,
      role: 'mention',
      thread_id: null,
      lang: null,
      detected_lang: m.detectedLang,
      sentiment_compound: m.sentiment.compound,
      sentiment_label: m.sentiment.label,
      sentiment_drivers: JSON.stringify(m.sentiment.drivers),
      is_duplicate: false,
      duplicate_of: null,
      spam_score: m.spamScore,
      spam_reasons: JSON.stringify(m.spamReasons),
      is_spam: m.spamScore >= spamThresholdOf(m.brandId),
      counted: m.spamScore < spamThresholdOf(m.brandId),
      is_correction: false,
      matched_terms: '["acme"]',
      likes: '7',
      shares: '8',
      replies: '9',
      kafka_partition: m.brandId === 'globex' ? 1 : 0,
      kafka_offset: expect.any(String),
      brand: m.brandId,
      date: new Date(m.publishedAt).toISOString().slice(0, 10),
      published_at: String(m.publishedAt),
      ingested_at: String(m.ingestedAt),
    });
  });
});
