// The feed shows a mention's latest correction beside its scored verdicts: the engine's (in
// publication order) and then the team's, which wins as the later one.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { kindCorrection, type ScoredMention, type VerdictCorrection } from '@sl/contracts';
import { createLocalObjectStore } from '@sl/object-store';
import { correctionsLayout, rollupsLayout } from '@sl/rollups';
import { enrichedMentionFixture } from '@sl/testkit';
import { expect, it } from 'vitest';
import { readFeed } from '../src/conversation-widgets.ts';
import { openDashboardStore } from '../src/dashboard-store.ts';

const T0 = Date.UTC(2024, 4, 1, 10);
const mention = (n: number, extra: Partial<ScoredMention> = {}): ScoredMention => ({
  ...enrichedMentionFixture(n, 'acme', { publishedAt: T0 + n * 60_000, ingestedAt: T0 + n * 60_000 + 500 }),
  sentiment: { compound: 0.5, label: 'positive', drivers: [] },
  ...extra,
});
const record = <T>(value: T, offset: number) => ({ topic: 't', partition: 0, offset: String(offset), key: null, value, headers: {}, timestamp: 0 });

it('gives each feed item its latest correction, and null to the others', async () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'sl-feed-fix-'));
  const objects = createLocalObjectStore({ root });
  const copy = mention(1, { isDuplicate: true, duplicateOf: 'test:2' });
  const plain = mention(2);
  for (const file of rollupsLayout({ spamThresholdOf: () => 0.7 }).files([record(copy, 0), record(plain, 1)], { partition: 0, firstOffset: '0', lastOffset: '1' })) await objects.put(file.key, file.body);
  const engine = kindCorrection(copy, { by: 'event_time', fromKind: 'duplicate', toKind: 'counted', reason: 'the earliest published of its copies', correctedAt: copy.publishedAt });
  const team: VerdictCorrection = { ...engine, id: 'team:acme:test:1:9', by: 'team', fromKind: 'counted', toKind: 'counted', toSentiment: 'negative', reason: 'sarcasm', correctedAt: T0 + 86_400_000 };
  for (const file of correctionsLayout().files([record(team, 0), record(engine, 1)], { partition: 0, firstOffset: '0', lastOffset: '1' })) await objects.put(file.key, file.body);
  await objects.close();
  const store = await openDashboardStore({ root });
  try {
    const brand = { id: 'acme', name: 'Acme', competitors: [], handles: [], timeZone: null };
    const page = await readFeed(store, brand, { from: null, to: null }, { filters: {}, cursor: null, limit: 10 });
    expect(page.items.map((item) => [item.id, item.duplicate.is, item.corrected])).toEqual([
      [plain.id, false, null],
      [copy.id, true, { id: 'team:acme:test:1:9', by: 'team', kind: 'counted', fromKind: 'counted', sentiment: 'negative', fromSentiment: 'positive', reason: 'sarcasm', at: new Date(T0 + 86_400_000).toISOString() }],
    ]);
  } finally {
    store.close();
    fs.rmSync(root, { recursive: true, force: true });
  }
});
