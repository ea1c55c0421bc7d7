// The feed's kind and sentiment filters follow verdict corrections, the team's and the
// amplification engine's alike: the same dashboard store lists each filter's exact mentions before
// the corrections are archived and after, on one page and page by page (no mention repeated or
// skipped), and each card keeps its scored verdict beside the latest correction.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { kindCorrection, type ScoredMention, type VerdictCorrection } from '@sl/contracts';
import type { ConsumedRecord } from '@sl/kafka';
import { correctionsLayout, createCorrectionChain } from '@sl/rollups';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FeedFilters, readFeed } from '../src/conversation-widgets.ts';
import { type DashboardStore, openDashboardStore } from '../src/dashboard-store.ts';
import type { BrandInfo } from '../src/rollup-widgets.ts';
import { mention, SEED_BRANDS, seedStore, T0 } from './seed-store.ts';

const acme = SEED_BRANDS[0] as BrandInfo;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
// Eight mentions eight hours apart, over four UTC dates (2024-05-01 18:00 to 2024-05-04 02:00):
// the first date holds no correction, so one feed query reads dates with and without them.
const at = (n: number) => ({ publishedAt: T0 + n * 8 * HOUR, ingestedAt: T0 + n * 8 * HOUR + 5_000 });
const src = { source: 'rss' };
const m1 = mention(1, 'acme', { compound: 0.6, ...src, ...at(1) });
const m2 = mention(2, 'acme', { compound: -0.5, ...src, ...at(2) });
const m3 = mention(3, 'acme', { compound: -0.5, ...src, ...at(3) });
const m4 = mention(4, 'acme', { compound: 0.6, ...src, ...at(4), isDuplicate: true });
const m5 = mention(5, 'acme', { compound: 0, ...src, ...at(5) });
const m6 = mention(6, 'acme', { compound: -0.5, ...src, ...at(6), spamScore: 0.95 });
const m7 = mention(7, 'acme', { compound: 0.6, ...src, ...at(7) });
const m8 = mention(8, 'acme', { compound: 0.6, ...src, ...at(8) });
const MENTIONS = [m1, m2, m3, m4, m5, m6, m7, m8];

const team = (m: ScoredMention, n: number, change: Partial<VerdictCorrection>): VerdictCorrection => ({
  ...kindCorrection(m, { by: 'team', fromKind: 'counted', toKind: 'counted', reason: `team ${n}`, correctedAt: T0 + 10 * DAY + n }),
  id: `team:acme:${m.id}:${n}`,
  ...change,
});
const engine = (m: ScoredMention, fromKind: 'counted' | 'duplicate', toKind: 'counted' | 'duplicate') =>
  kindCorrection(m, { by: 'event_time', fromKind, toKind, reason: 'the earliest published of its copies', correctedAt: m.publishedAt });

// In the order written on the brand's partition of mentions.corrections.
const CORRECTIONS: VerdictCorrection[] = [
  team(m2, 1, { toSentiment: 'positive' }), // negative → positive
  engine(m4, 'duplicate', 'counted'), // the engine: a duplicate that was the first published
  team(m5, 2, { toKind: 'spam' }), // counted → spam, still neutral
  team(m6, 3, { fromKind: 'spam', toKind: 'counted' }), // spam → counted, still negative
  team(m7, 4, { toSentiment: 'negative' }), // positive → negative …
  team(m7, 5, { fromSentiment: 'negative', toSentiment: 'positive' }), // … and back
  engine(m8, 'counted', 'duplicate'), // the engine: counted → duplicate, then the team:
  team(m8, 6, { fromKind: 'duplicate', toKind: 'counted', toSentiment: 'negative' }), // duplicate → counted, and negative
];

const ids = (...ms: ScoredMention[]) => ms.map((m) => m.id);
const FILTERS: Array<[string, FeedFilters, string[], string[]]> = [
  // filter, scored (before), corrected (after); newest first
  ['positive', { sentiment: 'positive' }, ids(m8, m7, m4, m1), ids(m7, m4, m2, m1)],
  ['negative', { sentiment: 'negative' }, ids(m6, m3, m2), ids(m8, m6, m3)],
  ['neutral', { sentiment: 'neutral' }, ids(m5), ids(m5)],
  ['counted', { kind: 'counted' }, ids(m8, m7, m5, m3, m2, m1), ids(m8, m7, m6, m4, m3, m2, m1)],
  ['duplicate', { kind: 'duplicate' }, ids(m4), []],
  ['spam', { kind: 'spam' }, ids(m6), ids(m5)],
  ['positive and counted', { sentiment: 'positive', kind: 'counted' }, ids(m8, m7, m1), ids(m7, m4, m2, m1)],
  ['negative and counted', { sentiment: 'negative', kind: 'counted' }, ids(m3, m2), ids(m8, m6, m3)],
  ['negative on a source with no such mention', { sentiment: 'negative', source: 'mastodon' }, [], []],
];

let root: string;
let store: DashboardStore;

const all = { from: null, to: null };
const firstPage = async (filters: FeedFilters) =>
  (await readFeed(store, acme, all, { filters, cursor: null, limit: 100 })).items.map((item) => item.id);

/** Every page of `limit`, in order: the ids as listed, repeats and all. */
async function pageByPage(filters: FeedFilters, limit: number): Promise<string[][]> {
  const pages: string[][] = [];
  let cursor: string | null = null;
  do {
    const page = await readFeed(store, acme, all, { filters, cursor, limit });
    pages.push(page.items.map((item) => item.id));
    cursor = page.next;
  } while (cursor !== null && pages.length < 20);
  return pages;
}

const chunks = (list: readonly string[], size: number): string[][] =>
  list.length === 0 ? [[]] : Array.from({ length: Math.ceil(list.length / size) }, (_, i) => list.slice(i * size, i * size + size));

beforeAll(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'dash-feed-filters-'));
  await seedStore(root, MENTIONS);
  store = await openDashboardStore({ root });
});

afterAll(() => {
  store?.close();
  fs.rmSync(root, { recursive: true, force: true });
});

/** As the aggregation worker archives a flush of mentions.corrections, each chained onto the ones before it. */
function archiveCorrections(): void {
  const records: ConsumedRecord<VerdictCorrection>[] = CORRECTIONS.map((value, i) => ({
    topic: 'mentions.corrections',
    partition: 0,
    offset: String(i),
    key: Buffer.from('acme'),
    value,
    headers: {},
    timestamp: 0,
  }));
  const layout = correctionsLayout({ chain: createCorrectionChain() });
  for (const file of layout.files(records, { partition: 0, firstOffset: '0', lastOffset: String(records.length - 1) })) {
    // Only the correction archive: the feed reads no rollups.
    if (!file.key.startsWith('corrections/')) continue;
    const target = path.join(root, file.key);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, file.body);
  }
}

describe('the feed filters on corrected verdicts', () => {
  it('lists the scored verdicts before any correction is archived, on one page and page by page', async () => {
    for (const [name, filters, before] of FILTERS) {
      expect([name, await firstPage(filters)]).toEqual([name, before]);
      for (const limit of [1, 3]) expect([name, limit, await pageByPage(filters, limit)]).toEqual([name, limit, chunks(before, limit)]);
    }
  });

  it('lists the corrected verdicts once the corrections are archived, on one page and page by page', async () => {
    archiveCorrections();
    expect(fs.readdirSync(path.join(root, 'corrections/v1/brand=acme')).sort()).toEqual([
      'date=2024-05-02',
      'date=2024-05-03',
      'date=2024-05-04',
    ]);
    for (const [name, filters, , after] of FILTERS) {
      expect([name, await firstPage(filters)]).toEqual([name, after]);
      for (const limit of [1, 3]) expect([name, limit, await pageByPage(filters, limit)]).toEqual([name, limit, chunks(after, limit)]);
    }
  });

  it('keeps the scored verdict on the card beside the latest correction', async () => {
    const page = await readFeed(store, acme, all, { filters: { sentiment: 'positive' }, cursor: null, limit: 100 });
    const m2Card = page.items.find((item) => item.id === m2.id);
    expect([m2Card?.sentiment.label, m2Card?.corrected?.fromSentiment, m2Card?.corrected?.sentiment, m2Card?.corrected?.by]).toEqual([
      'negative',
      'negative',
      'positive',
      'team',
    ]);
    const m4Card = page.items.find((item) => item.id === m4.id);
    expect([m4Card?.duplicate.is, m4Card?.counted, m4Card?.corrected?.kind, m4Card?.corrected?.by]).toEqual([
      true,
      false,
      'counted',
      'event_time',
    ]);
    const negative = await readFeed(store, acme, all, { filters: { sentiment: 'negative' }, cursor: null, limit: 1 });
    const m8Card = negative.items[0];
    expect([
      m8Card?.id,
      m8Card?.sentiment.label,
      m8Card?.corrected?.fromKind,
      m8Card?.corrected?.kind,
      m8Card?.corrected?.sentiment,
    ]).toEqual([m8.id, 'positive', 'duplicate', 'counted', 'negative']);
  });
});
