// A team correction as `sl correct` and the dashboard prepare it: read the mention's current
// verdict from the archive files (here through relations pinned to one brand's partitions, as the
// dashboard reads), then build the correction, or say exactly why not.
import { kindCorrection } from '@sl/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analystView, viewRelation } from '../src/analyst-views.ts';
import { correctionsLayout } from '../src/corrections-layout.ts';
import { rollupsLayout } from '../src/rollups-layout.ts';
import { correctionMessage, prepareTeamCorrection, type VerdictRelations } from '../src/team-correction.ts';
import { duckdb, records, scored, spamThresholdOf, T0, tempDir, writeFiles } from './rollup-fixtures.ts';

const positive = scored({ n: 1, publishedAt: T0 + 1_000, compound: 0.6 });
const copy = scored({ n: 2, publishedAt: T0 + 2_000, compound: -0.6, isDuplicate: true });
const reply = scored({ n: 3, publishedAt: T0 + 3_000, role: 'thread_reply' });
const globexOnly = scored({ n: 4, brandId: 'globex', publishedAt: T0 + 4_000 });
const AT = Date.UTC(2024, 5, 1, 8);

let dir: string;
let dispose: () => Promise<void>;
let db: Awaited<ReturnType<typeof duckdb>>;
let relations: (brandId: string) => VerdictRelations;

beforeAll(async () => {
  ({ dir, dispose } = await tempDir());
  db = await duckdb();
  await writeFiles(dir, [...rollupsLayout({ spamThresholdOf }).files(records(0, 0, [positive, copy, reply, globexOnly]), { partition: 0, firstOffset: '0', lastOffset: '3' })]);
  // The engine made the copy the counted one.
  const engine = kindCorrection(copy, { by: 'event_time', fromKind: 'duplicate', toKind: 'counted', reason: 'the earliest published', correctedAt: copy.publishedAt });
  const asRecords = [{ topic: 'mentions.corrections', partition: 0, offset: '0', key: null, value: engine, headers: {}, timestamp: 0 }];
  await writeFiles(dir, [...correctionsLayout().files(asRecords, { partition: 0, firstOffset: '0', lastOffset: '0' })]);
  relations = (brandId) => ({
    conversations: viewRelation(dir, analystView('conversations'), { brand: brandId }),
    corrections: viewRelation(dir, analystView('corrections'), { brand: brandId }),
  });
});

afterAll(async () => {
  db.close();
  await dispose();
});

const prepare = (brandId: string, mentionId: string, change: { kind?: 'counted' | 'duplicate' | 'spam'; sentiment?: 'positive' | 'neutral' | 'negative'; reason: string }) =>
  prepareTeamCorrection({ brandId, mentionId, change: { ...change, at: AT }, readRows: (sql) => db.rows(sql), relations: relations(brandId), readFrom: 'the folder X' });

describe('prepareTeamCorrection', () => {
  it('corrects from the scored verdict, every field of the mention carried', async () => {
    expect(await prepare('acme', positive.id, { sentiment: 'negative', reason: '  sarcasm ' })).toEqual({
      correction: {
        id: `team:acme:${positive.id}:${AT}`,
        by: 'team',
        mentionId: positive.id,
        brandId: 'acme',
        source: 'rss',
        lang: 'en',
        publishedAt: positive.publishedAt,
        ingestedAt: positive.ingestedAt,
        authorHandle: 'h1',
        followers: 10,
        likes: 1,
        shares: 2,
        replies: 3,
        compound: 0.6,
        fromKind: 'counted',
        toKind: 'counted',
        fromSentiment: 'positive',
        toSentiment: 'negative',
        reason: 'sarcasm',
        correctedAt: AT,
      },
    });
  });

  it('starts from the latest correction, not the scored record', async () => {
    const outcome = await prepare('acme', copy.id, { kind: 'spam', reason: 'a bot' });
    expect('correction' in outcome && [outcome.correction.fromKind, outcome.correction.toKind, outcome.correction.fromSentiment, outcome.correction.toSentiment]).toEqual([
      'counted',
      'spam',
      'negative',
      'negative',
    ]);
  });

  it('refuses what is not a correction, each with its own reason', async () => {
    expect(await prepare('acme', copy.id, { kind: 'counted', reason: 'x' })).toEqual({ refused: 'unchanged', message: `nothing to correct: ${copy.id} already counts as counted, negative` });
    expect(await prepare('acme', reply.id, { kind: 'spam', reason: 'x' })).toEqual({ refused: 'unchanged', message: `nothing to correct: ${reply.id} is a reply in acme's threads, not a verdict to correct` });
    expect(await prepare('acme', positive.id, { sentiment: 'neutral', reason: '   ' })).toEqual({ refused: 'unchanged', message: 'nothing to correct: a correction needs a reason' });
    // Another brand's mention is not in this brand's partitions.
    expect(await prepare('acme', globexOnly.id, { sentiment: 'negative', reason: 'x' })).toEqual({ refused: 'not_found', message: `no mention ${globexOnly.id} of brand acme in the archive under the folder X` });
  });

  it('refuses a row whose kind this version does not know', async () => {
    const outcome = await prepareTeamCorrection({
      brandId: 'acme',
      mentionId: 'rss:odd',
      change: { sentiment: 'negative', reason: 'x', at: AT },
      readRows: async () => [{ id: 'rss:odd', kind: 'counted', sentiment_label: 'positive', to_kind: 'echo', to_sentiment: null }],
      readFrom: 'the folder X',
    });
    expect(outcome).toEqual({ refused: 'unreadable', message: 'cannot correct rss:odd: unknown kind "echo" for rss:odd' });
  });

  it('is produced keyed by its brand', async () => {
    const outcome = await prepare('acme', positive.id, { kind: 'spam', reason: 'bot' });
    if (!('correction' in outcome)) throw new Error(outcome.message);
    expect(correctionMessage(outcome.correction)).toEqual({ key: 'acme', value: outcome.correction });
  });
});
