// What one mention costs the enricher, and whether that depends on how much it remembers or on a
// spam flood. Prints figures; asserts nothing. Run with --expose-gc for heap figures after GC.
//
// Traffic is the demo generator's (@sl/generator: several sources, copies, spam, threads, the
// brands of examples/brands.yaml), the same as `npm run bench:pipeline` feeds the real enricher.
// One stream (seed 7) fills the enricher's state; another (seed 11) is the sample whose CPU time
// per mention is measured, the same sample at every state size:
//   1. pass-through (copying fields), the floor, measured in the same run;
//   2. the sample after 10,000 mentions, then after 1,000,000 (near-duplicate index sized to hold
//      them all; every other memory at its default capacity, full by then);
//   3. a spam flood after 10,000 mentions: real spam comments (UCI YouTube Spam Collection, read
//      from ../shared/data, never copied here) naming a brand, each pasted thousands of times by
//      different authors with one word changed, against the sample at the same state size.
// Sizes: `node bench/enrich-bench.ts [small] [large]` (default 10000 1000000).
import { performance } from 'node:perf_hooks';
import { loadBrandsFile } from '@sl/brands';
import { type EnrichedMention, parseMentionInput, type RawMention, toRawMention } from '@sl/contracts';
import { createGenerator } from '@sl/generator';
import { createEnricher, type Enricher, type EnricherOptions } from '../src/index.ts';
import { readVideo } from '../scripts/youtube-spam-data.ts';

const SMALL = Number(process.argv[2] ?? 10_000);
const LARGE = Number(process.argv[3] ?? 1_000_000);
const SAMPLE = 20_000;
const FLOOD = 20_000;
/** Fixed event time, so every run generates the same mentions. */
const START_MS = Date.UTC(2026, 10, 2);

const brands = await loadBrandsFile(new URL('../../../examples/brands.yaml', import.meta.url).pathname, { updatedAt: 0 });
const gc = (globalThis as { gc?: () => void }).gc;

/** Calls `each` with `count` generated mentions, a minute of event time at a time (never all in memory). */
function generate(seed: number, count: number, each: (raw: RawMention, n: number) => void): void {
  const generator = createGenerator({ seed, ratePerSecond: 200 });
  let n = 0;
  for (let from = START_MS; n < count; from += 60_000) {
    for (const json of generator.history(from, from + 60_000)) {
      const parsed = parseMentionInput(json);
      if (!parsed.ok) throw new Error(`the generator made a mention the gateway would refuse: ${JSON.stringify(parsed.issues)}`);
      if (n === count) return;
      each(toRawMention(parsed.value, from), n++);
    }
  }
}

/**
 * Generated mentions renamed apart from the filling stream's (ids, source ids, parents, URLs): the
 * generator numbers posts the same way under every seed, and the sample's replies must find their
 * own posts, not the filling stream's.
 */
function sampleOf(seed: number, count: number): RawMention[] {
  const out: RawMention[] = [];
  const rename = (value: string) =>
    /^https?:\/\//i.test(value) ? value.replace(/^(https?:\/\/)/i, '$1sample.') : /^[a-z][\w.-]*:[^/]/i.test(value) ? value.replace(':', ':s-') : `s-${value}`;
  generate(seed, count, (raw) =>
    out.push({
      ...raw,
      id: rename(raw.id),
      sourceId: rename(raw.sourceId),
      url: raw.url === null ? null : rename(raw.url),
      parentId: raw.parentId === null ? null : rename(raw.parentId),
    }),
  );
  return out;
}

/** Copies of real spam comments, each naming a brand, one word changed per copy, one author each. */
function floodOf(count: number): RawMention[] {
  const spam = readVideo('Youtube01-Psy')
    .filter((c) => c.spam)
    .map((c) => c.text.replace(/\s+/g, ' ').trim())
    .filter((text) => text.split(' ').length >= 12)
    .slice(0, 5);
  return Array.from({ length: count }, (_, i) => ({
    id: `flood:${i}`,
    source: 'youtube',
    sourceId: `flood-${i}`,
    text: `Acme ${spam[i % spam.length]} ${i}`,
    title: null,
    url: null,
    lang: null,
    publishedAt: START_MS + i,
    ingestedAt: START_MS + i,
    author: { handle: `flooder${i}`, name: null, followers: null },
    engagement: { likes: 0, shares: 0, replies: 0 },
    parentId: null,
  }));
}

function passThrough(raw: RawMention): EnrichedMention[] {
  return [
    {
      ...raw,
      brandId: 'acme',
      matchedTerms: [],
      isDuplicate: false,
      duplicateOf: null,
      spamScore: 0,
      spamReasons: [],
      detectedLang: null,
      role: 'mention',
      threadId: null,
      similarTo: null,
      spamScoreBeforeCopies: null,
      spamThreshold: null,
    },
  ];
}

/** CPU time (user + system) per mention, µs: the machine is shared, so wall time would count others' work. */
function measure(name: string, mentions: readonly RawMention[], handle: (raw: RawMention, origin: string) => EnrichedMention[]): number {
  let out = 0;
  const cpu = process.cpuUsage();
  const wall = performance.now();
  for (let i = 0; i < mentions.length; i++) out += handle(mentions[i] as RawMention, `bench:${i}`).length;
  const used = process.cpuUsage(cpu);
  const wallMs = performance.now() - wall;
  const perMention = (used.user + used.system) / mentions.length;
  say(`  ${name.padEnd(46)} ${perMention.toFixed(1).padStart(7)} µs CPU/mention ${(wallMs * 1000 / mentions.length).toFixed(1).padStart(7)} µs wall  (${mentions.length} in, ${out} out)`);
  return perMention;
}

function say(line: string): void {
  process.stdout.write(`${line}\n`);
}

const mb = (bytes: number) => `${(bytes / 1e6).toFixed(0)} MB`;

function memory(label: string, enricher: Enricher): void {
  gc?.();
  const m = process.memoryUsage();
  const stats = enricher.stateStats;
  say(`${label}: heap ${mb(m.heapUsed)} + array buffers ${mb(m.arrayBuffers)}, RSS ${mb(m.rss)}; ${JSON.stringify(stats)}`);
}

/** Default options, but a near-duplicate index that holds the large state whole. */
const options: Partial<EnricherOptions> = { nearDuplicateCapacity: Math.max(LARGE, SMALL) };

function filled(count: number): Enricher {
  const enricher = createEnricher({ brands, options });
  generate(7, count, (raw, n) => enricher.enrich(raw, `fill:${n}`));
  return enricher;
}

say(`enrich: cost per mention by state size and under a spam flood (${brands.length} brands from examples/brands.yaml, one core, CPU time)`);
const sample = sampleOf(11, SAMPLE);
const flood = floodOf(FLOOD);
/** Fills a fresh enricher with `fill` mentions, measures `mentions` on it, prints its state; the enricher is then dropped. */
function afterFill(name: string, fill: number, mentions: readonly RawMention[]): number {
  const enricher = filled(fill);
  const cost = measure(name, mentions, enricher.enrich);
  memory('    then', enricher);
  return cost;
}

// Warm-up on a throwaway enricher, so every measured case runs optimised code.
afterFill('warm-up (discarded)', SMALL, sample);
afterFill('warm-up flood (discarded)', SMALL, flood);

const floor = measure('pass-through (copy fields)', sample, passThrough);
const atSmall = afterFill(`sample after ${SMALL.toLocaleString('en')} mentions`, SMALL, sample);
const atFlood = afterFill(`spam flood after ${SMALL.toLocaleString('en')} mentions`, SMALL, flood);
const atLarge = afterFill(`sample after ${LARGE.toLocaleString('en')} mentions`, LARGE, sample);

say(`  ratio ${LARGE.toLocaleString('en')} / ${SMALL.toLocaleString('en')}: ${(atLarge / atSmall).toFixed(2)}x;  flood / sample: ${(atFlood / atSmall).toFixed(2)}x;  sample / pass-through: ${(atSmall / floor).toFixed(0)}x`);
say(`  peak RSS ${mb(process.resourceUsage().maxRSS * 1024)} (the process, sample and generator included)`);
