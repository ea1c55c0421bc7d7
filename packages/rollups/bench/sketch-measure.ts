// Measures the authors sketch: relative error of the estimate by set size, and Parquet bytes per
// rollup row with an empty, a small and a full sketch. Also times a whole layout flush.
// Run: npm exec -- node packages/rollups/bench/sketch-measure.ts (from the repository root).
import type { ScoredMention } from '@sl/contracts';
import type { ConsumedRecord } from '@sl/kafka';
import { AUTHORS_SKETCH_K, authorHash, authorsSketch, estimateAuthors } from '../src/authors-sketch.ts';
import { encodeRollupRows } from '../src/rollup-parquet.ts';
import { type RollupRow, rollupRows } from '../src/rollup-rows.ts';
import { rollupsLayout } from '../src/rollups-layout.ts';

const sizes = [500, 1_024, 2_000, 10_000, 100_000];
let offset = 0;
console.log(
  `k = ${AUTHORS_SKETCH_K}, expected relative standard error 1/sqrt(k-2) = ${(100 / Math.sqrt(AUTHORS_SKETCH_K - 2)).toFixed(2)} %`,
);
for (const n of sizes) {
  const trials = n >= 100_000 ? 20 : 100;
  const errors: number[] = [];
  for (let t = 0; t < trials; t += 1) {
    const hashes: bigint[] = [];
    for (let i = 0; i < n; i += 1) hashes.push(authorHash('bench', `a${offset + i}`));
    offset += n;
    errors.push(estimateAuthors(authorsSketch(hashes)) / n - 1);
  }
  const rms = Math.sqrt(errors.reduce((s, e) => s + e * e, 0) / trials);
  const max = Math.max(...errors.map(Math.abs));
  const mean = errors.reduce((s, e) => s + e, 0) / trials;
  console.log(
    `n=${n}: trials ${trials}, rms error ${(rms * 100).toFixed(2)} %, max ${(max * 100).toFixed(2)} %, bias ${(mean * 100).toFixed(2)} %`,
  );
}

const base: RollupRow = {
  grain: 'minute',
  brandId: 'b',
  windowStart: 0,
  source: 'rss',
  lang: 'en',
  isCorrection: false,
  verdict: 'scored',
  mentions: 1,
  threadReplies: 0,
  duplicates: 0,
  spam: 0,
  positive: 1,
  neutral: 0,
  negative: 0,
  sentimentSum: 0.5,
  sentimentSumSq: 0.25,
  reach: 10,
  likes: 1,
  shares: 1,
  replies: 1,
  authorsSketch: [],
  authorsEstimate: 0,
  topTerms: [],
  topHashtags: [],
};
const range = { partition: 0, firstOffset: '0', lastOffset: '0' };
const rowsOf = (authors: number) =>
  Array.from({ length: 200 }, (_, i) => {
    const sketch = authorsSketch(Array.from({ length: authors }, (_, j) => authorHash('s', `r${i}-${j}`)));
    return { ...base, windowStart: i * 60_000, authorsSketch: sketch, authorsEstimate: estimateAuthors(sketch) };
  });
const empty = encodeRollupRows(rowsOf(0), range).length;
for (const authors of [1, 10, 100, 5_000]) {
  const bytes = encodeRollupRows(rowsOf(authors), range).length;
  console.log(
    `sketch of ${authors} authors: ${((bytes - empty) / 200).toFixed(0)} bytes per row over an empty sketch (file of 200 rows: ${bytes} bytes)`,
  );
}

// One flush of 50,000 mentions: 5 brands, 4 sources, one day, 2,000 authors per brand.
const records: ConsumedRecord<ScoredMention>[] = [];
for (let n = 0; n < 50_000; n += 1) {
  const publishedAt = Date.UTC(2024, 4, 1) + ((n * 7919) % 86_400) * 1_000;
  const value: ScoredMention = {
    id: `s:${n}`,
    source: `src${n % 4}`,
    sourceId: String(n),
    text: `Mention number ${n} of the product, battery life and screen #launch #brand${n % 5}`,
    title: null,
    url: null,
    lang: 'en',
    publishedAt,
    ingestedAt: publishedAt + 1_000,
    author: { handle: `u${n % 2_000}`, name: null, followers: n },
    engagement: { likes: 1, shares: 2, replies: 3 },
    parentId: null,
    brandId: `brand${n % 5}`,
    matchedTerms: ['product'],
    isDuplicate: n % 20 === 0,
    duplicateOf: null,
    spamScore: (n % 10) / 10,
    spamReasons: [],
    detectedLang: 'en',
    role: 'mention',
    threadId: null,
    similarTo: null,
    spamScoreBeforeCopies: null,
    spamThreshold: null,
    sentiment: { compound: 0.1, label: 'positive', drivers: [{ term: 'good', weight: 0.1 }] },
  };
  records.push({ topic: 't', partition: 0, offset: String(n), key: null, value, headers: {}, timestamp: publishedAt });
}
const layout = rollupsLayout({ spamThresholdOf: () => 0.8 });
const flushRange = { partition: 0, firstOffset: '0', lastOffset: '49999' };
[...layout.files(records.slice(0, 1_000), flushRange)];
let started = performance.now();
const rows = rollupRows(records, { spamThresholdOf: () => 0.8 });
const aggregateMs = performance.now() - started;
started = performance.now();
const files = [...layout.files(records, flushRange)];
const totalMs = performance.now() - started;
const bytes = files.reduce((s, f) => s + f.body.length, 0);
console.log(
  `flush of 50,000 mentions: ${files.length} files, ${rows.length} rollup rows, ${(bytes / 1e6).toFixed(1)} MB; ` +
    `rollupRows ${aggregateMs.toFixed(0)} ms, whole layout ${totalMs.toFixed(0)} ms (${Math.round(50_000 / (totalMs / 1000))} mentions/s)`,
);
