// Top authors and the sentiment drivers follow the team's verdict corrections as the rollups do: a
// mention corrected out of the counted ones leaves its author's count, engagement and score, and
// its terms' weights; one corrected into them adds them; a sentiment label correction moves the
// rollups' label counts and neither widget (the compound stays the scored one); a mention
// corrected away and back counts once. Checked on a seeded store, through the aggregates (whole
// days) and the archive (a range cut inside its days), against the summary and the archive query.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { kindCorrection, type ScoredMention, type VerdictCorrection } from '@sl/contracts';
import type { ConsumedRecord } from '@sl/kafka';
import { correctionsLayout, createCorrectionChain } from '@sl/rollups';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readDrivers } from '../src/conversation-widgets.ts';
import { type DashboardStore, openDashboardStore } from '../src/dashboard-store.ts';
import { type BrandInfo, readSummary } from '../src/rollup-widgets.ts';
import type { TimeRange } from '../src/time-range.ts';
import { readTopAuthors } from '../src/top-authors.ts';
import { readTopAuthorsFromArchive } from '../src/top-authors-sql.ts';
import { mention, SEED_BRANDS, seedStore, T0 } from './seed-store.ts';

const acme = SEED_BRANDS[0] as BrandInfo;
const DAY = 86_400_000;
const author = (handle: string, followers: number) => ({ handle, name: handle.toUpperCase(), followers });
// Ann: three positive mentions; Bob: one negative, scored spam; Cy: two negative.
const ann = [1, 2, 3].map((n) => mention(n, 'acme', { compound: 0.5, source: 'rss', author: author('ann', 300) }));
const bob = mention(4, 'acme', { compound: -0.6, source: 'rss', author: author('bob', 100), spamScore: 0.95 });
const cy = [5, 6].map((n) => mention(n, 'acme', { compound: -0.6, source: 'rss', author: author('cy', 200) }));
const [ann1, ann2, ann3] = ann as [ScoredMention, ScoredMention, ScoredMention];
const [cy5, cy6] = cy as [ScoredMention, ScoredMention];

const team = (
  m: ScoredMention,
  n: number,
  change: Partial<VerdictCorrection> & { fromKind: string; toKind: string },
): VerdictCorrection => ({
  ...kindCorrection(m, { by: 'team', fromKind: 'counted', toKind: 'counted', reason: `correction ${n}`, correctedAt: T0 + DAY + n }),
  id: `team:acme:${m.id}:${n}`,
  ...change,
});
const CORRECTIONS: VerdictCorrection[] = [
  team(ann1, 1, { fromKind: 'counted', toKind: 'spam' }),
  team(bob, 2, { fromKind: 'spam', toKind: 'counted' }),
  team(cy5, 3, { fromKind: 'counted', toKind: 'counted', toSentiment: 'positive' }),
  team(cy6, 4, { fromKind: 'counted', toKind: 'duplicate' }),
  team(cy6, 5, { fromKind: 'duplicate', toKind: 'counted' }),
];
const engagement = (...ms: ScoredMention[]) =>
  ms.reduce((sum, m) => sum + m.engagement.likes + m.engagement.shares + m.engagement.replies, 0);

const RANGES: Record<string, TimeRange> = {
  'all time (whole days, from the aggregates)': { from: null, to: null },
  'a range cut inside its day (from the archive)': { from: T0, to: T0 + DAY },
};

let dir: string;
const stores: { before: DashboardStore; after: DashboardStore } = {} as never;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dash-corrected-'));
  const mentions = [...ann, bob, ...cy];
  await seedStore(path.join(dir, 'before'), mentions);
  await seedStore(path.join(dir, 'after'), mentions);
  // As the aggregation worker writes a flush of mentions.corrections: rollup correction rows and
  // the correction archive, each correction chained onto the ones before it.
  const records: ConsumedRecord<VerdictCorrection>[] = CORRECTIONS.map((value, i) => ({
    topic: 'mentions.corrections',
    partition: 0,
    offset: String(i),
    key: Buffer.from('acme'),
    value,
    headers: {},
    timestamp: value.correctedAt,
  }));
  const layout = correctionsLayout({ chain: createCorrectionChain() });
  for (const file of layout.files(records, { partition: 0, firstOffset: '0', lastOffset: String(records.length - 1) })) {
    const target = path.join(dir, 'after', file.key);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, file.body);
  }
  stores.before = await openDashboardStore({ root: path.join(dir, 'before') });
  stores.after = await openDashboardStore({ root: path.join(dir, 'after') });
});

afterAll(() => {
  stores.before?.close();
  stores.after?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('top authors and drivers follow verdict corrections', () => {
  for (const [name, range] of Object.entries(RANGES)) {
    it(`top authors, ${name}`, async () => {
      expect((await readTopAuthors(stores.before, acme, range, 10)).authors.map((a) => [a.handle, a.mentions])).toEqual([
        ['ann', 3],
        ['cy', 2],
      ]);
      const top = await readTopAuthors(stores.after, acme, range, 10);
      expect(top.authors).toEqual([
        {
          handle: 'ann',
          name: 'ANN',
          source: 'rss',
          followers: 300,
          mentions: 2,
          engagement: engagement(ann2, ann3),
          meanSentiment: 0.5,
          answered: false,
        },
        {
          handle: 'cy',
          name: 'CY',
          source: 'rss',
          followers: 200,
          mentions: 2,
          engagement: engagement(cy5, cy6),
          meanSentiment: -0.6,
          answered: false,
        },
        {
          handle: 'bob',
          name: 'BOB',
          source: 'rss',
          followers: 100,
          mentions: 1,
          engagement: engagement(bob),
          meanSentiment: -0.6,
          answered: false,
        },
      ]);
      // The rollups count the same mentions: 5 = 2 + 2 + 1.
      const summary = await readSummary(stores.after, acme, range);
      expect([summary.mentions, summary.positive, summary.negative, summary.funnel.spam, summary.funnel.duplicates]).toEqual([
        5, 3, 2, 1, 0,
      ]);
      expect(top.authors.reduce((sum, a) => sum + a.mentions, 0)).toBe(summary.mentions);
      // And the archive query, which applies each mention's last correction, agrees field for field.
      expect(top).toEqual(await readTopAuthorsFromArchive(stores.after, acme, range, 10));
      // From the cached blocks the second time: the same.
      expect(await readTopAuthors(stores.after, acme, range, 10)).toEqual(top);
    });

    it(`sentiment drivers, ${name}`, async () => {
      expect(await readDrivers(stores.before, acme, range, 8)).toEqual({
        brand: 'acme',
        positive: [
          { term: 'love', weight: 1.8, mentions: 3 },
          { term: 'great', weight: 1.2, mentions: 3 },
        ],
        negative: [
          { term: 'terrible', weight: -1, mentions: 2 },
          { term: 'broken', weight: -0.8, mentions: 2 },
        ],
      });
      // Ann's first mention taken off, Bob's added; Cy's relabelled mention keeps its drivers.
      expect(await readDrivers(stores.after, acme, range, 8)).toEqual({
        brand: 'acme',
        positive: [
          { term: 'love', weight: 1.2, mentions: 2 },
          { term: 'great', weight: 0.8, mentions: 2 },
        ],
        negative: [
          { term: 'terrible', weight: -1.5, mentions: 3 },
          { term: 'broken', weight: -1.2, mentions: 3 },
        ],
      });
    });
  }

  it('leaves out a term that corrections take down to no mention', async () => {
    const range = { from: null, to: null };
    // Ann's three mentions all corrected to spam: no author, no term, no mention left.
    const root = path.join(dir, 'all-off');
    await seedStore(root, ann);
    const offsets = ann.map((m, i) => team(m, 10 + i, { fromKind: 'counted', toKind: 'spam' }));
    const layout = correctionsLayout({ chain: createCorrectionChain() });
    const records = offsets.map((value, i) => ({
      topic: 't',
      partition: 0,
      offset: String(i),
      key: null,
      value,
      headers: {},
      timestamp: 0,
    }));
    for (const file of layout.files(records, { partition: 0, firstOffset: '0', lastOffset: '2' })) {
      fs.mkdirSync(path.dirname(path.join(root, file.key)), { recursive: true });
      fs.writeFileSync(path.join(root, file.key), file.body);
    }
    const store = await openDashboardStore({ root });
    try {
      expect(await readDrivers(store, acme, range, 8)).toEqual({ brand: 'acme', positive: [], negative: [] });
      expect(await readTopAuthors(store, acme, range, 10)).toEqual({ brand: 'acme', authors: [], folded: { authors: 0, mentions: 0 } });
      expect((await readSummary(store, acme, range)).mentions).toBe(0);
    } finally {
      store.close();
    }
  });
});
