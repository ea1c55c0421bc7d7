// A generated store for the dashboard benchmark: `days` days of one brand's mentions (and a little
// of two competitors'), written by the aggregation worker's own layout — rollups, the archive and
// the per-day author and driver aggregates — `flushesPerDay` flushes of event time per brand and
// day (1: the files a compacted store would hold; 24: a worker flushing hourly). Cached under
// .cache/ by its parameters: generating ten million mentions takes minutes, reading them is what
// is measured. `archiveOnlyRoot` gives the same files without the aggregates, as a store written
// before they existed holds them.
import fs from 'node:fs';
import path from 'node:path';
import type { ScoredMention, SentimentLabel } from '@sl/contracts';
import type { ConsumedRecord } from '@sl/kafka';
import { rollupsLayout } from '@sl/rollups';

export const BENCH_BRAND = 'acme';
export const COMPETITORS = ['globex', 'initech'];
const SOURCES = ['rss', 'mastodon', 'reddit', 'hackernews', 'reviews'];
const LANGS = ['en', 'en', 'en', 'fr', 'de'];
const LABELS: SentimentLabel[] = ['positive', 'neutral', 'negative'];
const WORDS = ['battery', 'support', 'shipping', 'update', 'price', 'screen', 'refund', 'quality', 'fast', 'broken'];
const DRIVERS = [
  [{ term: 'great', weight: 0.45 }],
  [],
  [
    { term: 'broken', weight: -0.4 },
    { term: 'awful', weight: -0.55 },
  ],
];

export interface BenchStore {
  root: string;
  /** First day (UTC midnight, epoch ms) and the day after the last. */
  from: number;
  to: number;
  mentions: number;
  files: number;
  generatedSeconds: number | null;
}

function mention(brandId: string, n: number, publishedAt: number): ScoredMention {
  const label = LABELS[n % 3] as SentimentLabel;
  return {
    id: `${SOURCES[n % 5]}:${brandId}-${n}`,
    source: SOURCES[n % 5] as string,
    sourceId: `${brandId}-${n}`,
    text: `The ${brandId} ${WORDS[n % 10]} is ${label === 'positive' ? 'great' : label === 'negative' ? 'broken, awful' : 'here'}; ${WORDS[(n * 7) % 10]} too #${WORDS[(n * 3) % 10]}`,
    title: null,
    url: `https://example.org/${brandId}/${n}`,
    lang: null,
    publishedAt,
    ingestedAt: publishedAt + (n % 100 === 0 ? 7_200_000 : 2_000),
    author: { handle: `user${(n * 7919) % 200_000}`, name: null, followers: (n * 37) % 100_000 },
    engagement: { likes: n % 40, shares: n % 9, replies: n % 5 },
    parentId: n % 4 === 0 ? `${brandId}-${n - 1}` : null,
    brandId,
    matchedTerms: [brandId],
    isDuplicate: n % 17 === 0,
    duplicateOf: n % 17 === 0 ? `rss:${brandId}-${n - 1}` : null,
    spamScore: n % 23 === 0 ? 0.9 : 0.05,
    spamReasons: n % 23 === 0 ? ['link_selling'] : [],
    detectedLang: LANGS[n % 5] as string,
    role: 'mention',
    threadId: null,
    similarTo: null,
    spamScoreBeforeCopies: null,
    spamThreshold: null,
    sentiment: { compound: label === 'positive' ? 0.6 : label === 'negative' ? -0.5 : 0, label, drivers: DRIVERS[n % 3] ?? [] },
  };
}

// Stores generated before the day aggregates existed lack them: a new name, so both can be cached.
export function benchStoreDir(cacheDir: string, mentions: number, days: number, flushesPerDay: number): string {
  return path.join(cacheDir, 'dashboard-bench', `${mentions}-mentions-${days}-days-${flushesPerDay}-flushes-with-day-aggregates`);
}

/**
 * A root holding the store's rollups and archive but not its day aggregates: what the dashboard
 * reads on a store written before the aggregates existed. Hard links, not copies (and not
 * symbolic links, which DuckDB follows out of the folder it may read).
 */
export function archiveOnlyRoot(store: BenchStore): string {
  const root = path.join(path.dirname(store.root), 'archive-only', 'objects');
  const marker = path.join(root, 'complete');
  if (fs.existsSync(marker)) return root;
  for (const folder of ['rollups', 'conversations']) {
    for (const entry of fs.readdirSync(path.join(store.root, folder), { recursive: true, withFileTypes: true })) {
      if (!entry.isFile()) continue;
      const from = path.join(entry.parentPath, entry.name);
      const to = path.join(root, path.relative(store.root, from));
      fs.mkdirSync(path.dirname(to), { recursive: true });
      if (!fs.existsSync(to)) fs.linkSync(from, to);
    }
  }
  fs.writeFileSync(marker, '');
  return root;
}

/** The store, generated into `dir` unless a complete one is already there. */
export function ensureBenchStore(
  dir: string,
  mentions: number,
  days: number,
  flushesPerDay: number,
  onProgress: (line: string) => void,
): BenchStore {
  const to = Date.UTC(2026, 0, 1);
  const from = to - days * 86_400_000;
  const root = path.join(dir, 'objects');
  const marker = path.join(dir, 'complete.json');
  // The root is where the store is now, not the one written in the marker: .cache may be shared
  // by worktrees (a link), and the one that generated it may be gone.
  if (fs.existsSync(marker)) return { ...(JSON.parse(fs.readFileSync(marker, 'utf8')) as BenchStore), root, generatedSeconds: null };
  fs.rmSync(dir, { recursive: true, force: true });
  const started = performance.now();
  const flushes = days * flushesPerDay;
  const flushMs = 86_400_000 / flushesPerDay;
  const perFlush = Math.max(1, Math.round(mentions / flushes));
  // One flush here stands for a day's (or an hour's) worth of the worker's 30 s flushes, each far
  // under the author cap: the cap is raised to the flush's size so that no author is folded.
  const layout = rollupsLayout({
    spamThresholdOf: () => 0.7,
    maxAuthorsPerDay: perFlush,
    handlesOf: (id) => (id === BENCH_BRAND ? ['acme'] : []),
  });
  let files = 0;
  let n = 0;
  let offset = 0;
  for (let flush = 0; flush < flushes; flush += 1) {
    const flushStart = from + flush * flushMs;
    for (const [brandId, count] of [
      [BENCH_BRAND, perFlush],
      ...COMPETITORS.map((c, i) => [c, Math.max(1, Math.round(perFlush / (4 + 4 * i)))] as const),
    ] as const) {
      const records: ConsumedRecord<ScoredMention>[] = [];
      for (let i = 0; i < count; i += 1) {
        n += 1;
        const value = mention(brandId, n, flushStart + Math.floor((i * flushMs) / count));
        records.push({
          topic: 'mentions.scored',
          partition: 0,
          offset: String(offset + i),
          key: null,
          value,
          headers: {},
          timestamp: value.ingestedAt,
        });
      }
      for (const file of layout.files(records, { partition: 0, firstOffset: String(offset), lastOffset: String(offset + count - 1) })) {
        const target = path.join(root, file.key);
        fs.mkdirSync(path.dirname(target), { recursive: true });
        fs.writeFileSync(target, file.body);
        files += 1;
      }
      offset += count;
    }
    if (flush % (flushesPerDay * 30) === 0)
      onProgress(`generating: day ${flush / flushesPerDay} of ${days} (${files.toLocaleString('en-US')} files so far)`);
  }
  const store: BenchStore = { root, from, to, mentions: perFlush * flushes, files, generatedSeconds: (performance.now() - started) / 1000 };
  fs.writeFileSync(marker, JSON.stringify(store));
  return store;
}
