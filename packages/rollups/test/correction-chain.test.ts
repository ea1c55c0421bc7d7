// The engine's and the team's corrections of one mention, chained in the order written: whatever
// order they come in, the rollups end with the mention counted once, under the team's verdict.
import { kindCorrection, type VerdictCorrection } from '@sl/contracts';
import type { ConsumedRecord } from '@sl/kafka';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { analystView, viewRelation } from '../src/analyst-views.ts';
import { createCorrectionChain } from '../src/correction-chain.ts';
import { correctionsLayout } from '../src/corrections-layout.ts';
import { rollupsLayout } from '../src/rollups-layout.ts';
import { duckdb, records, scored, spamThresholdOf, T0, tempDir, writeFiles } from './rollup-fixtures.ts';

const mention = scored({ n: 1, publishedAt: T0 + 1_000, compound: 0.6 });
// The engine finds it a copy; the team says it is spam. Both start from its scored verdict.
const engine = kindCorrection(mention, {
  by: 'event_time',
  fromKind: 'counted',
  toKind: 'duplicate',
  reason: 'a copy of an earlier post',
  correctedAt: mention.publishedAt,
});
const team = kindCorrection(mention, { by: 'team', fromKind: 'counted', toKind: 'spam', reason: 'a bot', correctedAt: T0 + 60_000 });

const asRecord = (offset: number, value: VerdictCorrection): ConsumedRecord<VerdictCorrection> => ({
  topic: 'mentions.corrections',
  partition: 0,
  offset: String(offset),
  key: null,
  value,
  headers: {},
  timestamp: 0,
});

describe('createCorrectionChain', () => {
  it('starts a team correction where the engine left the mention, when the archive it was made from was behind', () => {
    const chain = createCorrectionChain();
    expect(chain.resolve(0, '10', engine)).toEqual({ correction: engine, change: 'none' });
    expect(chain.resolve(0, '11', team)).toEqual({ correction: { ...team, fromKind: 'duplicate' }, change: 'rewritten' });
  });

  it('leaves the team’s verdict standing against a later engine correction, as a move that cancels', () => {
    const chain = createCorrectionChain();
    expect(chain.resolve(0, '10', team)).toEqual({ correction: team, change: 'none' });
    expect(chain.resolve(0, '11', engine)).toEqual({
      correction: { ...engine, fromKind: 'spam', toKind: 'spam', fromSentiment: 'positive', toSentiment: 'positive' },
      change: 'superseded',
    });
  });

  it('takes a team correction made from an up-to-date archive as written, and one after another team correction from where that left it', () => {
    const chain = createCorrectionChain();
    chain.resolve(0, '10', engine);
    const fresh = { ...team, fromKind: 'duplicate' as const };
    expect(chain.resolve(0, '11', fresh)).toEqual({ correction: fresh, change: 'none' });
    const again = kindCorrection(mention, {
      by: 'team',
      fromKind: 'duplicate',
      toKind: 'counted',
      reason: 'not a bot after all',
      correctedAt: T0 + 120_000,
    });
    expect(chain.resolve(0, '12', again).correction.fromKind).toBe('spam');
  });

  it('resolves a flush read again (a retried upload) as the first time: only the offsets before count', () => {
    const chain = createCorrectionChain();
    const first = [chain.resolve(0, '10', engine), chain.resolve(0, '11', team)];
    expect([chain.resolve(0, '10', engine), chain.resolve(0, '11', team)]).toEqual(first);
  });

  it('keeps mentions apart, and forgets the least recently corrected past its cap', () => {
    const chain = createCorrectionChain({ maxMentions: 2 });
    const other = scored({ n: 2, publishedAt: T0 + 2_000 });
    const third = scored({ n: 3, publishedAt: T0 + 3_000 });
    chain.resolve(0, '1', engine);
    const otherTeam = kindCorrection(other, { by: 'team', fromKind: 'counted', toKind: 'spam', reason: 'x', correctedAt: T0 });
    expect(chain.resolve(0, '2', otherTeam).change).toBe('none');
    chain.resolve(0, '3', kindCorrection(third, { by: 'team', fromKind: 'counted', toKind: 'spam', reason: 'x', correctedAt: T0 }));
    expect(chain.size()).toBe(2);
    // The first mention was forgotten: a team correction of it is taken as written.
    expect(chain.resolve(0, '4', team).change).toBe('none');
    // Each forgotten mention is counted: the first, then the other one.
    expect(chain.evicted()).toBe(2);
  });

  it('counts nothing forgotten while under its cap, and a mention corrected again is not a new one', () => {
    const chain = createCorrectionChain({ maxMentions: 2 });
    chain.resolve(0, '1', engine);
    chain.resolve(0, '2', team);
    chain.resolve(1, '1', engine);
    expect([chain.size(), chain.evicted()]).toEqual([2, 0]);
  });

  // A mention corrected once is stored packed into a number; these keep the general form.
  it('chains a kind this version does not know, and offsets past 2^47, the same way', () => {
    const chain = createCorrectionChain();
    const odd = { ...engine, toKind: 'quarantined' } as unknown as VerdictCorrection;
    chain.resolve(0, '10', odd);
    expect(chain.resolve(0, '11', team)).toEqual({ correction: { ...team, fromKind: 'quarantined' }, change: 'rewritten' });
    const far = 2n ** 50n;
    chain.resolve(1, far.toString(), team);
    expect(chain.resolve(1, (far + 1n).toString(), engine).change).toBe('superseded');
    expect(chain.resolve(1, (far - 1n).toString(), engine).change).toBe('none');
  });

  it('after a single packed link, still knows whose it was and where it left the mention', () => {
    const chain = createCorrectionChain();
    const negative = { ...engine, toKind: 'thread_reply' as const, toSentiment: 'negative' as const };
    chain.resolve(0, String(2 ** 40), negative);
    expect(chain.resolve(0, String(2 ** 40 + 1), team)).toEqual({
      correction: { ...team, fromKind: 'thread_reply', fromSentiment: 'negative' },
      change: 'rewritten',
    });
  });
});

describe('the corrections layout with a chain', () => {
  let dir: string;
  let dispose: () => Promise<void>;
  beforeEach(async () => {
    ({ dir, dispose } = await tempDir());
  });
  afterEach(async () => {
    await dispose();
  });

  const sums = async () => {
    const db = await duckdb();
    try {
      const rollups = viewRelation(dir, analystView('rollups'), {});
      return await db.rows(
        `SELECT sum(mentions)::INT AS mentions, sum(duplicates)::INT AS duplicates, sum(spam)::INT AS spam FROM ${rollups} WHERE grain = 'day'`,
      );
    } finally {
      db.close();
    }
  };

  for (const order of ['engine first', 'team first'] as const) {
    it(`${order}: the mention ends as spam, counted once, and the archive holds both as rolled up`, async () => {
      await writeFiles(dir, [
        ...rollupsLayout({ spamThresholdOf }).files(records(0, 0, [mention]), { partition: 0, firstOffset: '0', lastOffset: '0' }),
      ]);
      const sent = order === 'engine first' ? [engine, team] : [team, engine];
      const chained: string[] = [];
      const layout = correctionsLayout({ chain: createCorrectionChain(), onChained: (_sent, resolved) => chained.push(resolved.change) });
      // Each in its own flush, as a stale archive would see them.
      for (const [i, c] of sent.entries())
        await writeFiles(dir, [...layout.files([asRecord(i, c)], { partition: 0, firstOffset: String(i), lastOffset: String(i) })]);
      expect(await sums()).toEqual([{ mentions: 0, duplicates: 0, spam: 1 }]);
      expect(chained).toEqual([order === 'engine first' ? 'rewritten' : 'superseded']);
    });
  }

  it('without a chain, the same two corrections take the mention off its verdict twice (what the chain prevents)', async () => {
    await writeFiles(dir, [
      ...rollupsLayout({ spamThresholdOf }).files(records(0, 0, [mention]), { partition: 0, firstOffset: '0', lastOffset: '0' }),
    ]);
    const layout = correctionsLayout();
    for (const [i, c] of [engine, team].entries())
      await writeFiles(dir, [...layout.files([asRecord(i, c)], { partition: 0, firstOffset: String(i), lastOffset: String(i) })]);
    expect(await sums()).toEqual([{ mentions: -1, duplicates: 1, spam: 1 }]);
  });
});
