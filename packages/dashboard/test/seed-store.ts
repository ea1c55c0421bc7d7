// A store with known contents for the dashboard's tests: scored mentions of three brands written
// as rollups and conversation archive files by the aggregation worker's own layout, in two
// flushes on two Kafka partitions (so every sum adds several files), plus the brands they belong to.
import fs from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { alertArchiveLayout } from '@sl/archive';
import type { Alert, ScoredMention } from '@sl/contracts';
import type { ConsumedRecord } from '@sl/kafka';
import { type MentionKind, mentionKind, type RollupsLayoutOptions, rollupsLayout } from '@sl/rollups';
import type { BrandInfo } from '../src/rollup-widgets.ts';

/** 2024-05-01T10:00:00Z */
export const T0 = Date.UTC(2024, 4, 1, 10, 0, 0);
export const MINUTE = 60_000;

export const SPAM_THRESHOLD: Readonly<Record<string, number>> = { acme: 0.7, globex: 0.6, initech: 0.7 };

export const SEED_BRANDS: readonly BrandInfo[] = [
  {
    id: 'acme',
    name: 'Acme Corporation',
    competitors: ['globex', 'initech', 'umbrella'],
    handles: ['acmesupport', 'acme'],
    timeZone: null,
  },
  { id: 'globex', name: 'Globex', competitors: ['acme'], handles: ['globex'], timeZone: 'America/New_York' },
  { id: 'initech', name: 'Initech', competitors: ['acme', 'globex'], handles: [], timeZone: null },
];

const TEXTS = {
  positive: (n: number) => `I love the Acme rocket, number ${n} works great`,
  neutral: (n: number) => `The Acme catalog number ${n} arrived today`,
  negative: (n: number) => `Acme delivery ${n} was broken again, terrible`,
};

export function mention(n: number, brandId: string, options: Partial<ScoredMention> & { compound: number }): ScoredMention {
  const source = options.source ?? (n % 3 === 0 ? 'mastodon' : 'rss');
  const label = options.compound > 0.05 ? 'positive' : options.compound < -0.05 ? 'negative' : 'neutral';
  const publishedAt = options.publishedAt ?? T0 + n * 37 * MINUTE;
  const isDuplicate = options.isDuplicate ?? false;
  const spamScore = options.spamScore ?? 0.1;
  const drivers =
    label === 'positive'
      ? [
          { term: 'love', weight: 0.6 },
          { term: 'great', weight: 0.4 },
        ]
      : label === 'negative'
        ? [
            { term: 'broken', weight: -0.4 },
            { term: 'terrible', weight: -0.5 },
          ]
        : [];
  return {
    id: `${source}:${brandId}-${n}`,
    source,
    sourceId: `${brandId}-${n}`,
    text: options.text ?? TEXTS[label](n),
    title: null,
    url: `https://example.com/${brandId}/${n}`,
    lang: n % 4 === 0 ? 'fr' : 'en',
    publishedAt,
    ingestedAt: options.ingestedAt ?? publishedAt + 5_000,
    author: options.author ?? { handle: `user${n % 7}`, name: `User ${n % 7}`, followers: (n % 7) * 1000 },
    engagement: { likes: n, shares: n % 5, replies: n % 3 },
    parentId: options.parentId ?? null,
    brandId,
    matchedTerms: [brandId],
    isDuplicate,
    duplicateOf: isDuplicate ? `${source}:${brandId}-0` : null,
    spamScore,
    spamReasons: spamScore >= 0.5 ? ['links', 'repeated text'] : [],
    detectedLang: n % 4 === 0 ? 'fr' : 'en',
    role: 'mention',
    threadId: null,
    similarTo: null,
    spamScoreBeforeCopies: null,
    spamThreshold: null,
    sentiment: { compound: options.compound, label, drivers },
  };
}

const COMPOUND = [0.6, 0, -0.5];

/** Every seeded mention, in the order they are offset on their partition. */
export function seedMentions(): ScoredMention[] {
  const out: ScoredMention[] = [];
  for (let n = 0; n < 40; n += 1) {
    out.push(
      mention(n, 'acme', {
        compound: COMPOUND[n % 3] as number,
        isDuplicate: n % 10 === 9,
        spamScore: n % 13 === 12 ? 0.95 : 0.1,
        // One mention arrives two hours late: it lands in correction rows.
        ingestedAt: n === 5 ? T0 + n * 37 * MINUTE + 2 * 3_600_000 : undefined,
      }),
    );
  }
  // The brand's support account answers user1's mention 1 (a reply on the same source).
  out.push(
    mention(40, 'acme', {
      compound: 0,
      source: 'rss',
      text: 'Acme support here: sorry, we are on it',
      author: { handle: 'AcmeSupport', name: 'Acme Support', followers: 50_000 },
      parentId: 'acme-1',
    }),
  );
  for (let n = 0; n < 12; n += 1)
    out.push(mention(n, 'globex', { compound: COMPOUND[(n + 1) % 3] as number, spamScore: n === 3 ? 0.65 : 0.1 }));
  for (let n = 0; n < 5; n += 1) out.push(mention(n, 'initech', { compound: -0.5 }));
  return out;
}

export function kindOf(m: ScoredMention): MentionKind {
  return mentionKind(m, SPAM_THRESHOLD[m.brandId] ?? 0.7);
}

/** Writes the seeded mentions' rollups and conversation files under `root`, in two flushes. */
export async function seedStore(
  root: string,
  mentions: readonly ScoredMention[] = seedMentions(),
  options: Omit<RollupsLayoutOptions, 'spamThresholdOf'> = {},
): Promise<void> {
  // As the worker does: the brands' own handles from their config, for brand_replies.
  const handlesOf = (id: string) => SEED_BRANDS.find((b) => b.id === id)?.handles ?? [];
  const layout = rollupsLayout({ handlesOf, ...options, spamThresholdOf: (id) => SPAM_THRESHOLD[id] ?? 0.7 });
  const halves = [mentions.filter((_, i) => i % 2 === 0), mentions.filter((_, i) => i % 2 === 1)];
  for (const [partition, part] of halves.entries()) {
    const records: ConsumedRecord<ScoredMention>[] = part.map((value, i) => ({
      topic: 'mentions.scored',
      partition,
      offset: String(i),
      key: Buffer.from(value.brandId),
      value,
      headers: {},
      timestamp: value.ingestedAt,
    }));
    for (const file of layout.files(records, { partition, firstOffset: '0', lastOffset: String(part.length - 1) })) {
      const target = path.join(root, file.key);
      await mkdir(path.dirname(target), { recursive: true });
      await writeFile(target, file.body);
    }
  }
}

/**
 * Writes one more flush of `mentions` (partition `partition`, offsets from 0) into the store at
 * `root`, as the aggregation worker would: a late file landing in the dates its mentions fall on.
 */
export function seedFlush(root: string, partition: number, mentions: readonly ScoredMention[]): void {
  const layout = rollupsLayout({ spamThresholdOf: (id) => SPAM_THRESHOLD[id] ?? 0.7 });
  const records = mentions.map((value, i) => ({
    topic: 'mentions.scored',
    partition,
    offset: String(i),
    key: null,
    value,
    headers: {},
    timestamp: 0,
  }));
  for (const file of layout.files(records, { partition, firstOffset: '0', lastOffset: String(mentions.length - 1) })) {
    fs.mkdirSync(path.dirname(path.join(root, file.key)), { recursive: true });
    fs.writeFileSync(path.join(root, file.key), file.body);
  }
}

/** An alert of the seeded brands, as the amplification worker raises it. */
export function seedAlert(brandId: string, n: number, overrides: Partial<Alert> = {}): Alert {
  const windowStart = T0 + n * 15 * MINUTE;
  return {
    id: `${brandId}:volume_spike:${n}`,
    brandId,
    kind: 'volume_spike',
    severity: n % 2 === 0 ? 'warning' : 'info',
    windowStart,
    windowEnd: windowStart + 15 * MINUTE,
    observed: 20 + n,
    expected: 4.5,
    mentionIds: [`rss:${brandId}-${n}`],
    sampleTexts: [`sample ${n}`],
    explanation: `Volume ${20 + n} against 4.5 usually (archived ${n}).`,
    createdAt: windowStart + 16 * MINUTE,
    author: null,
    url: null,
    sentiment: null,
    influence:
      n === 1 ? { score: 55, reach: 0.5, engagement: 0.25, conversation: 0.5, consistency: 1, relevance: 0.75, listed: 'boost' } : null,
    historical: n === 1,
    ...overrides,
  };
}

/**
 * Writes alerts into the alert archive under `root` as the raw archiver does: one flush of each
 * brand's topic (partition 0, offsets from 0), one file per window date.
 */
export async function seedAlerts(root: string, alerts: readonly Alert[]): Promise<void> {
  const brands = [...new Set(alerts.map((a) => a.brandId))];
  for (const brandId of brands) {
    const records: ConsumedRecord<Alert>[] = alerts
      .filter((a) => a.brandId === brandId)
      .map((value, i) => ({
        topic: `alerts.${brandId}`,
        partition: 0,
        offset: String(i),
        key: Buffer.from(value.id),
        value,
        headers: {},
        timestamp: value.createdAt,
      }));
    const layout = alertArchiveLayout({ brandId });
    for (const file of layout.files(records, { partition: 0, firstOffset: '0', lastOffset: String(records.length - 1) })) {
      const target = path.join(root, file.key);
      await mkdir(path.dirname(target), { recursive: true });
      await writeFile(target, file.body);
    }
  }
}
