// npm run bench:sentiment — accuracy and macro-F1 per domain and overall, on the dev and test
// splits, for this package and its peers on the same texts; the same toward a named brand on the
// brand-directed sets (brand-bench.ts); then single-threaded warm throughput for each on the same
// texts. Prints tables; writes bench-results/sentiment.{json,md}.
// `--dev-errors` also prints this package's mistakes on the dev splits (the ones we tune on).
import { mkdirSync, writeFileSync } from 'node:fs';
import type { SentimentLabel } from '@sl/contracts';
import { scoreTowardTargets } from '../src/index.ts';
import { brandTable, scoreBrandSplit } from './brand-bench.ts';
import { readSanders } from './brand-eval-data.ts';
import { type Example, loadExamples, type Split } from './eval-data.ts';
import { evaluate, type Scores } from './metrics.ts';
import { createScorers, type Scorer } from './peers.ts';

/**
 * Each scorer's throughput is measured in ROUNDS rounds of this much CPU time of this process,
 * after one warm-up pass, and the best round is reported (the others lose time to neighbours and
 * to the JIT). CPU time, not wall time: on a machine shared with other work, wall time measures
 * the neighbours; the process's CPU time (user + system, GC threads included, so slightly
 * pessimistic) is what one core gives the scorer.
 */
const ROUND_CPU_MS = 600;
const ROUNDS = 3;

interface Slice {
  name: string;
  filter(e: Example): boolean;
}

const SLICES: readonly Slice[] = [
  { name: 'own · tweet', filter: (e) => e.source === 'own' && e.domain === 'tweet' },
  { name: 'own · product', filter: (e) => e.source === 'own' && e.domain === 'product' },
  { name: 'own · movie', filter: (e) => e.source === 'own' && e.domain === 'movie' },
  { name: 'own · restaurant', filter: (e) => e.source === 'own' && e.domain === 'restaurant' },
  { name: 'own · all', filter: (e) => e.source === 'own' },
  { name: 'UCI · Amazon (product)', filter: (e) => e.source === 'uci' && e.domain === 'product' },
  { name: 'UCI · IMDb (movie)', filter: (e) => e.source === 'uci' && e.domain === 'movie' },
  { name: 'UCI · Yelp (restaurant)', filter: (e) => e.source === 'uci' && e.domain === 'restaurant' },
  { name: 'UCI · all', filter: (e) => e.source === 'uci' },
  { name: 'all', filter: () => true },
];

interface SliceResult {
  split: Split;
  slice: string;
  n: number;
  scores: Record<string, Scores>;
}

function scoreSplit(split: Split, scorers: readonly Scorer[], devErrors: boolean): SliceResult[] {
  const examples = loadExamples(split);
  const predictions = new Map<string, SentimentLabel[]>();
  for (const s of scorers)
    predictions.set(
      s.name,
      examples.map((e) => s.label(e.text)),
    );
  if (devErrors && split === 'dev') printErrors(examples, predictions.get(scorers[0]?.name ?? '') ?? []);
  return SLICES.map((slice) => {
    const idx = examples.flatMap((e, i) => (slice.filter(e) ? [i] : []));
    const gold = idx.map((i) => examples[i]?.label ?? 'neutral');
    const scores: Record<string, Scores> = {};
    for (const s of scorers) {
      const predicted = predictions.get(s.name) ?? [];
      scores[s.name] = evaluate(
        gold,
        idx.map((i) => predicted[i] ?? 'neutral'),
      );
    }
    return { split, slice: slice.name, n: idx.length, scores };
  });
}

function printErrors(examples: readonly Example[], predicted: readonly SentimentLabel[]): void {
  for (let i = 0; i < examples.length; i++) {
    const e = examples[i];
    if (e !== undefined && predicted[i] !== e.label)
      console.log(`dev-error\t${e.source}/${e.domain}\tgold=${e.label}\tgot=${predicted[i]}\t${e.text}`);
  }
}

function cpuMs(): number {
  const used = process.cpuUsage();
  return (used.user + used.system) / 1000;
}

/** Labels per CPU-second over `count` items, `label(i)` scoring item i; warm, best of ROUNDS. */
function throughput(label: (i: number) => SentimentLabel, count: number): number {
  let sink = 0;
  for (let i = 0; i < count; i++) if (label(i) === 'positive') sink++;
  let best = 0;
  for (let round = 0; round < ROUNDS; round++) {
    let done = 0;
    const started = cpuMs();
    let elapsedMs = 0;
    while (elapsedMs < ROUND_CPU_MS) {
      for (let i = 0; i < count; i++) if (label(i) === 'positive') sink++;
      done += count;
      elapsedMs = cpuMs() - started;
    }
    best = Math.max(best, done / (elapsedMs / 1000));
  }
  if (sink < 0) console.log(sink);
  return best;
}

function pct(x: number): string {
  return (x * 100).toFixed(1);
}

function markdownTable(results: readonly SliceResult[], scorers: readonly Scorer[], split: Split): string {
  const header = ['slice', 'n', ...scorers.map((s) => `${s.name} acc / F1`)];
  const lines = [`| ${header.join(' | ')} |`, `| ${header.map((_, i) => (i < 2 ? '---' : '---:')).join(' | ')} |`];
  for (const r of results.filter((x) => x.split === split)) {
    const cells = scorers.map((s) => {
      const sc = r.scores[s.name];
      return sc === undefined ? '' : `${pct(sc.accuracy)} / ${pct(sc.macroF1)}`;
    });
    lines.push(`| ${r.slice} | ${r.n} | ${cells.join(' | ')} |`);
  }
  return lines.join('\n');
}

function main(): void {
  const devErrors = process.argv.includes('--dev-errors');
  const scorers = createScorers();
  const results = [...scoreSplit('dev', scorers, devErrors), ...scoreSplit('test', scorers, false)];
  const brandResults = [...scoreBrandSplit('dev', scorers, devErrors), ...scoreBrandSplit('test', scorers, false)];
  const texts = [...loadExamples('dev'), ...loadExamples('test')].map((e) => e.text);
  const meanChars = texts.reduce((sum, t) => sum + t.length, 0) / texts.length;
  const speed: Record<string, number> = {};
  // Toward a brand, on the short brand-directed texts (the tweets), each with its brand's names,
  // next to our overall score and AFINN on the same tweets; measured first, like ours overall,
  // before the peers' models grow the heap.
  const tweets = [...readSanders('dev'), ...readSanders('test')];
  const tweetTargets = tweets.map((e) => [{ id: e.brand, terms: e.terms }]);
  const tweetChars = tweets.reduce((sum, e) => sum + e.text.length, 0) / Math.max(1, tweets.length);
  const onTweets = (label: (text: string) => SentimentLabel) =>
    tweets.length === 0 ? 0 : throughput((i) => label(tweets[i]?.text ?? ''), tweets.length);
  const towardSpeed =
    tweets.length === 0
      ? 0
      : throughput((i) => scoreTowardTargets(tweets[i]?.text ?? '', tweetTargets[i] ?? [])[0]?.sentiment.label ?? 'neutral', tweets.length);
  const ours = scorers.find((s) => s.name === '@sl/sentiment');
  const afinn = scorers.find((s) => s.name === 'sentiment (AFINN)');
  const oursOnTweets = ours === undefined ? 0 : onTweets(ours.label);
  const afinnOnTweets = afinn === undefined ? 0 : onTweets(afinn.label);
  for (const s of scorers) speed[s.name] = throughput((i) => s.label(texts[i] ?? ''), texts.length);
  const perSecond = (x: number) => Math.round(x).toLocaleString('en-US');
  const speedTable = [
    '| scorer | texts per CPU-second |',
    '| --- | ---: |',
    ...scorers.map((s) => `| ${s.name} | ${perSecond(speed[s.name] ?? 0)} |`),
    '',
    `On the ${tweets.length} Sanders tweets (mean ${tweetChars.toFixed(0)} chars):`,
    '',
    '| scorer | texts per CPU-second |',
    '| --- | ---: |',
    `| @sl/sentiment toward the brand (scoreTowardTargets) | ${perSecond(towardSpeed)} |`,
    `| @sl/sentiment overall (scoreSentiment) | ${perSecond(oursOnTweets)} |`,
    `| sentiment (AFINN) | ${perSecond(afinnOnTweets)} |`,
  ].join('\n');
  const md = [
    '# Sentiment benchmark',
    '',
    `Node ${process.version}, one thread. Accuracy / macro-F1 in %, macro-F1 over the classes present in each slice's gold labels.`,
    '',
    ...scorers.map((s) => `- **${s.name}**: ${s.about}`),
    '',
    '## Dev split (tuned on)',
    '',
    markdownTable(results, scorers, 'dev'),
    '',
    '## Test split (held out while tuning)',
    '',
    markdownTable(results, scorers, 'test'),
    '',
    '## Toward the brand a text names, dev split (tuned on)',
    '',
    "Ours: scoreTowardTargets with the brand's names; peers: the whole text. Three classes.",
    '',
    brandTable(brandResults, scorers, 'dev'),
    '',
    '## Toward the brand a text names, test split (held out while tuning)',
    '',
    brandTable(brandResults, scorers, 'test'),
    '',
    `## Throughput (warm, single thread, CPU time of this process, best of ${ROUNDS} rounds, all ${texts.length} texts above, mean ${meanChars.toFixed(0)} chars)`,
    '',
    speedTable,
    '',
  ].join('\n');
  console.log(md);
  const outDir = new URL('../../../bench-results/', import.meta.url);
  mkdirSync(outDir, { recursive: true });
  writeFileSync(new URL('sentiment.md', outDir), md);
  writeFileSync(
    new URL('sentiment.json', outDir),
    `${JSON.stringify({ node: process.version, scorers: scorers.map((s) => ({ name: s.name, about: s.about })), results, brandResults, throughput: speed, tweetThroughput: { towardBrand: towardSpeed, overall: oursOnTweets, afinn: afinnOnTweets }, texts: texts.length, meanChars }, null, 2)}\n`,
  );
}

main();
