// The aggregation worker's own cost per mention, and what its memories hold per entry, on text
// nobody here wrote (real-text-mentions.ts): the Sanders tweets are the split the changes were
// tuned on, the YouTube comments the split they are reported on (never tuned on). Prints CPU µs
// per mention for terms, rollup rows and the whole flush (rows and every Parquet file), and the
// live heap of a buffered record, of a correction-chain entry and of a flush in progress.
// Run: node packages/rollups/bench/flush-cost.ts [--mentions 20000] (from the repository root).
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { type ScoredMention, type VerdictCorrection, verdictCorrectionContract } from '@sl/contracts';
import type { ConsumedRecord } from '@sl/kafka';
import { createCorrectionChain } from '../src/correction-chain.ts';
import { correctionsLayout } from '../src/corrections-layout.ts';
import { rollupRows } from '../src/rollup-rows.ts';
import { rollupsLayout } from '../src/rollups-layout.ts';
import { hashtagsOf, termsOf } from '../src/top-terms.ts';
import { type SourceText, sandersTexts, scoredRecords, youtubeTexts } from './real-text-mentions.ts';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const say = (line: string) => process.stdout.write(`${line}\n`);
const arg = (name: string, fallback: number): number => {
  const at = process.argv.indexOf(`--${name}`);
  return at < 0 ? fallback : Number(process.argv[at + 1]);
};
const COUNT = arg('mentions', 20_000);
const options = { spamThresholdOf: () => 0.7 };

/** CPU µs per item of the fastest of `repeat` runs (after one warm-up). */
function cpuMicros(items: number, run: () => unknown, repeat = 3): number {
  run();
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < repeat; i += 1) {
    const before = process.cpuUsage();
    run();
    const used = process.cpuUsage(before);
    best = Math.min(best, used.user + used.system);
  }
  return best / items;
}

function liveHeap(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

function measure(split: string, texts: readonly SourceText[]) {
  const records = scoredRecords(texts, COUNT);
  const textOf = (m: ScoredMention) => (m.title === null ? m.text : `${m.title}\n${m.text}`);
  const terms = cpuMicros(COUNT, () => {
    for (const r of records) {
      termsOf(textOf(r.value));
      hashtagsOf(textOf(r.value));
    }
  });
  const rows = cpuMicros(COUNT, () => rollupRows(records, options));
  const layout = rollupsLayout(options);
  const range = { partition: 0, firstOffset: '0', lastOffset: String(COUNT - 1) };
  let files = 0;
  const whole = cpuMicros(COUNT, () => {
    files = 0;
    for (const _file of layout.files(records, range)) files += 1;
  });

  // Memory: a buffered record (what the sink holds), a flush in progress on top of its records.
  const base = liveHeap();
  const held = scoredRecords(texts, COUNT);
  const perRecord = (liveHeap() - base) / COUNT;
  const withRecords = liveHeap();
  let flushPeak = 0;
  let largestFile = 0;
  for (const file of layout.files(held, range)) {
    largestFile = Math.max(largestFile, file.body.length);
    flushPeak = Math.max(flushPeak, liveHeap() - withRecords);
  }
  const estimate = held.reduce((n, r) => n + layout.sizeOf(r), 0) / COUNT;
  say(
    `| ${split} | ${terms.toFixed(1)} | ${rows.toFixed(1)} | ${whole.toFixed(1)} | ${(whole - rows).toFixed(1)} | ${files} | ${Math.round(perRecord)} | ${Math.round(estimate)} | ${(flushPeak / 1024 / 1024).toFixed(1)} | ${(largestFile / 1024 / 1024).toFixed(2)} |`,
  );
}

say(
  `aggregation flush cost: ${COUNT.toLocaleString('en')} scored mentions in one flush of one partition, 25 minutes of publication times; one core; CPU µs per mention (best of 3); load average ${(
    await import('node:os')
  )
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(', ')}`,
);
say('');
say(
  '| split | terms + hashtags µs | rollup rows µs | whole flush µs | of which Parquet µs | files | live heap per buffered record, B | sizeOf estimate, B | live heap of the flush, MB | largest file, MB |',
);
say('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
measure('tuning: Sanders tweets', sandersTexts());
measure('reported: YouTube comments', youtubeTexts());

// Verdict corrections as the corrections sink buffers them (decoded), and the correction chain:
// bytes per mention it remembers, one correction each (most mentions are corrected once).
const CHAIN = 100_000;
const corrections: ConsumedRecord<VerdictCorrection>[] = [];
const correctionsBase = liveHeap();
for (let n = 0; n < CHAIN; n += 1) {
  const correction: VerdictCorrection = {
    id: `event_time:apple:mastodon:1100${n}`,
    by: 'event_time',
    mentionId: `mastodon:1100${n}`,
    brandId: 'apple',
    source: 'mastodon',
    lang: 'en',
    publishedAt: 1_796_000_000_000 + n,
    ingestedAt: 1_796_000_002_000 + n,
    authorHandle: `user${n % 5_000}`,
    followers: n % 1_000,
    likes: n % 7,
    shares: n % 3,
    replies: n % 2,
    compound: 0.25,
    fromKind: 'counted',
    toKind: 'spam',
    fromSentiment: 'neutral',
    toSentiment: 'neutral',
    reason: 'posted by 12 accounts within a minute',
    correctedAt: 1_796_000_060_000 + n,
  };
  corrections.push({
    topic: 'mentions.corrections',
    partition: n % 6,
    offset: String(n),
    key: Buffer.from('apple'),
    value: verdictCorrectionContract.decode(verdictCorrectionContract.encode(correction)),
    headers: {},
    timestamp: 0,
  });
}
const correctionBytes = (liveHeap() - correctionsBase) / CHAIN;
const correctionEstimate = corrections.reduce((n, r) => n + correctionsLayout().sizeOf(r), 0) / CHAIN;
const chainBase = liveHeap();
const chain = createCorrectionChain({ maxMentions: CHAIN });
for (const record of corrections) chain.resolve(record.partition, record.offset, record.value);
const chainBytes = (liveHeap() - chainBase) / CHAIN;
say('');
say(
  `verdict corrections: ${Math.round(correctionBytes)} B of live heap per buffered record (sizeOf estimate ${Math.round(correctionEstimate)} B); correction chain: ${Math.round(chainBytes)} B per remembered mention (${CHAIN.toLocaleString('en')} mentions, one correction each)`,
);
// Keep what was measured reachable until here.
void (chain.size() + corrections.length);
