// Aggregation throughput on one core: a flush of realistic scored mentions through the rollups
// layout (rows for three grains + the conversation archive, encoded as Parquet), next to a plain
// pass-through copy measured in the same run, and the share of the time spent writing Parquet.
// Run: node packages/rollups/bench/aggregation-bench.ts (from the repository root).
import type { ScoredMention, SentimentLabel } from '@sl/contracts';
import type { ConsumedRecord } from '@sl/kafka';
import { encodeConversations } from '../src/conversation-parquet.ts';
import { rollupRows } from '../src/rollup-rows.ts';
import { rollupsLayout } from '../src/rollups-layout.ts';

const say = (line: string) => process.stdout.write(`${line}\n`);
const brands = ['acme', 'globex', 'initech', 'umbrella', 'hooli', 'soylent', 'wonka', 'stark'];
const sources = ['rss', 'mastodon', 'reddit', 'hackernews', 'reviews'];
const labels: SentimentLabel[] = ['positive', 'neutral', 'negative'];
const words = ['battery', 'support', 'shipping', 'update', 'price', 'screen', 'refund', 'quality', 'fast', 'broken'];

function scored(n: number): ConsumedRecord<ScoredMention> {
  const publishedAt = Date.UTC(2026, 10, 24) + (n % 86_400) * 1_000;
  const value: ScoredMention = {
    id: `bench:${n}`,
    source: sources[n % sources.length] ?? 'rss',
    sourceId: String(n),
    text: `The ${brands[n % brands.length]} ${words[n % words.length]} is ${n % 3 ? 'great' : 'awful'}, ${words[(n * 7) % words.length]} too #${words[(n * 3) % words.length]} https://example.org/${n}`,
    title: null,
    url: `https://example.org/${n}`,
    lang: null,
    publishedAt,
    ingestedAt: publishedAt + (n % 100 === 0 ? 7_200_000 : 2_000),
    author: { handle: `@user${n % 5_000}`, name: null, followers: (n * 37) % 100_000 },
    engagement: { likes: n % 40, shares: n % 9, replies: n % 5 },
    parentId: n % 4 === 0 ? `bench:${n - 1}` : null,
    brandId: brands[n % brands.length] ?? 'acme',
    matchedTerms: [brands[n % brands.length] ?? 'acme'],
    isDuplicate: n % 17 === 0,
    duplicateOf: n % 17 === 0 ? `bench:${n - 1}` : null,
    spamScore: n % 23 === 0 ? 0.9 : 0.05,
    spamReasons: n % 23 === 0 ? ['link_selling'] : [],
    detectedLang: 'en',
    role: 'mention',
    threadId: null,
    similarTo: null,
    spamScoreBeforeCopies: null,
    spamThreshold: null,
    sentiment: { compound: ((n % 21) - 10) / 10, label: labels[n % 3] ?? 'neutral', drivers: [{ term: 'great', weight: 0.4 }] },
  };
  return { topic: 'mentions.scored', partition: 0, offset: String(n), key: null, value, headers: {}, timestamp: publishedAt };
}

const count = Number(process.env.BENCH_MENTIONS ?? 50_000);
const records = Array.from({ length: count }, (_, n) => scored(n));
const options = { spamThresholdOf: () => 0.7 };
const range = { partition: 0, firstOffset: '0', lastOffset: String(count - 1) };

function time(run: () => unknown, repeat = 3): number {
  run(); // warm-up
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < repeat; i += 1) {
    const started = performance.now();
    run();
    best = Math.min(best, performance.now() - started);
  }
  return best / 1000;
}

say(`aggregation: one flush of ${count} scored mentions, ${brands.length} brands, one core (best of 3)`);
const copy = time(() => records.map((r) => ({ ...r.value })));
const rows = time(() => rollupRows(records, options));
const conversations = time(() => encodeConversations(records, options));
const layout = rollupsLayout(options);
const whole = time(() => [...layout.files(records, range)]);
const parquet = whole - rows;
say('| step | seconds | mentions/s |');
say('| --- | ---: | ---: |');
say(`| pass-through copy (baseline) | ${copy.toFixed(3)} | ${Math.round(count / copy).toLocaleString('en')} |`);
say(`| rollup rows only (3 grains) | ${rows.toFixed(3)} | ${Math.round(count / rows).toLocaleString('en')} |`);
say(`| conversation archive encoding | ${conversations.toFixed(3)} | ${Math.round(count / conversations).toLocaleString('en')} |`);
say(`| whole flush (rows + all Parquet) | ${whole.toFixed(3)} | ${Math.round(count / whole).toLocaleString('en')} |`);
say(`share of the flush spent writing Parquet: ${((parquet / whole) * 100).toFixed(0)} %; whole flush vs pass-through: ${(copy / whole).toFixed(3)}x`);
// The sink uploads each file before the next is encoded, so the event loop (and the group
// heartbeat) waits at most one step of the flush, not the whole of it.
let longest = 0;
const steps = layout.files(records, range)[Symbol.iterator]();
for (let done = false; !done; ) {
  const started = performance.now();
  done = steps.next().done === true;
  longest = Math.max(longest, performance.now() - started);
}
say(`longest step of the flush, during which nothing else runs: ${(longest / 1000).toFixed(3)} s of the whole ${whole.toFixed(3)} s`);
